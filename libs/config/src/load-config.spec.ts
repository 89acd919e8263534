import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.errors.js';
import { DEVELOPMENT_CLIENT_ID, loadConfig } from './load-config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'gk-config-'));

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/grantkeeper',
  GOOGLE_CLIENT_IDS: 'web.apps.googleusercontent.com, android.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://app.example.com',
};

describe(loadConfig.name, () => {
  it('runs with no configuration outside production: emulator, dev client, generated secrets', () => {
    const { config, warnings } = loadConfig({ DATA_DIR: dataDir() });
    expect(config.google.usesEmulator).toBe(true);
    expect(config.google.clientIds).toEqual([DEVELOPMENT_CLIENT_ID]);
    expect(config.google.urls.jwks).toBe('http://localhost:4400/oauth2/v3/certs');
    expect(config.session.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.session.secureCookie).toBe(false);
    expect(warnings.join('\n')).toMatch(/development secrets/);
  });

  it('keeps the same generated secrets across starts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).config.session.secret).toBe(
      loadConfig({ DATA_DIR: dir }).config.session.secret,
    );
  });

  it('accepts a complete production environment with Google’s real endpoints', () => {
    const { config, warnings } = loadConfig(production);
    expect(config.google.clientIds).toEqual([
      'web.apps.googleusercontent.com',
      'android.apps.googleusercontent.com',
    ]);
    expect(config.google.webClientId).toBe('web.apps.googleusercontent.com');
    expect(config.google.urls.jwks).toBe('https://www.googleapis.com/oauth2/v3/certs');
    expect(config.session.secureCookie).toBe(true);
    expect(config.session.cookieName).toBe('__Host-gk_session');
    expect(warnings).toEqual([]);
  });

  it.each(['DATABASE_URL', 'GOOGLE_CLIENT_IDS', 'GOOGLE_CLIENT_SECRET', 'SESSION_SECRET'])(
    'refuses production without %s and names it',
    (name) => {
      const env: Record<string, string> = { ...production };
      delete env[name];
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(name));
    },
  );

  it('refuses the emulator in production', () => {
    expect(() =>
      loadConfig({ ...production, GOOGLE_EMULATOR_URL: 'http://localhost:4400' }),
    ).toThrow(/GOOGLE_EMULATOR_URL/);
  });

  it('names every invalid variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/SESSION_SECRET/);
    }
  });

  it('lets each Google URL be overridden on its own', () => {
    const { config } = loadConfig({
      ...production,
      GOOGLE_JWKS_URL: 'https://proxy.example.com/certs',
    });
    expect(config.google.urls.jwks).toBe('https://proxy.example.com/certs');
    expect(config.google.urls.token).toBe('https://oauth2.googleapis.com/token');
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.errors.js';
import { DEVELOPMENT_CLIENT_ID, loadConfig, loadDatabaseUrl } from './load-config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'gk-config-'));
const vaultKey = () => randomBytes(32).toString('base64url');

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/grantkeeper',
  GOOGLE_CLIENT_IDS: 'web.apps.googleusercontent.com, android.apps.googleusercontent.com',
  GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://app.example.com',
  VAULT_KEYS: `1:${vaultKey()}`,
  METRICS_TOKEN: 'm'.repeat(32),
  ADMIN_EMAILS: 'ops@example.com',
};

describe(loadConfig.name, () => {
  it('runs with no configuration outside production: emulator, dev client, generated secrets', () => {
    const { config, warnings } = loadConfig({ DATA_DIR: dataDir() });
    expect(config.google.usesEmulator).toBe(true);
    expect(config.google.clientIds).toEqual([DEVELOPMENT_CLIENT_ID]);
    expect(config.google.urls.jwks).toBe('http://localhost:4400/oauth2/v3/certs');
    expect(config.google.risc).toEqual({
      configurationUrl: 'http://localhost:4400/.well-known/risc-configuration',
      jwksUrl: undefined,
      issuer: 'https://accounts.google.com/',
    });
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
    expect(config.google.risc.configurationUrl).toBe(
      'https://accounts.google.com/.well-known/risc-configuration',
    );
    expect(config.google.risc.issuer).toBe('https://accounts.google.com/');
    expect(config.session.secureCookie).toBe(true);
    expect(config.session.cookieName).toBe('__Host-gk_session');
    expect(warnings).toEqual([]);
  });

  it.each([
    'DATABASE_URL',
    'GOOGLE_CLIENT_IDS',
    'GOOGLE_CLIENT_SECRET',
    'SESSION_SECRET',
    'VAULT_KEYS',
  ])('refuses production without %s and names it', (name) => {
    const env: Record<string, string> = { ...production };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  describe('production checks', () => {
    const problemsOf = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (error) {
        return error instanceof ConfigError ? error.message : String(error);
      }
      return '';
    };

    it('requires METRICS_TOKEN', () => {
      const withoutToken: Record<string, string> = { ...production };
      delete withoutToken.METRICS_TOKEN;
      expect(problemsOf(withoutToken)).toMatch(/METRICS_TOKEN: required/);
    });

    it('refuses an http:// PUBLIC_URL except on localhost', () => {
      expect(problemsOf({ ...production, PUBLIC_URL: 'http://app.example.com' })).toMatch(
        /PUBLIC_URL: must be https/,
      );
      expect(problemsOf({ ...production, PUBLIC_URL: 'http://localhost:3000' })).toBe('');
    });

    it('refuses TRUST_PROXY=true and accepts proxy addresses and CIDR ranges', () => {
      expect(problemsOf({ ...production, TRUST_PROXY: 'true' })).toMatch(/TRUST_PROXY: true lets/);
      const { config } = loadConfig({ ...production, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' });
      expect(config.trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
      expect(loadConfig({ ...production, TRUST_PROXY: 'false' }).config.trustProxy).toBe(false);
      expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'true' }).config.trustProxy).toBe(true);
    });

    it('names TRUST_PROXY when an entry is neither an address nor a range', () => {
      for (const wrong of ['yes', '10.0.0.0/33', '10.0.0.300', 'fe80::/129', '10.0.0.0/8/1']) {
        expect(problemsOf({ ...production, TRUST_PROXY: wrong })).toMatch(/TRUST_PROXY: must be/);
      }
    });

    it('warns that nobody can open the dashboard without ADMIN_EMAILS', () => {
      const withoutAdmins: Record<string, string> = { ...production };
      delete withoutAdmins.ADMIN_EMAILS;
      expect(loadConfig(withoutAdmins).warnings).toEqual([
        'ADMIN_EMAILS is empty: nobody can open the dashboard (/admin).',
      ]);
    });
  });

  it('validates cron variables with the cron library and names the variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), KEEP_ALIVE_CRON: '99 * * * *' })).toThrow(
      /KEEP_ALIVE_CRON: .+/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), PURGE_CRON: '0 30 4 * * 1-5' })).not.toThrow();
    expect(() => loadConfig({ DATA_DIR: dataDir(), PURGE_CRON: '* * * * 8' })).toThrow(
      /PURGE_CRON/,
    );
  });

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

  it('refuses service accounts unless GOOGLE_ALLOW_SERVICE_ACCOUNTS says otherwise', () => {
    expect(loadConfig(production).config.google.allowServiceAccounts).toBe(false);
    const allowed = { ...production, GOOGLE_ALLOW_SERVICE_ACCOUNTS: 'true' };
    expect(loadConfig(allowed).config.google.allowServiceAccounts).toBe(true);
    expect(() => loadConfig({ ...production, GOOGLE_ALLOW_SERVICE_ACCOUNTS: 'yes' })).toThrow(
      /GOOGLE_ALLOW_SERVICE_ACCOUNTS/,
    );
  });

  it('lets each Google URL be overridden on its own', () => {
    const { config } = loadConfig({
      ...production,
      GOOGLE_JWKS_URL: 'https://proxy.example.com/certs',
    });
    expect(config.google.urls.jwks).toBe('https://proxy.example.com/certs');
    expect(config.google.urls.token).toBe('https://oauth2.googleapis.com/token');
  });

  describe('vault keyring', () => {
    it('generates a development keyring once (mode 0600) and warns about it', () => {
      const dir = dataDir();
      const first = loadConfig({ DATA_DIR: dir });
      expect(first.config.vault.developmentKeyring).toBe(true);
      expect(first.config.vault.activeVersion).toBe(1);
      expect(first.warnings.join('\n')).toMatch(/development vault keyring.*VAULT_KEYS/);
      expect(statSync(join(dir, 'dev-vault-keyring.json')).mode & 0o777).toBe(0o600);
      const again = loadConfig({ DATA_DIR: dir }).config.vault.keys[0].key;
      expect(again.equals(first.config.vault.keys[0].key)).toBe(true);
    });

    it('makes the highest configured version active unless told otherwise', () => {
      const keys = `1:${vaultKey()},3:${vaultKey()},2:${vaultKey()}`;
      expect(loadConfig({ ...production, VAULT_KEYS: keys }).config.vault.activeVersion).toBe(3);
      const pinned = loadConfig({ ...production, VAULT_KEYS: keys, VAULT_ACTIVE_KEY_VERSION: '2' });
      expect(pinned.config.vault.activeVersion).toBe(2);
      expect(pinned.config.vault.developmentKeyring).toBe(false);
    });

    it('refuses an active version that is not configured', () => {
      expect(() => loadConfig({ ...production, VAULT_ACTIVE_KEY_VERSION: '2' })).toThrow(
        /VAULT_ACTIVE_KEY_VERSION: version 2 is not in VAULT_KEYS/,
      );
    });

    it('names VAULT_KEYS when it is invalid and never echoes the key', () => {
      const short = randomBytes(16).toString('base64url');
      for (const value of [`1:${short}`, short, `1:${vaultKey()},1:${short}`]) {
        const error = captureError(() => loadConfig({ ...production, VAULT_KEYS: value }));
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toMatch(/VAULT_KEYS/);
        expect(error.message).not.toContain(short);
      }
    });

    it('keeps key material out of the configuration’s JSON and inspection', () => {
      const key = vaultKey();
      const { config } = loadConfig({ ...production, VAULT_KEYS: `1:${key}` });
      expect(JSON.stringify(config)).not.toContain(key);
      expect(inspect(config, { depth: 10 })).not.toContain(key);
    });
  });
});

function captureError(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe(loadDatabaseUrl.name, () => {
  it('reads DATABASE_URL alone, in production too', () => {
    const url = 'postgres://u:p@db:5432/grantkeeper';
    expect(loadDatabaseUrl({ NODE_ENV: 'production', DATABASE_URL: url })).toBe(url);
  });

  it('names DATABASE_URL when it is unset or not a postgres:// URL', () => {
    for (const env of [{}, { DATABASE_URL: 'mysql://x' }]) {
      expect(() => loadDatabaseUrl(env)).toThrow(/DATABASE_URL: set it to a postgres:\/\/ URL/);
    }
  });
});

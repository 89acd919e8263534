import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXAMPLE_SERVICE_PORT,
  exampleServiceConfig,
  ExampleServiceConfigError,
} from './example-service.config.js';
import { digestMessage } from './digest.js';

const KEY = `gk_test_${'a'.repeat(71)}`;

describe('exampleServiceConfig', () => {
  it('reads the key from GRANTKEEPER_API_KEY_FILE, with defaults for the rest', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'example-service-')), 'api-key');
    writeFileSync(file, `${KEY}\n`);
    const config = exampleServiceConfig({
      GRANTKEEPER_URL: 'http://localhost:3000/',
      GRANTKEEPER_API_KEY_FILE: file,
    });
    expect(config).toMatchObject({
      port: DEFAULT_EXAMPLE_SERVICE_PORT,
      grantkeeperUrl: 'http://localhost:3000',
      apiKey: KEY,
      gmailBaseUrl: 'https://gmail.googleapis.com',
      purpose: 'weekly-digest',
    });
    expect(config.publicUrl).toBeUndefined();
    const own = exampleServiceConfig({
      GRANTKEEPER_URL: 'http://localhost:3000',
      GRANTKEEPER_API_KEY: KEY,
      EXAMPLE_SERVICE_PUBLIC_URL: 'http://localhost:4500/',
    });
    expect(own.publicUrl).toBe('http://localhost:4500');
  });

  it('names what is missing or wrong, never the key', () => {
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        exampleServiceConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ExampleServiceConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ GRANTKEEPER_API_KEY: KEY })).toBe('GRANTKEEPER_URL is required');
    expect(refused({ GRANTKEEPER_URL: 'ftp://x', GRANTKEEPER_API_KEY: KEY })).toBe(
      'GRANTKEEPER_URL must be an http(s) URL',
    );
    expect(refused({ GRANTKEEPER_URL: 'http://x' })).toMatch(/GRANTKEEPER_API_KEY or/);
    const wrong = refused({ GRANTKEEPER_URL: 'http://x', GRANTKEEPER_API_KEY: 'secret-value' });
    expect(wrong).toBe('the Grantkeeper API key must start with gk_');
    expect(
      refused({ GRANTKEEPER_URL: 'http://x', GRANTKEEPER_API_KEY_FILE: '/nonexistent/key' }),
    ).toMatch(/cannot be read/);
    expect(
      refused({ GRANTKEEPER_URL: 'http://x', GRANTKEEPER_API_KEY: KEY, EXAMPLE_SERVICE_PORT: 'x' }),
    ).toMatch(/EXAMPLE_SERVICE_PORT/);
    expect(
      refused({
        GRANTKEEPER_URL: 'http://x',
        GRANTKEEPER_API_KEY: KEY,
        EXAMPLE_SERVICE_PUBLIC_URL: 'javascript:x',
      }),
    ).toBe('EXAMPLE_SERVICE_PUBLIC_URL must be an http(s) URL');
  });
});

describe('digestMessage', () => {
  it('is an RFC 2822 message with the agenda only when asked', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const plain = digestMessage({ to: 'alice@example.com', name: 'Alice', now });
    expect(plain).toMatch(/^To: alice@example.com\r\n/);
    expect(plain).toContain('Subject: Your weekly digest (2026-12-03)\r\n');
    expect(plain).toContain('\r\n\r\nHello Alice,');
    expect(plain).not.toContain('agenda');
    const withAgenda = digestMessage({ to: 'a@example.com', name: undefined, agenda: ['x'], now });
    expect(withAgenda).toContain('Your agenda:\r\n  - x');
  });
});

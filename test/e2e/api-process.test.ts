import { spawnSync } from 'node:child_process';
import { freePort } from '@grantkeeper/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { request } from '../support/http-client.js';
import { type ProcessStack, runNode, startProcessStack } from '../support/process-stack.js';
import { createTestDatabase } from '../support/test-database.js';

/** A complete production environment for the compiled api, on `databaseUrl`. */
function productionEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GOOGLE_CLIENT_IDS: 'start-up.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'test-client-secret',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://start-up.example.com',
    VAULT_KEYS: `1:${'k'.repeat(43)}`,
    METRICS_TOKEN: 'start-up-metrics-token',
    ADMIN_EMAILS: 'ops@example.com',
  };
}

describe('The api as a process', () => {
  let stack: ProcessStack;

  beforeAll(async () => {
    stack = await startProcessStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('writes structured logs with request ids and without credentials, cookies or tokens', async () => {
    const token = await stack.mintIdToken();
    const signIn = await request(`${stack.apiUrl}/auth/google/id-token`, {
      json: { credential: token },
      headers: { 'x-request-id': 'trace-me-42' },
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
    await request(`${stack.apiUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}`, cookie },
    });
    await request(`${stack.apiUrl}/auth/google/callback?code=4/secret-code&state=s3cr3t`);
    // Info lines are written in batches, at most a second after they were logged.
    const records = () =>
      stack.api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const find = () => records().find((r) => r.msg === 'request' && r.reqId === 'trace-me-42');
    const access = await eventually(() => Promise.resolve(find()), Boolean, 5_000);
    expect(access).toMatchObject({
      level: 30,
      req: { method: 'POST', url: '/auth/google/id-token' },
      res: { statusCode: 200 },
    });
    expect(access?.responseTime).toEqual(expect.any(Number));
    const logs = stack.api.output();
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]);
    expect(logs).not.toContain(cookie.split('=')[1]);
    expect(logs).not.toContain('secret-code');
    expect(logs).not.toContain('s3cr3t');
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const extra = await startProcessStack();
    const code = await extra.api.stop('SIGTERM');
    expect(code).toBe(0);
    await extra.stop();
  });
});

describe('Production start-up', () => {
  it('refuses to start without its required settings and names them', async () => {
    const api = runNode('dist/apps/api/src/main.js', {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
    });
    expect(await api.stop('SIGCONT')).toBe(1);
    const output = api.output();
    for (const name of [
      'DATABASE_URL',
      'GOOGLE_CLIENT_IDS',
      'GOOGLE_CLIENT_SECRET',
      'SESSION_SECRET',
      'VAULT_KEYS',
      'METRICS_TOKEN',
    ]) {
      expect(output).toContain(name);
    }
  });

  it('names DATABASE_URL and the host in one line when PostgreSQL cannot be reached', async () => {
    const port = await freePort();
    const started = Date.now();
    const api = runNode(
      'dist/apps/api/src/main.js',
      productionEnv(`postgres://gk:pa55word@127.0.0.1:${port}/grantkeeper`),
    );
    expect(await api.stop('SIGCONT')).toBe(1);
    expect(Date.now() - started).toBeLessThan(8000);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect(lines[0]).not.toContain('pa55word');
  });

  it('says to run the migrations when some are not applied, and migration:run needs only DATABASE_URL', async () => {
    const db = await createTestDatabase();
    try {
      await db.query(`DELETE FROM schema_migrations WHERE name = 'RateLimitBuckets1765730000000'`);
      await db.query(`DROP TABLE rate_limit_buckets`);
      const api = runNode('dist/apps/api/src/main.js', productionEnv(db.url));
      expect(await api.stop('SIGCONT')).toBe(1);
      const output = api.output().trim();
      expect(output.split('\n')).toHaveLength(1);
      expect(output).toContain('1 migration(s) not applied (RateLimitBuckets1765730000000)');
      expect(output).toContain('npm run migration:run');

      const migrate = spawnSync(
        process.execPath,
        ['node_modules/typeorm/cli.js', 'migration:run', '-d', 'dist/apps/api/src/data-source.js'],
        { env: { PATH: process.env.PATH, DATABASE_URL: db.url }, encoding: 'utf8' },
      );
      expect(migrate.status).toBe(0);
      const applied = await db.query(
        `SELECT 1 FROM schema_migrations WHERE name = 'RateLimitBuckets1765730000000'`,
      );
      expect(applied).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });

  it('never starts the Google emulator in production', async () => {
    const emulator = runNode('dist/apps/google-emulator/src/main.js', {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      EMULATOR_PORT: '0',
    });
    expect(await emulator.stop('SIGCONT')).toBe(1);
    expect(emulator.output()).toMatch(/production/i);
  });
});

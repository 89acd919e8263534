import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/http-client.js';
import { type ProcessStack, runNode, startProcessStack } from '../support/process-stack.js';

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
    await new Promise((resolve) => setTimeout(resolve, 300));

    const logs = stack.api.output();
    const lines = logs.split('\n').filter((line) => line.startsWith('{'));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.some((r) => (r.req as { id?: string } | undefined)?.id === 'trace-me-42')).toBe(
      true,
    );
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

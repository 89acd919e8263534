// The broker's single flight across instances: one expired grant, 50 callers spread over two api
// processes on one database, and "Google" sees exactly one refresh. The row lock on the grant
// (`SELECT … FOR UPDATE` in AccessTokenBroker) is what makes the second process wait for the
// first one's refresh instead of making its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

const ALICE = '100000000000000000001';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const CALLERS_PER_PROCESS = 25;

interface Callers {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly results: Promise<Array<{ token?: string; error?: string }>>;
}

/** One api process running `test/support/broker-callers.mjs`, held until `go`. */
function callers(stack: ProcessStack, userId: string): Callers {
  const child = spawn(
    process.execPath,
    ['test/support/broker-callers.mjs', String(CALLERS_PER_PROCESS), userId, GMAIL_SEND],
    { env: { ...stack.env, LOG_LEVEL: 'warn' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const results = new Promise<Array<{ token?: string; error?: string }>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/^ready$/m.test(output)) ready();
      const line = /^results (.*)$/m.exec(output);
      if (line) resolve(JSON.parse(line[1]) as Array<{ token?: string; error?: string }>);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`callers exited ${code}:\n${output}`)));
  });
  return { child, ready: readyPromise, results };
}

describe('The access-token broker across two api processes', () => {
  let stack: ProcessStack;

  const control = async (path: string, body?: unknown, method = body ? 'POST' : 'GET') =>
    (await request(`${stack.emulatorUrl}/__control/${path}`, { method, json: body })).body;

  beforeAll(async () => {
    stack = await startProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refreshes an expired grant once for 50 concurrent callers, and all get that token', async () => {
    const credential = await stack.mintIdToken({ sub: ALICE, email: 'alice@example.com' });
    const signIn = await request(`${stack.apiUrl}/auth/google/id-token`, { json: { credential } });
    const cookies = {
      '__Host-gk_session': cookieValue(setCookies(signIn).get('__Host-gk_session')),
    };
    // Tokens that live two minutes: under the broker's five-minute margin, a refresh is due.
    await control('settings', { access_token_lifetime: 120 });
    const { code } = await control('authorization-code', {
      sub: ALICE,
      scopes: ['openid', 'email', 'profile', GMAIL_SEND],
    });
    const granted = await request(`${stack.apiUrl}/offline-access/code`, {
      json: { code },
      headers: { 'x-requested-with': 'XmlHttpRequest' },
      cookies,
    });
    expect(granted.status).toBe(200);
    const [{ id: userId }] = await stack.db.query<{ id: string }>(
      'SELECT id FROM users WHERE google_sub = $1',
      [ALICE],
    );
    const [before] = await stack.db.query<{ access_token_expires_at: Date }>(
      'SELECT access_token_expires_at FROM grants WHERE user_id = $1',
      [userId],
    );
    await control('settings', { access_token_lifetime: 3600 });
    await control('calls', {}, 'DELETE');

    const processes = [callers(stack, userId), callers(stack, userId)];
    try {
      await Promise.all(processes.map((p) => p.ready));
      for (const p of processes) p.child.stdin?.write('go\n');
      const results = (await Promise.all(processes.map((p) => p.results))).flat();

      expect(results).toHaveLength(2 * CALLERS_PER_PROCESS);
      expect(results.filter((r) => r.error)).toEqual([]);
      expect(new Set(results.map((r) => r.token)).size).toBe(1);
      const calls = (await control('calls?path=/token')).calls as Array<{ status: number }>;
      expect(calls).toEqual([expect.objectContaining({ status: 200 })]);
      const [after] = await stack.db.query<{ access_token_expires_at: Date }>(
        'SELECT access_token_expires_at FROM grants WHERE user_id = $1',
        [userId],
      );
      // The one refresh's token (an hour) replaced the two-minute one.
      expect(after.access_token_expires_at.getTime()).toBeGreaterThan(
        before.access_token_expires_at.getTime() + 30 * 60_000,
      );
    } finally {
      for (const p of processes) p.child.kill();
    }
  });
});

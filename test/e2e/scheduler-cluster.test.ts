import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  type ProcessStack,
  type RunningProcess,
  startProcessStack,
} from '../support/process-stack.js';
import { eventually, sleep } from '../support/eventually.js';

const USERS = [
  { sub: '100000000000000000001', email: 'alice@example.com' },
  { sub: '100000000000000000002', email: 'admin@grantkeeper.test' },
  { sub: '100000000000000000003', email: 'bob@corp.example', hd: 'corp.example' },
  { sub: '100000000000000000004', email: 'carol@example.net' },
];
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const XHR = { 'x-requested-with': 'XmlHttpRequest' };
const SCHEDULER = {
  SCHEDULER_ENABLED: 'true',
  SCHEDULER_POLLING_SECONDS: '0.5',
  SCHEDULER_JOB_TIMEOUT_SECONDS: '4',
  SCHEDULER_RETRY_DELAY_SECONDS: '1',
  KEEP_ALIVE_CRON: '* * * * * *',
  TASK_SWEEP_CRON: '* * * * * *',
  KEEP_ALIVE_AFTER_DAYS: '1',
  LOG_LEVEL: 'debug',
};

// Two compiled api processes on one database, both running cron triggers and workers: every
// unit of work runs once, and a job whose instance is killed is retried and completes.
describe('Scheduler across two api instances', () => {
  let stack: ProcessStack;
  let second: { url: string; process: RunningProcess };

  const control = async (path: string, body: unknown = {}, method = 'POST') => {
    const response = await request(`${stack.emulatorUrl}/__control/${path}`, {
      method,
      json: method === 'POST' ? body : undefined,
    });
    return response.body;
  };
  const tokenCalls = async () =>
    ((await control('calls?path=/token', undefined, 'GET')).calls as unknown[]).length;
  const messages = async () =>
    (await control('gmail/messages', undefined, 'GET')).messages as unknown[];

  /** Signs a user in, grants offline access and turns the news digest on, through the api. */
  async function subscribe(user: (typeof USERS)[number]): Promise<void> {
    const credential = await stack.mintIdToken({ sub: user.sub, email: user.email, hd: user.hd });
    const signIn = await request(`${stack.apiUrl}/auth/google/id-token`, { json: { credential } });
    const cookies = {
      '__Host-gk_session': cookieValue(setCookies(signIn).get('__Host-gk_session')),
    };
    const { code } = await control('authorization-code', {
      sub: user.sub,
      scopes: ['openid', 'email', 'profile', GMAIL_SEND],
      redirect_uri: 'postmessage',
      access_type: 'offline',
    });
    const granted = await request(`${stack.apiUrl}/offline-access/code`, {
      json: { code },
      headers: XHR,
      cookies,
    });
    expect(granted.status).toBe(200);
    const digest = await request(`${stack.apiUrl}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['technology'] } },
      headers: XHR,
      cookies,
    });
    expect(digest.status).toBe(200);
  }

  beforeAll(async () => {
    stack = await startProcessStack(SCHEDULER);
    second = await stack.startApi(SCHEDULER);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends each subscriber’s digest exactly once', async () => {
    for (const user of USERS) await subscribe(user);

    await eventually(messages, (list) => list.length >= USERS.length);
    await sleep(3000);

    expect(await messages()).toHaveLength(USERS.length);
    const runs = await stack.db.query<{ user_id: string; outcome: string }>(
      'SELECT user_id, outcome FROM task_runs',
    );
    expect(runs).toHaveLength(USERS.length);
    expect(new Set(runs.map((run) => run.user_id)).size).toBe(USERS.length);
    expect(runs.every((run) => run.outcome === 'succeeded')).toBe(true);
  });

  it('refreshes every idle grant exactly once, whichever instance sweeps', async () => {
    await control('calls', undefined, 'DELETE');
    await stack.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);

    await eventually(
      () =>
        stack.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM grants WHERE last_refreshed_at IS NULL',
        ),
      (rows) => rows[0].n === 0,
    );
    await sleep(3000);

    expect(await tokenCalls()).toBe(USERS.length);
    const both = [stack.api.output(), second.process.output()].map((out) =>
      out.includes('Keep-alive refresh of grant'),
    );
    expect(both.some(Boolean)).toBe(true);
  });

  it('retries a keep-alive job whose instance was killed mid-job, and completes it once', async () => {
    const [grant] = await stack.db.query<{ id: string }>('SELECT id FROM grants LIMIT 1');
    const since = new Date();
    // "Google" takes 2.5 s to answer the next refresh: long enough to kill whoever asked.
    await control('faults', { path: '/token', delay_ms: 2500, times: 1 });
    const before = [stack.api.output().length, second.process.output().length];
    await stack.db.query(
      `UPDATE grants SET last_refreshed_at = now() - interval '3 days' WHERE id = $1`,
      [grant.id],
    );
    const worker = await eventually(
      () =>
        Promise.resolve(
          [stack.api, second.process].findIndex((p, i) =>
            p.output().slice(before[i]).includes(`Keep-alive refresh of grant ${grant.id}`),
          ),
        ),
      (index) => index >= 0,
    );
    const killed = worker === 0 ? stack.api : second.process;
    await killed.stop('SIGKILL');
    if (worker === 0) {
      // The survivor must finish the job; give the first instance's place to a fresh one.
      await stack.startApi(SCHEDULER);
    }

    const [after] = await eventually(
      () =>
        stack.db.query<{ status: string; last_refreshed_at: Date }>(
          'SELECT status, last_refreshed_at FROM grants WHERE id = $1',
          [grant.id],
        ),
      (rows) => rows[0].last_refreshed_at.getTime() > since.getTime(),
    );
    expect(after.status).toBe('active');
    // The audit event follows the grant's commit: wait for it, then make sure no second comes.
    const succeeded = () =>
      stack.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'offline_access.refresh_succeeded' AND grant_id = $1
            AND occurred_at > $2`,
        [grant.id, since],
      );
    await eventually(succeeded, (rows) => rows[0].n >= 1);
    await sleep(2000);
    expect((await succeeded())[0].n).toBe(1);
    expect(await stack.db.query('SELECT id FROM grants')).toHaveLength(USERS.length);
  });
});

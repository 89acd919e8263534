import pg from 'pg';
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
const GMAIL_SEND_PATH = '/gmail/v1/users/me/messages/send';
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
/** The debug line (JSON, NODE_ENV=test) of an offline task's run: its user task and attempt. */
const taskRunLine = (userTaskId: string, attempt: number): string =>
  `"msg":"Offline task run","task":"news-digest","userTaskId":"${userTaskId}","attempt":${attempt}`;

describe('Scheduler across two api instances', () => {
  let stack: ProcessStack;
  let second: { url: string; process: RunningProcess };
  /** The instances alive, in start order. */
  let instances: RunningProcess[] = [];

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
  const messagesOf = async (sub: string) =>
    ((await control('gmail/messages', undefined, 'GET')).messages as { sub: string }[]).filter(
      (m) => m.sub === sub,
    );
  /** Requests "Google" received and has not answered yet (held by a delay or hang fault). */
  const callsInFlight = async (path: string) =>
    (
      (await control(`calls?path=${encodeURIComponent(path)}`, undefined, 'GET')).calls as {
        status: number | null;
      }[]
    ).filter((call) => call.status === null).length;
  const jobsOf = (queue: string, key: string, since: Date) =>
    stack.db.query<{ state: string; retry_count: number }>(
      `SELECT state, retry_count FROM pgboss.job
        WHERE name = $1 AND singleton_key = $2 AND created_on > $3`,
      [queue, key, since],
    );
  const runsOf = (userTaskId: string, since: Date) =>
    stack.db.query<{ outcome: string; attempt: number }>(
      `SELECT outcome, attempt FROM task_runs WHERE user_task_id = $1 AND started_at > $2
        ORDER BY started_at`,
      [userTaskId, since],
    );

  /**
   * SIGKILLs the one instance whose output (since `marks`) shows `marker`, so the other one is
   * the survivor that must retry; returns the survivor and where its output stood.
   */
  async function killWorker(marker: string, marks: number[]) {
    // Info and debug lines reach the output within a second (the logger writes them in
    // batches; warnings at once), so wait for the marker rather than read it once.
    const seen = await eventually(
      () => Promise.resolve(instances.map((p, i) => p.output().slice(marks[i]).includes(marker))),
      (found) => found.some(Boolean),
      10_000,
    );
    expect(seen.filter(Boolean)).toHaveLength(1);
    const killed = seen.indexOf(true);
    await instances[killed].stop('SIGKILL');
    const survivor = { process: instances[1 - killed], mark: marks[1 - killed] };
    instances = [survivor.process];
    return survivor;
  }
  /** Back to two instances once a test proved what the survivor alone did. */
  async function replaceKilled() {
    instances.push((await stack.startApi(SCHEDULER)).process);
  }

  /**
   * Makes `user`'s digest due and SIGKILLs the instance running it: `before` Gmail accepted the
   * message (Gmail holds the request open and never takes it), or `after` (Gmail took it; the
   * run's commit waits on a row lock the test holds, so the kill lands between the two).
   */
  async function killDigest(user: (typeof USERS)[number], when: 'before' | 'after') {
    const [{ id: task }] = await stack.db.query<{ id: string }>(
      `SELECT t.id FROM user_tasks t JOIN users u ON u.id = t.user_id WHERE u.google_sub = $1`,
      [user.sub],
    );
    const sent = (await messagesOf(user.sub)).length;
    await control('calls', undefined, 'DELETE');
    if (when === 'before') await control('faults', { path: GMAIL_SEND_PATH, hang: true, times: 1 });
    const marks = instances.map((p) => p.output().length);
    const since = new Date();
    await stack.db.query(
      `UPDATE user_tasks SET next_run_at = now() + interval '1 second' WHERE id = $1`,
      [task],
    );
    const locker = new pg.Client({ connectionString: stack.db.url });
    await locker.connect();
    try {
      if (when === 'after') {
        await locker.query('BEGIN');
        await locker.query('SELECT 1 FROM user_tasks WHERE id = $1 FOR UPDATE', [task]);
        await eventually(
          () => messagesOf(user.sub),
          (list) => list.length === sent + 1,
        );
        await eventually(
          () =>
            stack.db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            ),
          (rows) => rows[0].n === 1,
        );
      } else {
        await eventually(
          () => callsInFlight(GMAIL_SEND_PATH),
          (n) => n === 1,
        );
      }
      const survivor = await killWorker(taskRunLine(task, 0), marks);
      return { task, sent, since, survivor };
    } finally {
      await locker.end();
    }
  }

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
    instances = [stack.api, second.process];
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
      out.includes('"msg":"Keep-alive refresh","grantId":'),
    );
    expect(both.some(Boolean)).toBe(true);
  });

  it('retries a keep-alive refresh on the survivor when its instance dies awaiting Google', async () => {
    const [grant] = await stack.db.query<{ id: string }>('SELECT id FROM grants LIMIT 1');
    await control('calls', undefined, 'DELETE');
    const since = new Date();
    // "Google" holds its answer to the next refresh for 8 s: the kill lands while it waits.
    await control('faults', { path: '/token', delay_ms: 8000, times: 1 });
    const marks = instances.map((p) => p.output().length);
    await stack.db.query(
      `UPDATE grants SET last_refreshed_at = now() - interval '3 days' WHERE id = $1`,
      [grant.id],
    );
    await eventually(
      () => callsInFlight('/token'),
      (n) => n === 1,
    );
    const marker = `"msg":"Keep-alive refresh","grantId":"${grant.id}"`;
    const survivor = await killWorker(marker, marks);

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
    // The killed call, then the survivor's: one job, retried once, done by the survivor.
    expect(await tokenCalls()).toBe(2);
    expect(await jobsOf('grant-keep-alive', grant.id, since)).toEqual([
      { state: 'completed', retry_count: 1 },
    ]);
    expect(survivor.process.output().slice(survivor.mark)).toContain(marker);
    expect(await stack.db.query('SELECT id FROM grants')).toHaveLength(USERS.length);
    await replaceKilled();
  });

  it('sends a digest once when its instance dies before Gmail accepted it', async () => {
    const { task, sent, since, survivor } = await killDigest(USERS[0], 'before');

    const runs = await eventually(
      () => runsOf(task, since),
      (rows) => rows.length >= 1,
    );
    await sleep(2000);
    expect(await runsOf(task, since)).toEqual(runs);
    expect(runs).toEqual([{ outcome: 'succeeded', attempt: 1 }]);
    expect(await messagesOf(USERS[0].sub)).toHaveLength(sent + 1);
    expect(await jobsOf('offline-task', task, since)).toEqual([
      { state: 'completed', retry_count: 1 },
    ]);
    expect(survivor.process.output().slice(survivor.mark)).toContain(taskRunLine(task, 1));
    await replaceKilled();
  });

  it('sends a digest twice when its instance dies after Gmail accepted it (at-least-once)', async () => {
    const { task, sent, since, survivor } = await killDigest(USERS[1], 'after');

    const runs = await eventually(
      () => runsOf(task, since),
      (rows) => rows.length >= 1,
    );
    await sleep(2000);
    expect(runs).toEqual([{ outcome: 'succeeded', attempt: 1 }]);
    expect(await runsOf(task, since)).toEqual(runs);
    expect(await messagesOf(USERS[1].sub)).toHaveLength(sent + 2);
    expect(await jobsOf('offline-task', task, since)).toEqual([
      { state: 'completed', retry_count: 1 },
    ]);
    expect(survivor.process.output().slice(survivor.mark)).toContain(taskRunLine(task, 1));
  });
});

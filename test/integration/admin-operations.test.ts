import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { adminCall, signInAdmin } from '../support/admin-client.js';
import { eventually } from '../support/eventually.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  postCode,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

interface FailedJobs {
  items: Array<Record<string, unknown> & { id: string; queue: string }>;
}

interface Jobs {
  queues: Array<{ name: string; available: boolean; queued: number }>;
  tasks: Record<string, number>;
  recentRuns: Array<{ userId: string; userEmail: string | null; taskName: string }>;
}

describe('Admin API: jobs and vault', () => {
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApiUnderTest({
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '1',
      TASK_SWEEP_CRON: '* * * * * *',
      // Queue counts are pg-boss's, refreshed by its monitor: every second with this timeout.
      SCHEDULER_JOB_TIMEOUT_SECONDS: '4',
    });
    admin = await signInAdmin(api);
  });
  afterAll(() => api.close());

  it('shows counts for every queue, tasks by state and recent runs', async () => {
    // One real run: Alice grants offline access and turns her digest on; the scheduler runs it.
    const alice = await signInAs(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    const digest = await request(`${api.url}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['technology'] } },
      headers: XHR,
      cookies: { [SESSION_COOKIE]: alice },
    });
    expect(digest.status).toBe(200);
    const [{ id: aliceId }] = await api.db.query<{ id: string }>(
      'SELECT id FROM users WHERE google_sub = $1',
      [ALICE_SUB],
    );
    const response = await eventually(
      () => adminCall<Jobs>(api, admin, 'jobs'),
      (answer) => answer.body.recentRuns?.length > 0,
    );
    expect(response.status).toBe(200);
    expect(response.body.queues.map((q) => q.name)).toEqual([
      'keep-alive-sweep',
      'grant-keep-alive',
      'task-sweep',
      'offline-task',
      'purge',
      'vault-rewrap',
      'dead-letter',
    ]);
    expect(response.body.queues.every((q) => q.available)).toBe(true);
    expect(response.body.recentRuns).toEqual([
      {
        id: expect.stringMatching(/^\d+$/) as string,
        userId: aliceId,
        userEmail: 'alice@example.com',
        taskName: 'news-digest',
        attempt: 0,
        startedAt: expect.any(String) as string,
        finishedAt: expect.any(String) as string,
        outcome: 'succeeded',
        error: null,
      },
    ]);
  });

  it("names each recent run's user by email", async () => {
    const [{ id: userId }] = await api.db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'admin@grantkeeper.test'`,
    );
    const [{ id: taskId }] = await api.db.query<{ id: string }>(
      `INSERT INTO user_tasks (user_id, task_name, enabled) VALUES ($1, 'run-naming', false)
       RETURNING id`,
      [userId],
    );
    await api.db.query(
      `INSERT INTO task_runs (user_task_id, user_id, task_name, started_at, finished_at, outcome)
       VALUES ($1, $2, 'run-naming', now() + interval '1 day', now() + interval '1 day', 'succeeded')`,
      [taskId, userId],
    );
    const response = await adminCall<Jobs>(api, admin, 'jobs');
    expect(response.body.recentRuns[0]).toMatchObject({
      userId,
      userEmail: 'admin@grantkeeper.test',
      taskName: 'run-naming',
    });
  });

  it("shows the vault's key versions without any key material", async () => {
    const response = await adminCall(api, admin, 'vault');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ activeVersion: 1 });
    expect(response.body.versions).toEqual([
      {
        version: 1,
        envelopes: expect.any(Number) as number,
        configured: true,
        // At least the key check value; far from the 2^30 where the dashboard says to rotate.
        encryptions: expect.any(Number) as number,
        rotateSoon: false,
      },
    ]);
    const [{ encryptions }] = response.body.versions as Array<{ encryptions: number }>;
    expect(encryptions).toBeGreaterThanOrEqual(1);
    expect(response.body.encryptionLimit).toBe(2 ** 32);
    // Counts are taken at most every few seconds per instance, and say when.
    expect(Object.keys(response.body).sort()).toEqual([
      'activeVersion',
      'countedAt',
      'encryptionLimit',
      'rewrap',
      'versions',
    ]);
    expect(Date.parse(response.body.countedAt as string)).toBeLessThanOrEqual(Date.now());
  });
  it('lists jobs that failed every retry, newest first, with their message only', async () => {
    const older = await insertFailedJob('purge', 'purge-older', 'first failure', '2 hours');
    const newer = await insertFailedJob('grant-keep-alive', 'grant-x', 'second failure', '1 hour');
    const response = await adminCall<FailedJobs>(api, admin, 'jobs/failed');
    expect(response.status).toBe(200);
    const ids = response.body.items.map((job) => job.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(response.body.items.find((job) => job.id === newer)).toEqual({
      id: newer,
      queue: 'grant-keep-alive',
      name: 'grant-keep-alive',
      singletonKey: 'grant-x',
      retryCount: 4,
      createdOn: expect.any(String) as string,
      completedOn: expect.any(String) as string,
      error: 'second failure',
    });
    expect(response.text).not.toContain('at secretFunction');

    const one = await adminCall<FailedJobs>(api, admin, 'jobs/failed?queue=purge');
    expect(one.body.items.map((job) => job.queue)).toEqual(one.body.items.map(() => 'purge'));
    expect(one.body.items.map((job) => job.id)).toContain(older);
    expect((await adminCall(api, admin, 'jobs/failed?queue=nope')).status).toBe(400);
  });

  it('retries a failed job: it runs again, and the retry is audited', async () => {
    const id = await insertFailedJob('purge', 'purge-retry', 'transient', '1 minute');
    const response = await adminCall(api, admin, `jobs/purge/${id}/retry`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ retried: true });
    // The purge worker of this api picks it up and completes it.
    await eventually(
      () => jobState(id),
      (state) => state === 'completed',
    );
    const [event] = await api.db.query<{ actor_kind: string; details: Record<string, unknown> }>(
      `SELECT actor_kind, details FROM audit_events WHERE action = 'admin.job_retried'`,
    );
    expect(event).toEqual({ actor_kind: 'admin', details: { queue: 'purge', job_id: id } });

    const again = await adminCall(api, admin, `jobs/purge/${id}/retry`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'job_not_failed' });
  });

  it('answers 404 for unknown jobs and queues, 409 when an equal job is queued', async () => {
    const post = (path: string) => adminCall(api, admin, path, { method: 'POST' });
    const unknown = await post(`jobs/purge/${randomUUID()}/retry`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'job_not_found' });
    expect((await post('jobs/purge/not-a-uuid/retry')).status).toBe(404);
    expect((await post(`jobs/nope/${randomUUID()}/retry`)).body).toMatchObject({
      error: 'job_not_found',
    });

    // A failed re-wrap job and, with the same key, one waiting for tomorrow.
    const failed = await insertFailedJob('vault-rewrap', 'rewrap-dup', 'boom', '1 minute');
    await api.db.query(
      `INSERT INTO pgboss.job (name, state, policy, singleton_key, data, start_after)
       VALUES ('vault-rewrap', 'created', 'exclusive', 'rewrap-dup', '{}', now() + interval '1 day')`,
    );
    const duplicate = await post(`jobs/vault-rewrap/${failed}/retry`);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ error: 'job_already_queued' });
    expect(await jobState(failed)).toBe('failed');
  });

  it('refuses a retry made with the session cookie but without X-Requested-With', async () => {
    const id = await insertFailedJob('purge', 'purge-csrf', 'x', '1 minute');
    const response = await adminCall(api, admin, `jobs/purge/${id}/retry`, {
      method: 'POST',
      headers: {},
    });
    expect(response.status).toBe(403);
    expect(await jobState(id)).toBe('failed');
  });

  it('starts a re-wrap on demand and shows its progress and last run', async () => {
    // The start-up re-wrap is done first: then a re-wrap asked for now is queued.
    await eventually(
      () => adminCall<{ rewrap: { queued: boolean } }>(api, admin, 'vault'),
      (answer) => answer.body.rewrap.queued === false,
      20_000,
    );
    const started = await adminCall<{ queued: boolean; remaining: number }>(
      api,
      admin,
      'vault/rewrap',
      {
        method: 'POST',
      },
    );
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ queued: true, remaining: 0 });
    // `queued` is pg-boss's truth about the job: read it on both sides of the request, and
    // where the job's state did not change in between, the answer must match it.
    const rewrapJob = async () =>
      (
        await api.db.query<{ state: string }>(
          `SELECT state FROM pgboss.job WHERE name = 'vault-rewrap'
            ORDER BY created_on DESC LIMIT 1`,
        )
      )[0]?.state;
    const pending = (state: string | undefined) => state === 'created' || state === 'active';
    const before = await rewrapJob();
    const vault = await adminCall<{ rewrap: Record<string, unknown> }>(api, admin, 'vault');
    const after = await rewrapJob();
    expect(vault.body.rewrap).toMatchObject({ remaining: 0, lastRun: null });
    if (pending(before) === pending(after)) {
      expect(vault.body.rewrap.queued).toBe(pending(before));
    }
    // Once the job has run, the page says nothing is queued.
    await eventually(rewrapJob, (state) => state === 'completed', 20_000);
    const done = await adminCall<{ rewrap: Record<string, unknown> }>(api, admin, 'vault');
    expect(done.body.rewrap).toEqual({ remaining: 0, queued: false, lastRun: null });
    const [event] = await api.db.query<{ actor_kind: string }>(
      `SELECT actor_kind FROM audit_events WHERE action = 'admin.rewrap_started'`,
    );
    expect(event).toEqual({ actor_kind: 'admin' });

    // What a re-wrap run that re-wrapped something records (MaintenanceWorker.rewrap).
    await api.db.query(
      `INSERT INTO audit_events (actor_kind, action, occurred_at, details)
       VALUES ('system', 'vault.rewrapped', '2026-11-30T10:00:00Z', '{"rewrapped":1500,"remaining":20}')`,
    );
    const recorded = await adminCall<{ rewrap: Record<string, unknown> }>(api, admin, 'vault');
    expect(recorded.body.rewrap.lastRun).toEqual({
      finishedAt: '2026-11-30T10:00:00.000Z',
      rewrapped: 1500,
      remaining: 20,
    });
  });

  async function insertFailedJob(queue: string, key: string, message: string, ago: string) {
    const [row] = await api.db.query<{ id: string }>(
      `INSERT INTO pgboss.job (name, state, policy, singleton_key, data, retry_count, retry_limit,
                               output, created_on, completed_on)
       VALUES ($1, 'failed', 'exclusive', $2, '{}', 4, 4,
               jsonb_build_object('message', $3::text, 'stack', 'Error\n    at secretFunction'),
               now() - $4::interval - interval '1 minute', now() - $4::interval)
       RETURNING id`,
      [queue, key, message, ago],
    );
    return row.id;
  }

  async function jobState(id: string): Promise<string | undefined> {
    const [row] = await api.db.query<{ state: string }>(
      `SELECT state::text FROM pgboss.job WHERE id = $1`,
      [id],
    );
    return row?.state;
  }
});

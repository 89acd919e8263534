import { GrantsService } from '@grantkeeper/offline-access';
import { KeepAliveWorker, SchedulerService } from '@grantkeeper/scheduler';
import { VaultService } from '@grantkeeper/vault';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  callsTo,
  clearCalls,
  GMAIL_SEND,
  postCode,
  resetEmulator,
  ROTATED_TOKEN_ANSWER,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';
import { ADMIN_SUB, adminCall, signInAdmin } from '../support/admin-client.js';
import { eventually } from '../support/eventually.js';

// The scheduler in one api instance on real PostgreSQL (pg-boss) and the emulator: the news
// digest sent through the Gmail-shaped API, keep-alive refreshes, and dead grants pausing tasks.
describe('Scheduler', () => {
  let api: ApiUnderTest;
  let scheduler: SchedulerService;
  let session: string;
  let aliceId: string;

  const messages = async () =>
    (
      await request<{ messages: Array<{ subject: string; to: string; raw: string }> }>(
        `${api.emulatorUrl}/__control/gmail/messages`,
      )
    ).body.messages;
  const userTask = async () =>
    (
      await api.db.query<{
        state: string;
        paused_reason: string | null;
        last_error: string | null;
      }>('SELECT state, paused_reason, last_error FROM user_tasks WHERE user_id = $1', [aliceId])
    )[0];
  const configure = (body: unknown) =>
    request(`${api.url}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: body,
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });

  beforeAll(async () => {
    api = await startApiUnderTest({
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      // Far-off crons: the tests start each sweep themselves.
      KEEP_ALIVE_CRON: '0 0 1 1 *',
      TASK_SWEEP_CRON: '0 0 1 1 *',
      PURGE_CRON: '0 0 1 1 *',
      KEEP_ALIVE_AFTER_DAYS: '1',
      // Groups of two, so a batch of three grants spans two groups.
      KEEP_ALIVE_GROUP_SIZE: '2',
      GOOGLE_APP_PUBLISHING_STATUS: 'testing',
    });
    scheduler = api.app.get(SchedulerService);
    session = await signInAs(api, ALICE_SUB);
    [{ id: aliceId }] = await api.db.query<{ id: string }>(
      'SELECT id FROM users WHERE google_sub = $1',
      [ALICE_SUB],
    );
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM user_tasks');
    await api.db.query('DELETE FROM grants');
    await resetEmulator(api);
    await request(`${api.emulatorUrl}/__control/gmail/messages`, { method: 'DELETE' });
  });

  it('sends the news digest of the chosen categories through Gmail, as the user', async () => {
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    const saved = await configure({ enabled: true, settings: { categories: ['science'] } });
    expect(saved.status).toBe(200);

    await scheduler.runNow('tasks');
    const [message] = await eventually(messages, (list) => list.length > 0);

    expect(message.to).toBe('alice@example.com');
    expect(message.subject).toMatch(/^Your news digest for \d{4}-\d{2}-\d{2}$/);
    expect(message.raw).toContain('[Science]');
    expect(message.raw).not.toContain('[Technology]');
    // Every mail links back to where the user changes or stops it (PUBLIC_URL, not a header).
    expect(message.raw).toContain(`${api.url}/account`);
    const runs = await eventually(
      () => api.db.query<{ outcome: string }>('SELECT outcome FROM task_runs'),
      (rows) => rows.length > 0,
    );
    expect(runs).toEqual([{ outcome: 'succeeded' }]);
  });

  // What Gmail's failures do to the task: the README's "consecutive failures with their own
  // backoff" (the first retry 30–60 s later) or a pause until the user reconnects.
  it.each([
    ['a 503', { status: 503 }, 'active', 'gmail_unavailable', null],
    // A single 401 is the cached access token's: the broker refreshes and the resend goes through
    // (rejected-access-token.test.ts). A 401 to the fresh token too is a failure of the run.
    [
      'a 401 to the fresh token too',
      { status: 401, times: 2 },
      'active',
      'gmail_token_refused',
      null,
    ],
    [
      'a 403 (insufficient scope)',
      { status: 403 },
      'paused',
      'scope_not_granted',
      'scope_not_granted',
    ],
    ['no answer (timeout)', { hang: true }, 'active', 'gmail_unreachable', null],
  ])(
    'handles %s from Gmail: state, last error, backoff, and the run on the dashboard',
    async (_name, fault, state, lastError, pausedReason) => {
      expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
      expect(
        (await configure({ enabled: true, settings: { categories: ['science'] } })).status,
      ).toBe(200);
      await api.control('faults', {
        path: '/gmail/v1/users/me/messages/send',
        times: 1,
        ...fault,
      });
      const since = Date.now();

      await scheduler.runNow('tasks');
      const row = await eventually(
        () =>
          api.db.query<{
            state: string;
            paused_reason: string | null;
            last_error: string | null;
            consecutive_failures: number;
            next_run_at: Date | null;
          }>(
            `SELECT state, paused_reason, last_error, consecutive_failures, next_run_at
               FROM user_tasks WHERE user_id = $1`,
            [aliceId],
          ),
        (rows) => rows[0]?.last_error !== null,
        20_000,
      );

      expect(row[0]).toMatchObject({ state, paused_reason: pausedReason, last_error: lastError });
      if (state === 'active') {
        expect(row[0].consecutive_failures).toBe(1);
        const wait = row[0].next_run_at!.getTime() - since;
        expect(wait).toBeGreaterThanOrEqual(30_000 - 1000);
        expect(wait).toBeLessThanOrEqual(60_000 + 20_000);
      }
      expect(await messages()).toEqual([]);
      // The account page's API and the dashboard's recent runs say the same.
      const tasks = await request<Array<Record<string, unknown>>>(
        `${api.url}/offline-access/tasks`,
        { cookies: { [SESSION_COOKIE]: session } },
      );
      expect(tasks.body.find((t) => t.name === 'news-digest')).toMatchObject({
        state,
        lastError,
      });
      const admin = await signInAdmin(api);
      const jobs = await adminCall<{ recentRuns: Array<Record<string, unknown>> }>(
        api,
        admin,
        'jobs',
      );
      expect(jobs.body.recentRuns[0]).toMatchObject({
        userId: aliceId,
        outcome: state === 'paused' ? 'paused' : 'failed',
        error: lastError,
      });
    },
  );

  it('refuses unknown categories with 400 and an unknown task with 404', async () => {
    expect(
      (await configure({ enabled: true, settings: { categories: ['gossip'] } })).body,
    ).toMatchObject({
      statusCode: 400,
      error: 'invalid_task_settings',
    });
    const unknown = await request(`${api.url}/offline-access/tasks/nope`, {
      method: 'PUT',
      json: { enabled: true },
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(unknown.status).toBe(404);
  });

  it('pauses the task while the user has no grant, and resumes it when they reconnect', async () => {
    await configure({ enabled: true, settings: { categories: ['sports'] } });

    await scheduler.runNow('tasks');
    await eventually(userTask, (task) => task?.state === 'paused');
    expect((await userTask()).paused_reason).toBe('grant_not_found');
    expect(await messages()).toEqual([]);

    await postCode(api, session, await authorizationCode(api));
    await scheduler.runNow('tasks');
    await eventually(userTask, (task) => task?.state === 'active');
    await scheduler.runNow('tasks');
    await eventually(messages, (list) => list.length === 1);
  });

  it('refreshes grants idle for longer than the keep-alive age, once each', async () => {
    await postCode(api, session, await authorizationCode(api));
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    await clearCalls(api);

    await scheduler.runNow('keep-alive');
    const [grant] = await eventually(
      () =>
        api.db.query<{ last_refreshed_at: Date | null; last_used_at: Date | null }>(
          'SELECT last_refreshed_at, last_used_at FROM grants',
        ),
      (rows) => rows[0]?.last_refreshed_at !== null,
    );

    expect(grant.last_refreshed_at!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Keeping a grant alive is not using it: "last used" stays what consumers made it.
    expect(grant.last_used_at).toBeNull();
    expect(await callsTo(api, '/token')).toBe(1);
  });

  it('refreshes a grant once however often its batch runs: retried, queued twice, or at once', async () => {
    await postCode(api, session, await authorizationCode(api));
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    const [{ id }] = await api.db.query<{ id: string }>('SELECT id FROM grants');
    await clearCalls(api);
    const keepAlive = api.app.get(KeepAliveWorker);

    // Two batches holding the same grant at once: the second waits for the row lock, then
    // finds the grant no longer due.
    await Promise.all([
      keepAlive.refresh({ grantIds: [id] }),
      keepAlive.refresh({ grantIds: [id] }),
    ]);
    // The batch again, as pg-boss retries it after a crash or a partial failure, and a job in
    // the one-grant shape older versions queued.
    await keepAlive.refresh({ grantIds: [id] });
    await keepAlive.refresh({ grantId: id });

    expect(await callsTo(api, '/token')).toBe(1);
    const [events] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'offline_access.refresh_succeeded' AND grant_id = $1`,
      [id],
    );
    expect(events.n).toBe(1);
  });

  it('finishes a batch past its deadline in a new job, without refreshing anything twice', async () => {
    await postCode(api, session, await authorizationCode(api));
    const bob = await signInAs(api, BOB_SUB);
    await postCode(api, bob, await authorizationCode(api, { sub: BOB_SUB }));
    const admin = await signInAdmin(api);
    await postCode(api, admin, await authorizationCode(api, { sub: ADMIN_SUB }));
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    const ids = (await api.db.query<{ id: string }>('SELECT id FROM grants ORDER BY id')).map(
      (row) => row.id,
    );
    expect(ids).toHaveLength(3);
    await clearCalls(api);

    // A deadline already past: the first group (two grants) is refreshed, the third handed on.
    await api.app.get(KeepAliveWorker).refresh({ grantIds: ids }, Date.now() - 1);
    const handedOn = await api.db.query<{ data: { grantIds: string[] } }>(
      `SELECT data FROM pgboss.job WHERE name = 'grant-keep-alive'`,
    );
    expect(handedOn.map((job) => job.data.grantIds)).toContainEqual([ids[2]]);
    await eventually(
      () =>
        api.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM grants WHERE last_refreshed_at IS NOT NULL',
        ),
      (rows) => rows[0].n === 3,
    );

    expect(await callsTo(api, '/token')).toBe(3);
  });

  it('refreshes a group together, each grant’s fate decided by Google’s answer for it', async () => {
    await postCode(api, session, await authorizationCode(api));
    const bob = await signInAs(api, BOB_SUB);
    await postCode(api, bob, await authorizationCode(api, { sub: BOB_SUB }));
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    // Bob withdrew access at Google: his refresh token now answers invalid_grant.
    await api.control(`users/${BOB_SUB}/revoke`);
    const grants = async () =>
      api.db.query<{
        sub: string;
        status: string;
        revoked_by: string | null;
        last_refreshed_at: Date | null;
      }>(
        `SELECT u.google_sub AS sub, g.status, g.revoked_by, g.last_refreshed_at
           FROM grants g JOIN users u ON u.id = g.user_id ORDER BY u.google_sub`,
      );
    const ids = (await api.db.query<{ id: string }>('SELECT id FROM grants ORDER BY id')).map(
      (row) => row.id,
    );
    await clearCalls(api);

    await api.app.get(KeepAliveWorker).refresh({ grantIds: ids });

    const [alice, bobs] = await grants();
    expect(alice).toMatchObject({ sub: ALICE_SUB, status: 'active', revoked_by: null });
    expect(alice.last_refreshed_at).not.toBeNull();
    expect(bobs).toMatchObject({ sub: BOB_SUB, status: 'revoked', revoked_by: 'google' });
    expect(await callsTo(api, '/token')).toBe(2);
    const events = await api.db.query<{ sub: string; action: string }>(
      `SELECT u.google_sub AS sub, e.action FROM audit_events e JOIN users u ON u.id = e.subject_user_id
        WHERE e.action LIKE 'offline_access.re%' AND e.grant_id = ANY($1) ORDER BY e.id`,
      [ids],
    );
    expect(events.filter((event) => event.sub === ALICE_SUB).map((e) => e.action)).toEqual([
      'offline_access.refresh_succeeded',
    ]);
    expect(events.filter((event) => event.sub === BOB_SUB).map((e) => e.action)).toEqual(
      expect.arrayContaining(['offline_access.refresh_failed', 'offline_access.revoked']),
    );
  });

  it('keeps a refresh token Google rotates during a group’s refresh, and only for its grant', async () => {
    await postCode(api, session, await authorizationCode(api));
    const bob = await signInAs(api, BOB_SUB);
    await postCode(api, bob, await authorizationCode(api, { sub: BOB_SUB }));
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    const before = await api.db.query<{ id: string; user_id: string; identifier: string }>(
      'SELECT id, user_id, refresh_token_identifier AS identifier FROM grants ORDER BY id',
    );
    // One of the group's two calls (whichever reaches "Google" first) gets a new refresh token.
    await api.control('faults', {
      path: '/token',
      status: 200,
      body: ROTATED_TOKEN_ANSWER,
      times: 1,
    });

    await api.app.get(KeepAliveWorker).refresh({ grantIds: before.map((row) => row.id) });

    const vault = api.app.get(VaultService);
    const stored = await Promise.all(
      before.map(async (row) => {
        const [after] = await api.db.query<{ envelope: string; identifier: string }>(
          `SELECT refresh_token_envelope_id AS envelope, refresh_token_identifier AS identifier
             FROM grants WHERE id = $1`,
          [row.id],
        );
        const token = await vault.open(after.envelope, {
          purpose: 'google_refresh_token',
          owner: `grant:${row.id}:user:${row.user_id}`,
        });
        return { token, rotated: after.identifier !== row.identifier };
      }),
    );
    expect(stored.filter((grant) => grant.token === '1//rotated-refresh')).toHaveLength(1);
    expect(stored.filter((grant) => grant.rotated)).toEqual([
      { token: '1//rotated-refresh', rotated: true },
    ]);
    const details = await api.db.query<{ rotated: boolean }>(
      `SELECT (details->>'rotated')::boolean AS rotated FROM audit_events
        WHERE action = 'offline_access.refresh_succeeded' AND grant_id = ANY($1) ORDER BY rotated`,
      [before.map((row) => row.id)],
    );
    expect(details).toEqual([{ rotated: false }, { rotated: true }]);
  });

  it('keeps a grant active through Google’s 5xx, and revokes it and pauses tasks on invalid_grant', async () => {
    await postCode(api, session, await authorizationCode(api));
    await configure({ enabled: true, settings: { categories: ['business'] } });
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    await api.control('faults', { path: '/token', status: 503, times: 1 });

    await scheduler.runNow('keep-alive');
    await eventually(
      () => api.db.query<{ failure_count: number }>('SELECT failure_count FROM grants'),
      (rows) => rows[0]?.failure_count === 1,
    );
    expect((await api.db.query<{ status: string }>('SELECT status FROM grants'))[0].status).toBe(
      'active',
    );

    await api.control(`users/${ALICE_SUB}/revoke`);
    await api.db.query(`UPDATE grants SET next_refresh_at = NULL`);
    // The first job is retried by pg-boss later; a new sweep can't queue the same grant twice.
    await api.db.query(`DELETE FROM pgboss.job WHERE name = 'grant-keep-alive'`);
    await scheduler.runNow('keep-alive');
    await eventually(
      () => api.db.query<{ status: string }>('SELECT status FROM grants'),
      (rows) => rows[0]?.status === 'revoked',
    );
    await eventually(userTask, (task) => task?.state === 'paused');
    expect((await userTask()).paused_reason).toBe('grant_revoked');
  });

  it('flags grants about to die of Google’s Testing-mode expiry or of refresh-token churn', async () => {
    await postCode(api, session, await authorizationCode(api));
    const flags = async () =>
      (await api.db.query<{ health_flags: string[] }>('SELECT health_flags FROM grants'))[0]
        .health_flags;
    await api.db.query(
      `UPDATE grants SET refresh_token_issued_at = now() - interval '6 days 12 hours',
                         refresh_tokens_issued = 60`,
    );

    await scheduler.runNow('keep-alive');
    await eventually(flags, (list) => list.length > 0);

    expect((await flags()).sort()).toEqual(['refresh_token_churn', 'testing_mode_expiry']);
  });

  it('rewrites only the grants whose health flags change, and still counts every flagged one', async () => {
    await postCode(api, session, await authorizationCode(api));
    await api.db.query(
      `UPDATE grants SET refresh_token_issued_at = now() - interval '6 days 12 hours',
                         refresh_tokens_issued = 60`,
    );
    const grants = api.app.get(GrantsService);
    const version = async () =>
      (
        await api.db.query<{ xmin: string; health_flags: string[] }>(
          'SELECT xmin::text, health_flags FROM grants',
        )
      )[0];
    const testing = { testingMode: true, testingDays: 7 };

    expect(await grants.updateHealthFlags(testing)).toBe(1);
    const flagged = await version();
    expect(flagged.health_flags.sort()).toEqual(['refresh_token_churn', 'testing_mode_expiry']);
    // Nothing changed: the row is not written again (same xmin), and it is still counted.
    expect(await grants.updateHealthFlags(testing)).toBe(1);
    expect((await version()).xmin).toBe(flagged.xmin);
    // The app leaves Testing mode: one flag goes, so the row is written.
    expect(await grants.updateHealthFlags({ ...testing, testingMode: false })).toBe(1);
    const after = await version();
    expect(after.xmin).not.toBe(flagged.xmin);
    expect(after.health_flags).toEqual(['refresh_token_churn']);
  });

  it('purges audit events past retention and finishes Google revokes that had failed', async () => {
    await postCode(api, session, await authorizationCode(api));
    await api.db.query(
      `INSERT INTO audit_events (occurred_at, actor_kind, action, details)
       VALUES (now() - interval '500 days', 'system', 'test.ancient', '{}')`,
    );
    await api.control('faults', { path: '/revoke', status: 503, times: 1 });
    const off = await request(`${api.url}/offline-access`, {
      method: 'DELETE',
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(off.status).toBe(200);
    const envelope = async () =>
      (
        await api.db.query<{ refresh_token_envelope_id: string | null }>(
          'SELECT refresh_token_envelope_id FROM grants',
        )
      )[0].refresh_token_envelope_id;
    expect(await envelope()).not.toBeNull();

    await scheduler.runNow('purge');

    await eventually(envelope, (id) => id === null);
    await eventually(
      () => api.db.query(`SELECT id FROM audit_events WHERE action = 'test.ancient'`),
      (rows) => rows.length === 0,
    );
  });

  it('reports refreshes, queues and tasks at /metrics', async () => {
    /** The value of one sample (a line that is not a comment), or undefined when there is none. */
    const sample = async (series: string) => {
      const text = (await request(`${api.url}/metrics`)).text;
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    const runs = 'grantkeeper_task_runs_total{task="news-digest",outcome="succeeded"}';
    const jobs = 'grantkeeper_job_duration_seconds_count{queue="offline-task",outcome="completed"}';
    const refreshes = 'grantkeeper_grant_refreshes_total{outcome="refreshed"}';
    const [runsBefore, jobsBefore, refreshesBefore] = [
      (await sample(runs)) ?? 0,
      (await sample(jobs)) ?? 0,
      (await sample(refreshes)) ?? 0,
    ];
    // One digest run and one keep-alive refresh, made here.
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    expect((await configure({ enabled: true, settings: { categories: ['science'] } })).status).toBe(
      200,
    );
    await scheduler.runNow('tasks');
    await eventually(messages, (list) => list.length === 1);
    await eventually(
      () => sample(jobs),
      (n) => n === jobsBefore + 1,
    );
    await api.db.query(`UPDATE grants SET created_at = now() - interval '3 days'`);
    await scheduler.runNow('keep-alive');
    await eventually(
      () => sample(refreshes),
      (n) => n === refreshesBefore + 1,
    );

    expect(await sample(runs)).toBe(runsBefore + 1);
    expect(await sample('grantkeeper_user_tasks{state="active"}')).toBe(1);
    expect(await sample('grantkeeper_queue_jobs{queue="offline-task",state="failed"}')).toBe(0);
  });

  it('keeps the scopes a digest needs on the grant', async () => {
    await postCode(api, session, await authorizationCode(api));
    const [grant] = await api.db.query<{ scopes: string[] }>('SELECT scopes FROM grants');
    expect(grant.scopes).toContain(GMAIL_SEND);
  });
});

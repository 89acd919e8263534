import { AccessTokenBroker } from '@grantkeeper/offline-access';
import { SchedulerService } from '@grantkeeper/scheduler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { eventually } from '../support/eventually.js';
import { request } from '../support/http-client.js';
import { userIdOf } from '../support/admin-client.js';
import {
  authorizationCode,
  callsTo,
  clearCalls,
  GMAIL_SEND,
  postCode,
  refusalOf,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

const SEND = '/gmail/v1/users/me/messages/send';

// A Google API answering 401 to the broker's cached access token: the broker drops the token
// and refreshes once, so the task learns within one run whether only the token was dead (the
// message goes with a new one) or the whole grant is (the task pauses on grant_revoked).
describe('A Google API refusing the cached access token', () => {
  let api: ApiUnderTest;
  let session: string;
  let aliceId: string;

  const messages = async () =>
    (await request<{ messages: unknown[] }>(`${api.emulatorUrl}/__control/gmail/messages`)).body
      .messages;
  const runs = () =>
    api.db.query<{ outcome: string; error: string | null }>(
      'SELECT outcome, error FROM task_runs ORDER BY started_at',
    );
  const userTask = async () =>
    (
      await api.db.query<{ state: string; paused_reason: string | null }>(
        'SELECT state, paused_reason FROM user_tasks WHERE user_id = $1',
        [aliceId],
      )
    )[0];
  const subscribe = () =>
    request(`${api.url}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['science'] } },
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });

  beforeAll(async () => {
    api = await startApiUnderTest({
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      KEEP_ALIVE_CRON: '0 0 1 1 *',
      TASK_SWEEP_CRON: '0 0 1 1 *',
      PURGE_CRON: '0 0 1 1 *',
    });
    session = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM task_runs');
    await api.db.query('DELETE FROM user_tasks');
    await api.db.query('DELETE FROM grants');
    await resetEmulator(api);
    await request(`${api.emulatorUrl}/__control/gmail/messages`, { method: 'DELETE' });
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    expect((await subscribe()).status).toBe(200);
    await clearCalls(api);
  });

  it('sends with a new token in the same run when only the token was refused', async () => {
    await api.control('faults', { path: SEND, status: 401, times: 1 });

    await api.app.get(SchedulerService).runNow('tasks');

    expect(await eventually(runs, (rows) => rows.length > 0)).toEqual([
      { outcome: 'succeeded', error: null },
    ]);
    expect(await messages()).toHaveLength(1);
    expect(await callsTo(api, SEND)).toBe(2);
    expect(await callsTo(api, '/token')).toBe(1);
  });

  it('pauses the task on grant_revoked in the same run when Google ended the grant', async () => {
    await api.control(`users/${ALICE_SUB}/revoke`);

    await api.app.get(SchedulerService).runNow('tasks');

    expect(await eventually(runs, (rows) => rows.length > 0)).toEqual([
      { outcome: 'paused', error: 'grant_revoked' },
    ]);
    expect(await userTask()).toEqual({ state: 'paused', paused_reason: 'grant_revoked' });
    expect(await messages()).toEqual([]);
    expect(await callsTo(api, '/token')).toBe(1);
    const [grant] = await api.db.query<{ status: string; access_token_envelope_id: null }>(
      'SELECT status, access_token_envelope_id FROM grants',
    );
    expect(grant).toEqual({ status: 'revoked', access_token_envelope_id: null });
  });

  it('serves a token another caller already renewed instead of refreshing again', async () => {
    const broker = api.app.get(AccessTokenBroker);
    const rejected = (await broker.accessTokenFor(aliceId, [GMAIL_SEND])).accessToken;

    const [a, b] = await Promise.all([
      broker.renewRejected(aliceId, [GMAIL_SEND], rejected),
      broker.renewRejected(aliceId, [GMAIL_SEND], rejected),
    ]);

    expect(a.accessToken).not.toBe(rejected);
    expect(b.accessToken).toBe(a.accessToken);
    expect(await callsTo(api, '/token')).toBe(1);
  });

  it('refuses a renewal for a grant that is not live with its code', async () => {
    const broker = api.app.get(AccessTokenBroker);
    await api.db.query(`UPDATE grants SET status = 'revoked'`);

    const error = await refusalOf(broker.renewRejected(aliceId, [GMAIL_SEND], 'ya29.anything'));

    expect(error.code).toBe('grant_revoked');
    expect(await callsTo(api, '/token')).toBe(0);
  });
});

import { AccessTokenBroker } from '@grantkeeper/offline-access';
import { SchedulerService } from '@grantkeeper/scheduler';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  callsTo,
  clearCalls,
  GMAIL_SEND,
  postCode,
  refusalOf,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';
import { eventually } from '../support/eventually.js';
import { userIdOf } from '../support/admin-client.js';

// Tokens that verify (Google signed them, for our audience) yet must not sign anyone in: another
// project's client as `azp`, a service account; and users who were let in before
// GOOGLE_HOSTED_DOMAIN was set, held to it at their next use.

type Kind = 'user' | 'service_account' | 'compute_engine';

async function mint(api: ApiUnderTest, as: Kind, claims: Record<string, unknown> = {}) {
  const answer = (await api.control('id-token', { as, claims })) as { id_token: string };
  return answer.id_token;
}

const signIn = (api: ApiUnderTest, credential: string) =>
  request(`${api.url}/auth/google/id-token`, { json: { credential } });
const me = (api: ApiUnderTest, auth: { bearer?: string; session?: string }) =>
  request(`${api.url}/api/v1/me`, {
    headers: auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {},
    cookies: auth.session ? { [SESSION_COOKIE]: auth.session } : undefined,
  });

const FOREIGN_CLIENT = 'attacker-project.apps.googleusercontent.com';

describe('ID tokens not to trust', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(() => api.close());

  const cases: Array<[string, Kind, Record<string, unknown>, string]> = [
    ['whose azp is another project’s client', 'user', { azp: FOREIGN_CLIENT }, 'azp_mismatch'],
    ['of a service account', 'service_account', {}, 'service_account_not_allowed'],
    [
      'from the Compute Engine metadata server',
      'compute_engine',
      {},
      'service_account_not_allowed',
    ],
    [
      'with a service account’s address',
      'user',
      { email: 'robot@p.iam.gserviceaccount.com' },
      'service_account_not_allowed',
    ],
  ];

  it.each(cases)('refuses a token %s at sign-in, with no session', async (_, as, claims, code) => {
    const token = await mint(api, as, claims);
    const response = await signIn(api, token);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: code });
    expect(Object.keys(response.body).sort()).toEqual(['error', 'message', 'statusCode']);
    expect(response.text).not.toContain(token);
    expect(setCookies(response).size).toBe(0);
  });

  it.each(cases)('refuses a token %s as a Bearer', async (_, as, claims, code) => {
    const response = await me(api, { bearer: await mint(api, as, claims) });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe(code);
  });

  it('records the refused sign-in with its reason', async () => {
    await signIn(api, await mint(api, 'service_account'));
    const rows = await api.db.query<{ reason: string }>(
      `SELECT details->>'reason' AS reason FROM audit_events
        WHERE action = 'sign_in.failed' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]?.reason).toBe('service_account_not_allowed');
  });
});

describe('GOOGLE_ALLOW_SERVICE_ACCOUNTS=true', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest({ GOOGLE_ALLOW_SERVICE_ACCOUNTS: 'true' });
  });
  afterAll(() => api.close());

  it('admits a service account that names itself as azp', async () => {
    const response = await me(api, { bearer: await mint(api, 'service_account') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      email: 'robot@emulator-project.iam.gserviceaccount.com',
    });
  });

  it('still refuses its token when another client obtained it', async () => {
    const token = await mint(api, 'service_account', { azp: FOREIGN_CLIENT });
    expect((await me(api, { bearer: token })).body.error).toBe('azp_mismatch');
  });
});

describe('Users created before GOOGLE_HOSTED_DOMAIN was set', () => {
  let api: ApiUnderTest;
  let alice: string;
  let bob: string;
  let aliceId: string;

  beforeEach(async () => {
    api = await startApiUnderTest();
    alice = await signInAs(api, ALICE_SUB);
    bob = await signInAs(api, BOB_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    aliceId = await userIdOf(api, ALICE_SUB);
    await api.restartApi({ GOOGLE_HOSTED_DOMAIN: 'corp.example' });
    await clearCalls(api);
  });
  afterEach(() => api.close());

  it('ends their session at its next check; a user of the domain keeps theirs', async () => {
    const first = await me(api, { session: alice });
    expect(first.status).toBe(401);
    expect(first.body.error).toBe('wrong_hosted_domain');
    expect((await me(api, { session: alice })).body.error).toBe('authentication_required');
    const [session] = await api.db.query<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM sessions WHERE user_id = $1',
      [aliceId],
    );
    expect(session.revoked_reason).toBe('outside_hosted_domain');
    const events = await api.db.query<{ actor_kind: string; reason: string }>(
      `SELECT actor_kind, details->>'reason' AS reason FROM audit_events
        WHERE action = 'session.ended' AND subject_user_id = $1`,
      [aliceId],
    );
    expect(events).toEqual([{ actor_kind: 'system', reason: 'outside_hosted_domain' }]);
    expect((await me(api, { session: bob })).status).toBe(200);
  });

  it('shows the public page to them as to anyone signed out', async () => {
    const page = await request(`${api.url}/`, { cookies: { [SESSION_COOKIE]: alice } });
    expect(page.status).toBe(200);
  });

  it('refuses their Bearer token and a fresh sign-in', async () => {
    const token = await api.mintIdToken();
    expect((await me(api, { bearer: token })).body.error).toBe('wrong_hosted_domain');
    expect((await signIn(api, token)).body.error).toBe('wrong_hosted_domain');
  });

  it('refuses every use of their grant without calling Google, and keeps the grant', async () => {
    const broker = api.app.get(AccessTokenBroker);
    const refusal = await refusalOf(broker.accessTokenFor(aliceId, [GMAIL_SEND]));
    expect(refusal.code).toBe('wrong_hosted_domain');
    expect(await callsTo(api, '/token')).toBe(0);
    const [grant] = await api.db.query<{ status: string; envelope: string | null }>(
      'SELECT status, refresh_token_envelope_id AS envelope FROM grants WHERE user_id = $1',
      [aliceId],
    );
    expect(grant.status).toBe('active');
    expect(grant.envelope).not.toBeNull();
  });
});

describe('Offline tasks of a user outside a hosted domain set since', () => {
  const scheduled = {
    SCHEDULER_ENABLED: 'true',
    SCHEDULER_POLLING_SECONDS: '0.5',
    KEEP_ALIVE_CRON: '0 0 1 1 *',
    TASK_SWEEP_CRON: '0 0 1 1 *',
    PURGE_CRON: '0 0 1 1 *',
  };
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest(scheduled);
  });
  afterAll(() => api.close());

  it('pause with the reason instead of sending as the user', async () => {
    const alice = await signInAs(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    const saved = await request(`${api.url}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['science'] } },
      headers: XHR,
      cookies: { [SESSION_COOKIE]: alice },
    });
    expect(saved.status).toBe(200);
    await api.restartApi({ ...scheduled, GOOGLE_HOSTED_DOMAIN: 'corp.example' });
    await clearCalls(api);

    await api.app.get(SchedulerService).runNow('tasks');
    const [task] = await eventually(
      () =>
        api.db.query<{ state: string; paused_reason: string }>(
          'SELECT state, paused_reason FROM user_tasks',
        ),
      (rows) => rows[0]?.state === 'paused',
    );
    expect(task.paused_reason).toBe('wrong_hosted_domain');
    expect(await callsTo(api, '/gmail/v1/users/me/messages/send')).toBe(0);
    expect(await callsTo(api, '/token')).toBe(0);
  });
});

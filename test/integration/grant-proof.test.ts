import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { signInAdmin } from '../support/admin-client.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  callsTo,
  clearCalls,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

// Returning users are re-checked at Google, not from our stored status: a grant not proven
// alive within GRANT_PROOF_WINDOW_SECONDS (default 600) is refreshed once before a returning
// user's code sign-in or /account says "On"; a grant Google refuses is marked revoked at once.
const grantStatus = async (api: ApiUnderTest) =>
  (
    await api.db.query<{ status: string; revoked_by: string | null }>(
      `SELECT g.status, g.revoked_by FROM grants g JOIN users u ON u.id = g.user_id
        WHERE u.google_sub = $1`,
      [ALICE_SUB],
    )
  )[0];
// The grant was last proven (refreshed, or its refresh token issued) eleven minutes ago.
const ageProof = (api: ApiUnderTest) =>
  api.db.query(
    `UPDATE grants SET last_refreshed_at = now() - interval '11 minutes',
                       refresh_token_issued_at = now() - interval '11 minutes'`,
  );
const accountPage = (api: ApiUnderTest, session: string, query = '') =>
  request(`${api.url}/account${query}`, { cookies: { [SESSION_COOKIE]: session } });
const shownStatus = (html: string) =>
  /id="offline-access-status" data-status="(\w+)"/.exec(html)?.[1];
const resetGrants = async (api: ApiUnderTest) => {
  await api.db.query('DELETE FROM grants');
  await api.db.query('DELETE FROM vault_envelopes');
};

describe('Returning users proven alive (optional offline access)', () => {
  let api: ApiUnderTest;
  let alice: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    alice = await signInAs(api, ALICE_SUB);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetGrants(api);
    await resetEmulator(api);
  });

  it('says "On" without calling Google for a grant proven within the window', async () => {
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    await clearCalls(api);

    const page = await accountPage(api, alice);

    expect(shownStatus(page.text)).toBe('active');
    expect(await callsTo(api, '/token')).toBe(0);
  });

  it('proves an older grant on /account load and shows a grant Google refused as off at once', async () => {
    await postCode(api, alice, await authorizationCode(api));
    await ageProof(api);
    await api.control(`users/${ALICE_SUB}/revoke`);
    await clearCalls(api);

    const page = await accountPage(api, alice);

    expect(shownStatus(page.text)).toBe('revoked');
    expect(await callsTo(api, '/token')).toBe(1);
    expect(await grantStatus(api)).toEqual({ status: 'revoked', revoked_by: 'google' });
    const events = await api.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action = 'offline_access.revoked'
          AND details->>'by' = 'google'`,
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it('refreshes once for many /account loads at once (single-flight), and then not again', async () => {
    await postCode(api, alice, await authorizationCode(api));
    await ageProof(api);
    await clearCalls(api);

    const pages = await Promise.all(Array.from({ length: 5 }, () => accountPage(api, alice)));

    expect(pages.map((page) => shownStatus(page.text))).toEqual(Array(5).fill('active'));
    expect(await callsTo(api, '/token')).toBe(1);
    await accountPage(api, alice);
    expect(await callsTo(api, '/token')).toBe(1);
  });

  it('answers a returning code sign-in with consent_required when Google refuses the kept token', async () => {
    // Time-based access: the refresh token dies after a second while Google keeps the consent,
    // so the next code brings no refresh token and ours no longer works.
    await api.control('settings', { time_based_access: 1 });
    await postCode(api, alice, await authorizationCode(api));
    await new Promise((resolve) => setTimeout(resolve, 1100));

    // Within the window the grant counts as proven: no call, the code is accepted.
    const trusted = await postCode(api, alice, await authorizationCode(api));
    expect(trusted.status).toBe(200);

    await ageProof(api);
    const again = await postCode(api, alice, await authorizationCode(api));

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'consent_required' });
    expect(await grantStatus(api)).toEqual({ status: 'revoked', revoked_by: 'google' });
  });
});

describe('Returning users proven alive (required offline access)', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({ OFFLINE_ACCESS: 'required' });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetGrants(api);
    await resetEmulator(api);
  });

  const signInWithCode = async () => {
    const response = await postCode(api, undefined, await authorizationCode(api));
    expect(response.status).toBe(200);
    return cookieValue(setCookies(response).get(SESSION_COOKIE));
  };

  it('sends a user whose grant Google refused straight to consent from /account, once', async () => {
    const session = await signInWithCode();
    await ageProof(api);
    await api.control(`users/${ALICE_SUB}/revoke`);

    const page = await accountPage(api, session);

    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/google?prompt=consent&return_to=%2Faccount');
    // Back from a cancelled consent: the page itself, which offers the next step, not a loop.
    const back = await accountPage(api, session, '?offline_access=denied');
    expect(back.status).toBe(200);
    expect(shownStatus(back.text)).toBe('revoked');
  });

  it('records which way a refused sign-in ended: no session, consent next', async () => {
    await api.control('settings', { time_based_access: 1 });
    await signInWithCode();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await ageProof(api);
    const [{ last }] = await api.db.query<{ last: string }>(
      'SELECT coalesce(max(id), 0)::text AS last FROM audit_events',
    );

    const response = await postCode(api, undefined, await authorizationCode(api));

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'consent_required' });
    expect(setCookies(response).has(SESSION_COOKIE)).toBe(false);
    const events = await api.db.query<{ action: string; details: Record<string, string> }>(
      `SELECT action, details FROM audit_events WHERE id > $1::bigint ORDER BY id`,
      [last],
    );
    const actions = events.map((event) => event.action);
    expect(actions).not.toContain('sign_in.succeeded');
    expect(events.find((event) => event.action === 'sign_in.refused_no_grant')?.details).toEqual({
      method: 'google_code',
      reason: 'consent_required',
      next: 'consent',
    });
  });

  it('refuses an ID-token sign-in without a live grant: 409 consent_required, no session', async () => {
    const credential = await api.mintIdToken({ sub: ALICE_SUB });

    const response = await request(`${api.url}/auth/google/id-token`, { json: { credential } });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'consent_required' });
    expect(setCookies(response).has(SESSION_COOKIE)).toBe(false);
    const [event] = await api.db.query<{ details: Record<string, string> }>(
      `SELECT details FROM audit_events WHERE action = 'sign_in.refused_no_grant'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(event.details).toEqual({
      method: 'google_id_token',
      reason: 'consent_required',
      next: 'consent',
    });
  });

  it('signs a returning user in by ID token once their grant is proven at Google', async () => {
    await signInWithCode();
    await ageProof(api);
    await clearCalls(api);
    const credential = await api.mintIdToken({ sub: ALICE_SUB });

    const alive = await request(`${api.url}/auth/google/id-token`, { json: { credential } });
    expect(alive.status).toBe(200);
    expect(await callsTo(api, '/token')).toBe(1);

    await ageProof(api);
    await api.control(`users/${ALICE_SUB}/revoke`);
    const dead = await request(`${api.url}/auth/google/id-token`, { json: { credential } });
    expect(dead.status).toBe(409);
    expect(await grantStatus(api)).toEqual({ status: 'revoked', revoked_by: 'google' });
  });

  it('lets an admin sign in to the dashboard by ID token without a grant', async () => {
    expect(await signInAdmin(api)).toBeTruthy();
  });

  it('records a refused sign-in of another kind with its code', async () => {
    const response = await postCode(api, undefined, 'not-a-code');

    expect(response.status).toBe(400);
    const [event] = await api.db.query<{ details: Record<string, string> }>(
      `SELECT details FROM audit_events WHERE action = 'sign_in.refused_no_grant'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(event.details).toMatchObject({ reason: 'invalid_code', next: 'sign_in_again' });
  });
});

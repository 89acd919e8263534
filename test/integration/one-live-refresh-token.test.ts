import { GrantsService } from '@grantkeeper/offline-access';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  callsTo,
  clearCalls,
  liveRefreshTokens,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

// One live refresh token per grant, counted at the emulator (GET /__control/grants) after each
// path. The emulator ends the whole user+client grant on any revoke, as Google is reported to
// (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke): revoking the
// token a new one replaces may take the new one with it, and the product must expect that.
const grantRow = async (api: ApiUnderTest) =>
  (
    await api.db.query<{
      status: string;
      upstream_revoked_at: Date | null;
      refresh_token_envelope_id: string | null;
    }>(
      `SELECT g.status, g.upstream_revoked_at, g.refresh_token_envelope_id
         FROM grants g JOIN users u ON u.id = g.user_id WHERE u.google_sub = $1`,
      [ALICE_SUB],
    )
  )[0];
const resetGrants = async (api: ApiUnderTest) => {
  await api.db.query('DELETE FROM grants');
  await api.db.query('DELETE FROM vault_envelopes');
};
const failRevokes = (api: ApiUnderTest, times: number) =>
  api.control('faults', { path: '/revoke', status: 503, times });

describe('One live refresh token per grant (optional offline access)', () => {
  let api: ApiUnderTest;
  let alice: string;
  const live = () => liveRefreshTokens(api, ALICE_SUB);
  const disconnect = () =>
    request(`${api.url}/offline-access`, {
      method: 'DELETE',
      headers: XHR,
      cookies: { [SESSION_COOKIE]: alice },
    });
  const connect = async (prompt?: string) =>
    postCode(api, alice, await authorizationCode(api, prompt ? { prompt } : {}));

  beforeAll(async () => {
    // Many code posts in a minute: more than the default 30 per address.
    api = await startApiUnderTest({ OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: '1000' });
    alice = await signInAs(api, ALICE_SUB);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetGrants(api);
    await resetEmulator(api);
  });

  it('finishes a failed revoke before a reconnect: /account retries it, then one token', async () => {
    expect((await connect()).status).toBe(200);
    await failRevokes(api, 1);
    expect((await disconnect()).body).toMatchObject({ status: 'revoked' });
    expect(await live()).toBe(1);

    await request(`${api.url}/account`, { cookies: { [SESSION_COOKIE]: alice } });
    expect(await live()).toBe(0);
    expect((await grantRow(api)).upstream_revoked_at).not.toBeNull();

    expect((await connect()).status).toBe(200);
    expect(await live()).toBe(1);
  });

  it('does not exchange a reconnect code while the old token’s revoke still fails, and retries it', async () => {
    await connect();
    await failRevokes(api, 10);
    await disconnect();
    await clearCalls(api);

    const reconnect = await connect('consent');

    expect(reconnect.status).toBe(503);
    expect(reconnect.body).toMatchObject({ error: 'upstream_unavailable' });
    expect(await callsTo(api, '/token')).toBe(0);
    expect(await live()).toBe(1);
    const row = await grantRow(api);
    expect(row.upstream_revoked_at).toBeNull();
    expect(row.refresh_token_envelope_id).not.toBeNull();

    await request(`${api.emulatorUrl}/__control/faults`, { method: 'DELETE' });
    await api.app.get(GrantsService).retryUpstreamRevocations();
    expect(await live()).toBe(0);
    expect((await connect()).status).toBe(200);
    expect(await live()).toBe(1);
  });

  it('asks again once when the finished revoke took the reconnect’s fresh code with it', async () => {
    await connect();
    await failRevokes(api, 1);
    await disconnect();
    // The code is issued while the old token still lives; its revoke ends Google's grant.
    const code = await authorizationCode(api, { prompt: 'consent' });

    const reconnect = await postCode(api, alice, code);

    expect(reconnect.status).toBe(409);
    expect(reconnect.body).toMatchObject({ error: 'consent_required' });
    expect(await live()).toBe(0);
    expect((await connect()).status).toBe(200);
    expect(await live()).toBe(1);
  });

  it('revokes the token a forced re-consent replaces, and asks once more if that ended the grant', async () => {
    await connect();
    const again = await connect('consent');

    // The emulator's revoke ended the whole grant: the new token died with the old one.
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'consent_required' });
    expect(await live()).toBe(0);
    expect((await grantRow(api)).status).toBe('revoked');
    const [event] = await api.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'offline_access.refresh_token_replaced'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(event.details).toEqual({ upstream: 'revoked', survived: false });

    expect((await connect()).status).toBe(200);
    expect(await live()).toBe(1);
  });

  it('revokes the fresh refresh token of another account whose code it refuses', async () => {
    const refused = await postCode(api, alice, await authorizationCode(api, { sub: BOB_SUB }));

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'account_mismatch' });
    expect(await liveRefreshTokens(api, BOB_SUB)).toBe(0);
    const [event] = await api.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'offline_access.refused_token_revoked'`,
    );
    expect(event.details).toEqual({ reason: 'account_mismatch', upstream: 'revoked' });
  });

  it('marks at once the grant of a refused account that Google ended with the fresh token', async () => {
    await api.control('settings', { returning_user: 'consent_every_time' });
    const bob = await signInAs(api, BOB_SUB);
    expect((await postCode(api, bob, await authorizationCode(api, { sub: BOB_SUB }))).status).toBe(
      200,
    );

    const refused = await postCode(api, alice, await authorizationCode(api, { sub: BOB_SUB }));

    expect(refused.status).toBe(409);
    expect(await liveRefreshTokens(api, BOB_SUB)).toBe(0);
    const [bobGrant] = await api.db.query<{ status: string }>(
      `SELECT g.status FROM grants g JOIN users u ON u.id = g.user_id WHERE u.google_sub = $1`,
      [BOB_SUB],
    );
    expect(bobGrant.status).toBe('revoked');
  });

  describe.each(['remembered', 'consent_every_time'] as const)(
    'returning_user=%s',
    (returningUser) => {
      beforeEach(async () => {
        await api.control('settings', { returning_user: returningUser });
      });

      it('never holds more than one live token over repeated reconnects', async () => {
        const counts: number[] = [];
        for (let round = 0; round < 6; round += 1) {
          let answer = await connect();
          // consent_every_time: the new token replaced ours, and the revoke ended both.
          if (answer.status === 409) answer = await connect();
          expect(answer.status).toBe(200);
          counts.push(await live());
        }
        expect(counts).toEqual(Array(6).fill(1));
        expect((await grantRow(api)).status).toBe('active');
        // What the churn health flag counts: tokens possibly left live at Google.
        const [{ issued }] = await api.db.query<{ issued: number }>(
          'SELECT refresh_tokens_issued AS issued FROM grants',
        );
        expect(issued).toBe(1);
      });
    },
  );
});

describe('One live refresh token per grant (required offline access)', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({
      OFFLINE_ACCESS: 'required',
      OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetGrants(api);
    await resetEmulator(api);
  });

  describe.each(['remembered', 'consent_every_time'] as const)(
    'returning_user=%s',
    (returningUser) => {
      it('signs a returning user in again and again with one live token', async () => {
        await api.control('settings', { returning_user: returningUser });
        for (let round = 0; round < 5; round += 1) {
          let answer = await postCode(api, undefined, await authorizationCode(api));
          if (answer.status === 409) {
            // Consent again (the page goes by redirect with prompt=consent): a fresh grant.
            expect(answer.body).toMatchObject({ error: 'consent_required' });
            answer = await postCode(api, undefined, await authorizationCode(api));
          }
          expect(answer.status).toBe(200);
          expect(cookieValue(setCookies(answer).get(SESSION_COOKIE))).toBeTruthy();
          expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(1);
        }
      });
    },
  );

  it('a returning visitor Google still remembers while our revoke is pending: one consent', async () => {
    const first = await postCode(api, undefined, await authorizationCode(api));
    const session = cookieValue(setCookies(first).get(SESSION_COOKIE));
    await failRevokes(api, 1);
    await request(`${api.url}/offline-access`, {
      method: 'DELETE',
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });

    // Google remembers the consent (its revoke never arrived): a code without a refresh token.
    const back = await postCode(api, undefined, await authorizationCode(api));

    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ error: 'consent_required' });
    // The pending revoke went first, so the consent asked next is the grant's only token.
    expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(0);
    const again = await postCode(
      api,
      undefined,
      await authorizationCode(api, { prompt: 'consent' }),
    );
    expect(again.status).toBe(200);
    expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(1);
  });

  it('a visitor whose old token’s revoke is pending: finished, and consent asked again', async () => {
    const first = await postCode(api, undefined, await authorizationCode(api));
    const session = cookieValue(setCookies(first).get(SESSION_COOKIE));
    await failRevokes(api, 1);
    await request(`${api.url}/offline-access`, {
      method: 'DELETE',
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });
    await request(`${api.url}/auth/sign-out`, {
      method: 'POST',
      headers: XHR,
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(1);

    // Signed out, so the user is known only from the code's ID token, after its exchange.
    const back = await postCode(
      api,
      undefined,
      await authorizationCode(api, { prompt: 'consent' }),
    );

    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ error: 'consent_required' });
    expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(0);
    const again = await postCode(api, undefined, await authorizationCode(api));
    expect(again.status).toBe(200);
    expect(await liveRefreshTokens(api, ALICE_SUB)).toBe(1);
  });
});

import {
  AccessTokenBroker,
  GoogleClientBreaker,
  GrantsService,
  KeepAliveRefresher,
} from '@grantkeeper/offline-access';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userIdOf } from '../support/admin-client.js';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  callsTo,
  clearCalls,
  postCode,
  refusalOf,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

interface GrantRow {
  id: string;
  status: string;
  failure_count: number;
  last_error: string | null;
  next_refresh_at: Date | null;
  refresh_token_envelope_id: string | null;
  upstream_revoked_at: Date | null;
  reauth_required_at: Date | null;
  refresh_token_expires_at: Date | null;
  health_flags: string[];
}

// Google's answers that do not mean what a plain failure means: invalid_rapt (sign in again,
// the grant lives), 401 invalid_client (our client is refused, no grant is at fault), "Token is
// not revocable" (final), and refresh tokens that expire by themselves.
describe('Google’s refresh and revoke answers', () => {
  let api: ApiUnderTest;
  let broker: AccessTokenBroker;
  let breaker: GoogleClientBreaker;
  let aliceId: string;
  let session: string;

  const grant = async () =>
    (await api.db.query<GrantRow>('SELECT * FROM grants WHERE user_id = $1', [aliceId]))[0];
  /** Consents, then lets the cached access token expire: every use refreshes. */
  const consent = async () => {
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    await api.db.query(
      `UPDATE grants SET access_token_expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [aliceId],
    );
    await clearCalls(api);
  };
  const accountPage = async () =>
    (await request(`${api.url}/account`, { cookies: { [SESSION_COOKIE]: session } })).text;

  beforeAll(async () => {
    api = await startApiUnderTest();
    broker = api.app.get(AccessTokenBroker);
    breaker = api.app.get(GoogleClientBreaker);
    session = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    breaker.accepted();
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
    await resetEmulator(api);
  });

  it('keeps a grant Google answers invalid_rapt for, asks the user to sign in again, and resumes', async () => {
    await consent();
    await api.control('settings', { refresh_error: 'invalid_rapt' });

    const error = await refusalOf(broker.accessTokenFor(aliceId, []));

    expect(error.code).toBe('reauth_required');
    const row = await grant();
    expect(row).toMatchObject({ status: 'active', last_error: 'invalid_rapt' });
    expect(row.refresh_token_envelope_id).not.toBeNull();
    expect(row.reauth_required_at).not.toBeNull();
    expect(row.health_flags).toContain('reauth_required');
    expect(await accountPage()).toContain('id="offline-access-reauth"');
    const flagged = await api.app
      .get(GrantsService)
      .updateHealthFlags({ testingMode: false, testingDays: 7 });
    expect(flagged).toBe(1);

    // The user re-authenticated at Google: the next refresh works and clears the mark.
    await api.control('settings', { refresh_error: 'none' });
    await api.db.query('UPDATE grants SET next_refresh_at = now() WHERE user_id = $1', [aliceId]);
    await expect(broker.accessTokenFor(aliceId, [])).resolves.toMatchObject({ grantId: row.id });
    const after = await grant();
    expect(after).toMatchObject({ status: 'active', reauth_required_at: null, failure_count: 0 });
    expect(after.health_flags).not.toContain('reauth_required');
    expect(await accountPage()).not.toContain('id="offline-access-reauth"');
  });

  it('stops at the first 401 invalid_client and changes no grant', async () => {
    await consent();
    const before = await grant();
    await api.control('settings', { refresh_error: 'invalid_client' });

    const first = await refusalOf(broker.accessTokenFor(aliceId, []));
    expect(first.code).toBe('upstream_unavailable');
    expect(await callsTo(api, '/token')).toBe(1);
    expect(breaker.state()).toMatchObject({ rejected: true, refusals: 1 });

    // Open: neither a consumer nor the keep-alive calls Google, and the grant is untouched.
    await refusalOf(broker.accessTokenFor(aliceId, []));
    expect(
      await api.app.get(KeepAliveRefresher).keepAlive([before.id], new Date(Date.now() + 60_000)),
    ).toEqual([{ kind: 'unavailable' }]);
    expect(await callsTo(api, '/token')).toBe(1);
    expect(await grant()).toMatchObject({
      status: 'active',
      failure_count: 0,
      last_error: null,
      next_refresh_at: null,
    });
    const audited = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'offline_access.refresh_failed' AND grant_id = $1`,
      [before.id],
    );
    expect(audited[0].n).toBe(0);
    const metrics = await request(`${api.url}/metrics`);
    expect(metrics.text).toMatch(/^grantkeeper_google_client_rejected 1$/m);
  });

  it('treats "Token is not revocable" as final: audited, never retried', async () => {
    await consent();
    await api.control('settings', { unrevocable_tokens: true });
    const grants = api.app.get(GrantsService);

    const { upstream } = await grants.revoke(aliceId, { kind: 'user', id: aliceId }, 'user');

    expect(upstream).toBe('not_revocable');
    const row = await grant();
    expect(row.upstream_revoked_at).not.toBeNull();
    expect(row.refresh_token_envelope_id).toBeNull();
    const audited = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'offline_access.upstream_revoke_refused' AND grant_id = $1`,
      [row.id],
    );
    expect(audited[0].n).toBe(1);
    await clearCalls(api);
    await grants.retryUpstreamRevocations();
    expect(await callsTo(api, '/revoke')).toBe(0);
  });

  it('revokes with the token in the form body, never in the URL', async () => {
    await consent();

    await api.app.get(GrantsService).revoke(aliceId, { kind: 'user', id: aliceId }, 'user');

    const { body } = await request<{
      calls: Array<{ method: string; query: Record<string, unknown>; body_fields?: string[] }>;
    }>(`${api.emulatorUrl}/__control/calls?path=/revoke`);
    expect(body.calls).toHaveLength(1);
    expect(body.calls[0]).toMatchObject({ method: 'POST', query: {}, body_fields: ['token'] });
  });

  it('stores refresh_token_expires_in, flags the grant near it and asks the user to reconnect', async () => {
    await api.control('settings', { time_based_access: 3600 });
    await consent();

    const row = await grant();
    expect(row.refresh_token_expires_at!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(row.refresh_token_expires_at!.getTime()).toBeLessThan(Date.now() + 3700_000);
    // The app is configured as in production: the real expiry alone raises the flag.
    await api.app.get(GrantsService).updateHealthFlags({ testingMode: false, testingDays: 7 });
    expect((await grant()).health_flags).toContain('testing_mode_expiry');
    const page = await accountPage();
    expect(page).toContain('id="offline-access-expiry" data-soon="true"');
    expect(page).toContain('Reconnect now');
  });

  it('stores the seven days of an app in Testing status, shown without alarm', async () => {
    await api.control('settings', { publishing_status: 'testing' });
    await consent();

    const row = await grant();
    const days = (row.refresh_token_expires_at!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    await api.app.get(GrantsService).updateHealthFlags({ testingMode: false, testingDays: 7 });
    expect((await grant()).health_flags).not.toContain('testing_mode_expiry');
    expect(await accountPage()).toContain('id="offline-access-expiry" data-soon="false"');
  });
});

import {
  AccessTokenBroker,
  GRANT_LAST_USED_EVERY_MS,
  GrantsService,
  OfflineAccessError,
} from '@grantkeeper/offline-access';
import { VaultService } from '@grantkeeper/vault';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  authorizationCode,
  callsTo,
  clearCalls,
  GMAIL_SEND,
  postCode,
  refusalOf,
  resetEmulator,
  ROTATED_TOKEN_ANSWER,
  signInAs,
} from '../support/offline-access-client.js';

interface GrantRow {
  id: string;
  status: string;
  failure_count: number;
  next_refresh_at: Date | null;
  revoked_by: string | null;
  refresh_token_envelope_id: string | null;
  access_token_envelope_id: string | null;
}

// The access-token broker against the emulator's token endpoint: cached tokens, one upstream
// refresh for many callers, Google's faults, and dead grants.
describe(AccessTokenBroker.name, () => {
  let api: ApiUnderTest;
  let broker: AccessTokenBroker;
  let aliceId: string;
  let session: string;

  const grant = async () =>
    (await api.db.query<GrantRow>('SELECT * FROM grants WHERE user_id = $1', [aliceId]))[0];
  /** Consents with access tokens that live `lifetime` seconds (under 5 minutes: refresh due). */
  const consent = async (lifetime = 3600) => {
    await api.control('settings', { access_token_lifetime: lifetime });
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
    await clearCalls(api);
  };

  beforeAll(async () => {
    api = await startApiUnderTest();
    broker = api.app.get(AccessTokenBroker);
    session = await signInAs(api, ALICE_SUB);
    [{ id: aliceId }] = await api.db.query<{ id: string }>(
      'SELECT id FROM users WHERE google_sub = $1',
      [ALICE_SUB],
    );
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
    await resetEmulator(api);
  });

  it('hands out the cached access token while it has more than five minutes left', async () => {
    await consent(3600);

    const token = await broker.accessTokenFor(aliceId, [GMAIL_SEND]);

    expect(token.accessToken).toMatch(/^ya29\./);
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(await callsTo(api, '/token')).toBe(0);
  });

  it('records a cached token’s use at most once a minute per grant', async () => {
    await consent(3600);
    const lastUsed = async () =>
      (
        await api.db.query<{ last_used_at: Date | null }>(
          'SELECT last_used_at FROM grants WHERE user_id = $1',
          [aliceId],
        )
      )[0].last_used_at;
    await api.db.query('UPDATE grants SET last_used_at = NULL WHERE user_id = $1', [aliceId]);

    await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    expect(await lastUsed()).toEqual(first);

    // A recorded use older than a minute (whichever instance wrote it) moves again.
    const old = new Date(Date.now() - GRANT_LAST_USED_EVERY_MS - 1_000);
    await api.db.query('UPDATE grants SET last_used_at = $2 WHERE user_id = $1', [aliceId, old]);
    await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(await callsTo(api, '/token')).toBe(0);
  });

  it('refreshes once for many concurrent callers, and they all get the new token', async () => {
    await consent(120);

    const tokens = await Promise.all(
      Array.from({ length: 8 }, () => broker.accessTokenFor(aliceId, [GMAIL_SEND])),
    );

    expect(await callsTo(api, '/token')).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    const row = await grant();
    expect(row.status).toBe('active');
  });

  it('refuses a scope the user did not grant with scope_not_granted', async () => {
    await consent();

    const error = await refusalOf(
      broker.accessTokenFor(aliceId, ['https://www.googleapis.com/auth/drive']),
    );

    expect(error).toBeInstanceOf(OfflineAccessError);
    expect(error.code).toBe('scope_not_granted');
  });

  it('keeps the grant active through a 503, backs off, and recovers', async () => {
    await consent(120);
    // The cached token (two minutes left) is still valid: served despite the failure.
    await api.control('faults', { path: '/token', status: 503, times: 1 });
    const served = await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    expect(served.accessToken).toMatch(/^ya29\./);
    let row = await grant();
    expect(row).toMatchObject({ status: 'active', failure_count: 1 });
    expect(row.next_refresh_at!.getTime()).toBeGreaterThan(Date.now());

    // Within the backoff window no upstream call is made at all.
    await clearCalls(api);
    await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    expect(await callsTo(api, '/token')).toBe(0);

    // Once it is over, the next call refreshes and clears the failure.
    await api.db.query('UPDATE grants SET next_refresh_at = now() WHERE user_id = $1', [aliceId]);
    await broker.accessTokenFor(aliceId, [GMAIL_SEND]);
    row = await grant();
    expect(row).toMatchObject({ status: 'active', failure_count: 0, next_refresh_at: null });
  });

  it('answers 503 upstream_unavailable with Retry-After when no cached token is left', async () => {
    await consent(120);
    await api.db.query(
      `UPDATE grants SET access_token_expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [aliceId],
    );
    await api.control('faults', {
      path: '/token',
      status: 429,
      headers: { 'retry-after': '30' },
      times: 1,
    });

    const error = await refusalOf(broker.accessTokenFor(aliceId, [GMAIL_SEND]));

    expect(error.code).toBe('upstream_unavailable');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect((await grant()).status).toBe('active');
  });

  it('marks the grant revoked on invalid_grant, purges its tokens and stops calling Google', async () => {
    await consent(120);
    await api.control(`users/${ALICE_SUB}/revoke`);

    const error = await refusalOf(broker.accessTokenFor(aliceId, [GMAIL_SEND]));

    expect(error.code).toBe('grant_revoked');
    expect(await grant()).toMatchObject({
      status: 'revoked',
      revoked_by: 'google',
      refresh_token_envelope_id: null,
      access_token_envelope_id: null,
    });
    await clearCalls(api);
    expect((await refusalOf(broker.accessTokenFor(aliceId, [GMAIL_SEND]))).code).toBe(
      'grant_revoked',
    );
    expect(await callsTo(api, '/token')).toBe(0);
    const actions = await api.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE grant_id = (SELECT id FROM grants WHERE user_id = $1)
        ORDER BY id`,
      [aliceId],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['offline_access.refresh_failed', 'offline_access.revoked']),
    );
  });

  it('persists a refresh token Google rotates, in the same transaction as the access token', async () => {
    await consent(120);
    await api.control('faults', {
      path: '/token',
      status: 200,
      body: ROTATED_TOKEN_ANSWER,
      times: 1,
    });

    const token = await broker.accessTokenFor(aliceId, [GMAIL_SEND]);

    expect(token.accessToken).toBe('ya29.rotated-access');
    const row = await grant();
    const stored = await api.app.get(VaultService).open(row.refresh_token_envelope_id!, {
      purpose: 'google_refresh_token',
      owner: `grant:${row.id}:user:${aliceId}`,
    });
    expect(stored).toBe('1//rotated-refresh');
  });

  it('finishes a revoke Google could not take at the time', async () => {
    await consent();
    await api.control('faults', { path: '/revoke', status: 503, times: 1 });
    const grants = api.app.get(GrantsService);
    const first = await grants.revoke(aliceId, { kind: 'user', id: aliceId }, 'user_disconnected');
    expect(first.upstream).toBe('pending');
    expect((await grant()).refresh_token_envelope_id).not.toBeNull();

    expect(await grants.retryUpstreamRevocations()).toBe(1);

    expect((await grant()).refresh_token_envelope_id).toBeNull();
    expect(await api.db.query('SELECT id FROM vault_envelopes')).toEqual([]);
  });
});

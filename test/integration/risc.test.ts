import { AccessTokenBroker, type OfflineAccessError } from '@grantkeeper/offline-access';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  GMAIL_SEND,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';
import { deliverRiscEvent } from '../support/risc-client.js';

interface GrantRow {
  id: string;
  status: string;
  revoked_by: string | null;
  revocation_reason: string | null;
  upstream_revoked_at: Date | null;
  refresh_token_envelope_id: string | null;
  access_token_envelope_id: string | null;
}

// Google's Cross-Account Protection events, delivered by the emulator to the api's real
// POST /risc/events, and what each does to the user's sessions, grants and data.
describe('RISC security events', () => {
  let api: ApiUnderTest;
  let broker: AccessTokenBroker;
  let session: string;

  const aliceId = async () =>
    (
      await api.db.query<{ id: string }>('SELECT id FROM users WHERE google_sub = $1', [ALICE_SUB])
    )[0]?.id;
  const grant = async () =>
    (
      await api.db.query<GrantRow>(
        'SELECT g.* FROM grants g JOIN users u ON u.id = g.user_id WHERE u.google_sub = $1',
        [ALICE_SUB],
      )
    )[0];
  const me = (cookie: string) =>
    request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: cookie } });
  const brokerFailure = async (): Promise<OfflineAccessError> => {
    const id = await aliceId();
    return broker.accessTokenFor(id, [GMAIL_SEND]).then(
      () => {
        throw new Error('expected the broker to refuse');
      },
      (error: unknown) => error as OfflineAccessError,
    );
  };
  const auditActions = async (action: string) =>
    api.db.query<{ details: Record<string, unknown> }>(
      'SELECT details FROM audit_events WHERE action = $1',
      [action],
    );

  beforeAll(async () => {
    api = await startApiUnderTest();
    broker = api.app.get(AccessTokenBroker);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
    await resetEmulator(api);
    session = await signInAs(api, ALICE_SUB);
    expect((await postCode(api, session, await authorizationCode(api))).status).toBe(200);
  });

  it('tokens-revoked: the grant is revoked as dead at Google, its tokens purged', async () => {
    const delivery = await deliverRiscEvent(api, { event: 'tokens-revoked', sub: ALICE_SUB });

    expect(delivery.status).toBe(202);
    expect(await grant()).toMatchObject({
      status: 'revoked',
      revoked_by: 'google',
      revocation_reason: 'risc_tokens_revoked',
      refresh_token_envelope_id: null,
      access_token_envelope_id: null,
    });
    expect((await grant())?.upstream_revoked_at).toBeInstanceOf(Date);
    expect((await brokerFailure()).code).toBe('grant_revoked');
    const [audit] = await auditActions('risc.tokens-revoked');
    expect(audit?.details).toMatchObject({ jti: delivery.jti, grant_revoked: true });
  });

  it('token-revoked: the grant holding that refresh token is revoked', async () => {
    const delivery = await deliverRiscEvent(api, { event: 'token-revoked', sub: ALICE_SUB });

    expect(delivery.status).toBe(202);
    expect(await grant()).toMatchObject({ status: 'revoked', refresh_token_envelope_id: null });
    expect((await brokerFailure()).code).toBe('grant_revoked');
    expect(JSON.stringify(await auditActions('risc.token-revoked'))).not.toContain(delivery.token);
  });

  it('sessions-revoked: the old session cookie no longer signs anyone in', async () => {
    expect((await me(session)).status).toBe(200);

    expect(
      (await deliverRiscEvent(api, { event: 'sessions-revoked', sub: ALICE_SUB })).status,
    ).toBe(202);

    expect((await me(session)).status).toBe(401);
    expect((await grant())?.status).toBe('active');
  });

  it('account-disabled suspends the grant and ends sessions; account-enabled resumes it', async () => {
    const disabled = await deliverRiscEvent(api, {
      event: 'account-disabled',
      sub: ALICE_SUB,
      reason: 'hijacking',
    });
    expect(disabled.status).toBe(202);
    expect((await me(session)).status).toBe(401);
    expect((await grant())?.status).toBe('suspended');
    const refused = await brokerFailure();
    expect(refused.code).toBe('grant_suspended');
    const again = await signInAs(api, ALICE_SUB);
    const view = await request(`${api.url}/offline-access`, {
      cookies: { [SESSION_COOKIE]: again },
    });
    expect(view.body).toMatchObject({ status: 'suspended' });

    expect((await deliverRiscEvent(api, { event: 'account-enabled', sub: ALICE_SUB })).status).toBe(
      202,
    );

    expect((await grant())?.status).toBe('active');
    const token = await broker.accessTokenFor(await aliceId(), [GMAIL_SEND]);
    expect(token.accessToken).toMatch(/^ya29\./);
    const [audit] = await auditActions('risc.account-disabled');
    expect(audit?.details).toMatchObject({ reason: 'hijacking', grants_suspended: 1 });
  });

  it('account-purged deletes the user, their sessions, grant and tokens; the audit stays', async () => {
    const userId = await aliceId();
    const envelopes = await api.db.query('SELECT id FROM vault_envelopes');
    expect(envelopes.length).toBeGreaterThan(0);

    expect((await deliverRiscEvent(api, { event: 'account-purged', sub: ALICE_SUB })).status).toBe(
      202,
    );

    expect(await aliceId()).toBeUndefined();
    expect(await api.db.query('SELECT id FROM sessions WHERE user_id = $1', [userId])).toEqual([]);
    expect(await api.db.query('SELECT id FROM grants WHERE user_id = $1', [userId])).toEqual([]);
    expect(await api.db.query('SELECT id FROM vault_envelopes')).toEqual([]);
    const audit = await api.db.query(
      "SELECT action FROM audit_events WHERE subject_user_id = $1 AND action = 'risc.account-purged'",
      [userId],
    );
    expect(audit).toHaveLength(1);
    expect((await me(session)).status).toBe(401);
  });

  it.each(['account-credential-change-required', 'verification'])(
    '%s is recorded and changes nothing',
    async (event) => {
      const delivery = await deliverRiscEvent(api, { event, sub: ALICE_SUB });

      expect(delivery.status).toBe(202);
      expect(
        await api.db.query('SELECT event_type FROM risc_events WHERE jti = $1', [delivery.jti]),
      ).toEqual([{ event_type: event }]);
      expect((await me(session)).status).toBe(200);
      expect((await grant())?.status).toBe('active');
    },
  );

  it('an account we do not know is acknowledged and recorded', async () => {
    const delivery = await deliverRiscEvent(api, {
      event: 'account-disabled',
      sub: '999999999999999999999',
    });

    expect(delivery.status).toBe(202);
    expect(
      await api.db.query('SELECT subject_sub FROM risc_events WHERE jti = $1', [delivery.jti]),
    ).toEqual([{ subject_sub: '999999999999999999999' }]);
    expect((await grant())?.status).toBe('active');
  });

  it('a redelivered jti is acknowledged and not acted on again', async () => {
    const jti = `replay-${Date.now()}`;
    const first = await deliverRiscEvent(api, { event: 'sessions-revoked', sub: ALICE_SUB, jti });
    const fresh = await signInAs(api, ALICE_SUB);

    const second = await deliverRiscEvent(api, { event: 'sessions-revoked', sub: ALICE_SUB, jti });

    expect([first.status, second.status]).toEqual([202, 202]);
    expect((await me(fresh)).status).toBe(200);
    const audits = await auditActions('risc.sessions-revoked');
    expect(audits.filter((row) => row.details.jti === jti)).toHaveLength(1);
  });
});

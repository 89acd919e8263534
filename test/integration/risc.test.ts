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
import { deliverRiscEvent, mintRiscToken, postToReceiver } from '../support/risc-client.js';

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

  describe('once per event', () => {
    const withJti = async (action: string, jti: string) =>
      (await auditActions(action)).filter((row) => row.details.jti === jti);
    const sessionEnds = async () =>
      api.db.query<{ revoked_at: Date | null; revoked_reason: string | null }>(
        'SELECT revoked_at, revoked_reason FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.google_sub = $1 ORDER BY s.created_at',
        [ALICE_SUB],
      );
    const suspensions = async () =>
      (
        await api.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'offline_access.suspended'`,
        )
      )[0].n;

    it('acts once on ten concurrent deliveries of one jti, and acknowledges them all', async () => {
      const jti = `concurrent-${Date.now()}`;
      const before = await suspensions();
      const token = await mintRiscToken(api, { event: 'account-disabled', sub: ALICE_SUB, jti });

      const answers = await Promise.all(
        Array.from({ length: 10 }, () => postToReceiver(api, token)),
      );

      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
      const audits = await withJti('risc.account-disabled', jti);
      expect(audits).toHaveLength(1);
      expect(audits[0].details).toMatchObject({ grants_suspended: 1 });
      expect(await suspensions()).toBe(before + 1);
      expect(await api.db.query('SELECT jti FROM risc_events WHERE jti = $1', [jti])).toHaveLength(
        1,
      );
    });

    it('completes an event whose action failed half-way when Google redelivers it', async () => {
      const jti = `half-way-${Date.now()}`;
      const before = await suspensions();
      // PostgreSQL itself refuses to suspend the grant, after the sessions were ended.
      await api.db.query(`
        CREATE OR REPLACE FUNCTION refuse_suspension() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'suspension refused by the test'; END $$`);
      await api.db.query(`
        CREATE TRIGGER refuse_suspension BEFORE UPDATE ON grants FOR EACH ROW
        WHEN (NEW.status = 'suspended') EXECUTE FUNCTION refuse_suspension()`);
      const token = await mintRiscToken(api, { event: 'account-disabled', sub: ALICE_SUB, jti });
      try {
        const failed = await postToReceiver(api, token);
        expect(failed.status).toBe(500);
        // Nothing of it stays: the sessions it had ended are live again.
        expect((await me(session)).status).toBe(200);
        expect((await grant())?.status).toBe('active');
        expect(await withJti('risc.account-disabled', jti)).toEqual([]);
        expect(await api.db.query('SELECT 1 FROM risc_events WHERE jti = $1', [jti])).toEqual([]);
      } finally {
        await api.db.query('DROP TRIGGER refuse_suspension ON grants');
      }

      expect((await postToReceiver(api, token)).status).toBe(202);

      expect((await grant())?.status).toBe('suspended');
      expect((await me(session)).status).toBe(401);
      expect(await suspensions()).toBe(before + 1);
      const audits = await withJti('risc.account-disabled', jti);
      expect(audits).toHaveLength(1);
      expect(audits[0].details).toMatchObject({ grants_suspended: 1 });
      const ended = await sessionEnds();
      expect(ended.every((row) => row.revoked_at !== null)).toBe(true);
      expect(ended.at(-1)?.revoked_reason).toBe('risc_account_disabled');
      // A third delivery changes nothing.
      expect((await postToReceiver(api, token)).status).toBe(202);
      expect(await sessionEnds()).toEqual(ended);
      expect(await withJti('risc.account-disabled', jti)).toHaveLength(1);
    });

    it('applies an event once when recording its jti fails after it was acted on', async () => {
      const jti = `at-commit-${Date.now()}`;
      // Fails the transaction at COMMIT, after the actions and the audit event were written.
      await api.db.query(`
        CREATE OR REPLACE FUNCTION refuse_jti() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'jti refused by the test'; END $$`);
      await api.db.query(`
        CREATE CONSTRAINT TRIGGER refuse_jti AFTER INSERT ON risc_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_jti()`);
      const token = await mintRiscToken(api, { event: 'sessions-revoked', sub: ALICE_SUB, jti });
      try {
        expect((await postToReceiver(api, token)).status).toBe(500);
        expect((await me(session)).status).toBe(200);
        expect(await withJti('risc.sessions-revoked', jti)).toEqual([]);
      } finally {
        await api.db.query('DROP TRIGGER refuse_jti ON risc_events');
      }

      expect((await postToReceiver(api, token)).status).toBe(202);

      expect((await me(session)).status).toBe(401);
      expect(await withJti('risc.sessions-revoked', jti)).toHaveLength(1);
    });
  });
});

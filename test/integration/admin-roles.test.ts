import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  adminCall,
  ADMIN_EMAIL,
  ADMIN_SUB,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import { BOB_SUB, signInAs } from '../support/offline-access-client.js';

describe('Admin API: roles', () => {
  let api: ApiUnderTest;
  let admin: string;
  let adminId: string;
  let aliceId: string;
  let bobId: string;

  const setRole = (id: string, role: unknown, session = admin) =>
    adminCall(api, session, `users/${id}/role`, { method: 'PUT', json: { role } });
  const roles = async () =>
    Object.fromEntries(
      (await api.db.query<{ id: string; role: string }>('SELECT id, role FROM users')).map(
        (row) => [row.id, row.role],
      ),
    );

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    await signInAs(api, ALICE_SUB);
    await signInAs(api, BOB_SUB);
    [adminId, aliceId, bobId] = await Promise.all(
      [ADMIN_SUB, ALICE_SUB, BOB_SUB].map((sub) => userIdOf(api, sub)),
    );
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query(`UPDATE users SET role = 'user' WHERE id <> $1`, [adminId]);
    await api.db.query(
      `UPDATE users SET role = 'admin', email = 'admin@grantkeeper.test' WHERE id = $1`,
      [adminId],
    );
  });
  /** The admin's address leaves ADMIN_EMAILS' reach, as if the configuration had changed. */
  const noLongerBootstrap = () =>
    api.db.query(`UPDATE users SET email = 'ada@elsewhere.test' WHERE id = $1`, [adminId]);

  it('promotes a user to admin, who then has access, on the record', async () => {
    const response = await setRole(aliceId, 'admin');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: aliceId, role: 'admin' });
    const alice = await signInAs(api, ALICE_SUB);
    expect((await adminCall(api, alice, 'users')).status).toBe(200);
    const events = await api.db.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'admin.role_changed'
        AND subject_user_id = $1`,
      [aliceId],
    );
    expect(events).toEqual([{ actor_id: adminId, details: { from: 'user', to: 'admin' } }]);
  });

  it('demotes another admin, who loses access', async () => {
    await setRole(aliceId, 'admin');
    const alice = await signInAs(api, ALICE_SUB);

    expect((await setRole(aliceId, 'user')).status).toBe(200);

    expect((await adminCall(api, alice, 'users')).status).toBe(403);
  });

  it('refuses to demote the last admin (409 last_admin)', async () => {
    await noLongerBootstrap();
    const response = await setRole(adminId, 'user');

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'last_admin' });
    expect((await roles())[adminId]).toBe('admin');
  });

  it('lets only one of two concurrent demotions of the last two admins through', async () => {
    await setRole(aliceId, 'admin');
    // Bearer callers: the guard reuses each one's user row for a few seconds, so both
    // requests get past it as admins and only the service's row lock can stop the second.
    const bearer = async (sub: string, email: string) => {
      const token = await api.mintIdToken({ sub, email, email_verified: true });
      const headers = { authorization: `Bearer ${token}` };
      expect((await request(`${api.url}/api/admin/users?limit=1`, { headers })).status).toBe(200);
      return headers;
    };
    // The admin's token carries an address outside ADMIN_EMAILS: only the last-admin rule applies.
    const [asAdmin, asAlice] = [
      await bearer(ADMIN_SUB, 'ada@elsewhere.test'),
      await bearer(ALICE_SUB, 'alice@example.com'),
    ];
    const demote = (id: string, headers: Record<string, string>) =>
      request(`${api.url}/api/admin/users/${id}/role`, {
        method: 'PUT',
        json: { role: 'user' },
        headers,
      });

    const answers = await Promise.all([demote(aliceId, asAdmin), demote(adminId, asAlice)]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const admins = Object.values(await roles()).filter((role) => role === 'admin');
    expect(admins).toHaveLength(1);
  });

  it('refuses to demote a bootstrap admin from ADMIN_EMAILS (409 bootstrap_admin), and says so', async () => {
    await setRole(aliceId, 'admin');
    const alice = await signInAs(api, ALICE_SUB);

    const response = await setRole(adminId, 'user', alice);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ statusCode: 409, error: 'bootstrap_admin' });
    expect((response.body as { message: string }).message).toContain('ADMIN_EMAILS');
    expect((await roles())[adminId]).toBe('admin');
    const detail = await adminCall<{ bootstrapAdmin: boolean }>(api, alice, `users/${adminId}`);
    expect(detail.body.bootstrapAdmin).toBe(true);
    const other = await adminCall<{ bootstrapAdmin: boolean }>(api, alice, `users/${aliceId}`);
    expect(other.body.bootstrapAdmin).toBe(false);
    // Once the address is no longer listed, the demotion goes through.
    await noLongerBootstrap();
    expect((await setRole(adminId, 'user', alice)).status).toBe(200);
  });

  it('records a re-promotion through ADMIN_EMAILS at sign-in, once, and not a sign-in that changes nothing', async () => {
    const grants = () =>
      api.db.query<{ actor_kind: string; details: Record<string, unknown> }>(
        `SELECT actor_kind, details FROM audit_events WHERE action = 'admin.role_granted'
          AND subject_user_id = $1 ORDER BY occurred_at, id`,
        [adminId],
      );
    // The first sign-in (beforeAll) created the account as an admin: on the record.
    expect(await grants()).toEqual([
      {
        actor_kind: 'system',
        details: { by: 'ADMIN_EMAILS', from: 'new_user', to: 'admin', at: 'sign_in' },
      },
    ]);
    await signInAdmin(api);
    expect(await grants()).toHaveLength(1);

    // Demoted while the address stayed listed (by hand in the database: the API refuses it).
    await api.db.query(`UPDATE users SET role = 'user' WHERE id = $1`, [adminId]);
    await Promise.all([signInAdmin(api), signInAdmin(api)]);

    expect((await roles())[adminId]).toBe('admin');
    const events = await grants();
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      actor_kind: 'system',
      details: { by: 'ADMIN_EMAILS', from: 'user', to: 'admin', at: 'sign_in' },
    });
  });

  it('records a promotion through ADMIN_EMAILS on a Bearer request', async () => {
    // A Google account not seen before (the admin's own Bearer user may be cached from an
    // earlier test): its first request creates it as an admin.
    const sub = '100000000000000000077';
    const token = await api.mintIdToken({ sub, email: ADMIN_EMAIL, email_verified: true });
    const response = await request(`${api.url}/api/admin/users?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    const events = await api.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'admin.role_granted'
        AND subject_user_id = $1`,
      [await userIdOf(api, sub)],
    );
    expect(events.map((e) => e.details)).toEqual([
      { by: 'ADMIN_EMAILS', from: 'new_user', to: 'admin', at: 'bearer_request' },
    ]);
  });

  it.each([{ role: 'root' }, {}, { role: 'admin', extra: true }])(
    'answers 400 to the body %j',
    async (body) => {
      const response = await adminCall(api, admin, `users/${bobId}/role`, {
        method: 'PUT',
        json: body,
      });
      expect(response.status).toBe(400);
    },
  );

  it.each(['00000000-0000-0000-0000-000000000000', 'bob'])(
    'answers 404 for user %s',
    async (id) => {
      const response = await setRole(id, 'admin');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found' });
    },
  );
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALICE_SUB,
  type ApiUnderTest,
  startApiUnderTest,
  WEB_CLIENT_ID,
} from '../support/api-under-test.js';
import {
  adminCall,
  ADMIN_SUB,
  allPages,
  seedUsers,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  callsTo,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

interface GrantItem {
  id: string;
  userId: string;
  email: string | null;
  status: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

const SEEDED = 65; // grants of the seeded users (every other one of 130)

describe('Admin API: grants', () => {
  let api: ApiUnderTest;
  let admin: string;
  let alice: string;
  let aliceId: string;

  const list = (query: string) =>
    adminCall<{ items: GrantItem[]; nextCursor: string | null }>(api, admin, `grants${query}`);
  const aliceGrantId = async () =>
    (await api.db.query<{ id: string }>('SELECT id FROM grants WHERE user_id = $1', [aliceId]))[0]
      .id;

  beforeAll(async () => {
    // Each test starts from a fresh consent: more code exchanges than the default limit allows.
    api = await startApiUnderTest({ OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await signInAdmin(api);
    alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    await seedUsers(api, 130, WEB_CLIENT_ID);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM grants WHERE user_id = $1', [aliceId]);
    await resetEmulator(api);
    await postCode(api, alice, await authorizationCode(api));
  });

  describe('listing', () => {
    // Paging and filtering themselves are GrantSearchService's (test/medium/grant-search.test.ts);
    // here, what the HTTP layer adds: the query's parsing and the email of each grant's user.
    it('lists grants newest first with their users’ emails, and pages by cursor', async () => {
      const first = await list('?limit=7');
      expect(first.status).toBe(200);
      expect(first.body.items[0].userId).toBe(aliceId);
      const [{ email }] = await api.db.query<{ email: string }>(
        'SELECT email FROM users WHERE id = $1',
        [aliceId],
      );
      expect(email).toContain('@');
      expect(first.body.items[0].email).toBe(email);
      const { items } = await allPages<GrantItem>(api, admin, 'grants?limit=7');
      expect(items).toHaveLength(SEEDED + 1);
      expect(new Set(items.map((g) => g.id)).size).toBe(SEEDED + 1);
    });

    it('filters by a Google scope by its short name, as by its URL', async () => {
      const gmail = 'https://www.googleapis.com/auth/gmail.send';
      const byUrl = (await list(`?scope=${encodeURIComponent(gmail)}`)).body.items;
      expect(byUrl.map((g) => g.userId)).toEqual([aliceId]);
      expect((await list('?scope=gmail.send')).body.items).toEqual(byUrl);
      expect((await list('?status=revoked&limit=200')).body.items).toHaveLength(21);
    });

    it.each([
      'status=dead',
      'flag=x',
      'sort=email',
      'order=up',
      'limit=0',
      'limit=500',
      'createdFrom=yesterday',
      'scope=a%00b',
      'createdFrom=2026-123',
      'createdTo=2026-W05',
      'createdTo=99999-01-01',
      'lastUsedBefore=1',
      'cursor=%%%',
    ])('answers 400 to ?%s', async (query) => {
      expect((await list(`?${query}`)).status).toBe(400);
    });

    it('never shows token material or envelope ids', async () => {
      const response = await list('?limit=200');
      expect(response.text).not.toMatch(/ya29\.|1\/\/|envelope|refresh_token|identifier/i);
    });
  });

  describe('one grant', () => {
    it('shows the grant and its audit timeline, newest first', async () => {
      const id = await aliceGrantId();
      await adminCall(api, admin, `grants/${id}/revoke`, { json: { reason: 'timeline test' } });
      const response = await adminCall<{
        grant: GrantItem;
        revokedByEmail: string | null;
        timeline: Array<{ action: string; actorEmail: string | null; subjectEmail: string | null }>;
      }>(api, admin, `grants/${id}`);
      expect(response.status).toBe(200);
      expect(response.body.grant).toMatchObject({ id, userId: aliceId, status: 'revoked' });
      expect(response.body.revokedByEmail).toBe('admin@grantkeeper.test');
      expect(response.body.timeline[0]).toMatchObject({
        action: 'offline_access.revoked',
        actorEmail: 'admin@grantkeeper.test',
        subjectEmail: 'alice@example.com',
      });
      expect(response.text).not.toMatch(/ya29\.|1\/\//);
    });

    it.each(['00000000-0000-0000-0000-000000000000', 'nope'])('answers 404 for %s', async (id) => {
      const response = await adminCall(api, admin, `grants/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found' });
      const revoke = await adminCall(api, admin, `grants/${id}/revoke`, {
        json: { reason: 'x y z' },
      });
      expect(revoke.status).toBe(404);
    });
  });

  describe('revoking', () => {
    const me = () => request(`${api.url}/offline-access`, { cookies: { [SESSION_COOKIE]: alice } });

    it('revokes here and at Google, on the record with the admin as actor', async () => {
      const id = await aliceGrantId();

      const response = await adminCall(api, admin, `grants/${id}/revoke`, {
        json: { reason: 'suspected abuse' },
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id,
        status: 'revoked',
        revocationReason: 'suspected abuse',
        upstream: 'revoked',
      });
      expect(response.text).not.toMatch(/ya29\.|1\/\//);
      expect((await me()).body).toMatchObject({ status: 'revoked' });
      expect(await callsTo(api, '/revoke')).toBe(1);
      const adminId = await userIdOf(api, ADMIN_SUB);
      const [event] = await api.db.query<{ actor_kind: string; actor_id: string }>(
        `SELECT actor_kind, actor_id FROM audit_events
          WHERE action = 'offline_access.revoked' AND grant_id = $1`,
        [id],
      );
      expect(event).toEqual({ actor_kind: 'admin', actor_id: adminId });
      const [row] = await api.db.query<{ revoked_by: string }>(
        'SELECT revoked_by FROM grants WHERE id = $1',
        [id],
      );
      expect(row.revoked_by).toBe(`admin:${adminId}`);
    });

    it("revokes at once even while Google's revoke endpoint fails", async () => {
      const id = await aliceGrantId();
      await api.control('faults', { path: '/revoke', status: 503, times: 1 });

      const response = await adminCall(api, admin, `grants/${id}/revoke`, {
        json: { reason: 'google is down' },
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'revoked', upstream: 'pending' });
      expect((await me()).body).toMatchObject({ status: 'revoked' });
      const [row] = await api.db.query<{ status: string; upstream_revoked_at: Date | null }>(
        'SELECT status, upstream_revoked_at FROM grants WHERE id = $1',
        [id],
      );
      expect(row).toEqual({ status: 'revoked', upstream_revoked_at: null });
    });

    it('answers 409 already_revoked to revoking a revoked grant', async () => {
      const id = await aliceGrantId();
      await adminCall(api, admin, `grants/${id}/revoke`, { json: { reason: 'first time' } });

      const again = await adminCall(api, admin, `grants/${id}/revoke`, {
        json: { reason: 'second time' },
      });

      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: 'already_revoked' });
    });

    it.each([
      {},
      { reason: 'no' },
      { reason: 'x'.repeat(501) },
      { reason: 'fine', extra: 1 },
      { reason: 'nul\u0000byte' },
    ])('answers 400 to the body %j', async (body) => {
      const id = await aliceGrantId();
      const response = await adminCall(api, admin, `grants/${id}/revoke`, { json: body });
      expect(response.status).toBe(400);
      expect((await me()).body).toMatchObject({ status: 'active' });
    });

    it('refuses a session revoke without X-Requested-With', async () => {
      const id = await aliceGrantId();
      const response = await adminCall(api, admin, `grants/${id}/revoke`, {
        json: { reason: 'csrf attempt' },
        headers: {},
      });
      expect(response.status).toBe(403);
      expect((await me()).body).toMatchObject({ status: 'active' });
    });
  });
});

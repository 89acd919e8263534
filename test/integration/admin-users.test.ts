import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  BOB_SUB,
  postCode,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

interface UserItem {
  id: string;
  sub: string;
  email: string;
  name: string;
  role: string;
  grantStatus: string;
  createdAt: string;
  lastSignInAt: string | null;
}

describe('Admin API: users', () => {
  let api: ApiUnderTest;
  let admin: string;
  let alice: string;
  let aliceId: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    alice = await signInAs(api, ALICE_SUB);
    await signInAs(api, BOB_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    await postCode(api, alice, await authorizationCode(api));
    await seedUsers(api, 130, WEB_CLIENT_ID);
  });
  afterAll(() => api.close());

  const list = (query: string) =>
    adminCall<{ items: UserItem[]; nextCursor: string | null }>(api, admin, `users${query}`);

  it('pages through every user newest first, without duplicates or gaps', async () => {
    const { items, pages } = await allPages<UserItem>(api, admin, 'users?limit=17');
    const total = Number(
      (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n,
    );
    expect(items).toHaveLength(total);
    expect(new Set(items.map((u) => u.id)).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 17));
    expect(items[0].sub).toBe(BOB_SUB);
  });

  it('answers 50 users by default with a cursor to the next page', async () => {
    const response = await list('');
    expect(response.body.items).toHaveLength(50);
    expect(response.body.nextCursor).toEqual(expect.any(String));
  });

  it('finds users by part of the email or name and by exact sub', async () => {
    expect((await list('?q=ALICE@')).body.items.map((u) => u.sub)).toEqual([ALICE_SUB]);
    // Inside the address, not only at its start.
    expect((await list('?q=ice@example.c')).body.items.map((u) => u.sub)).toEqual([ALICE_SUB]);
    expect((await list('?q=builder')).body.items.map((u) => u.sub)).toEqual([BOB_SUB]);
    expect((await list(`?q=${ADMIN_SUB}`)).body.items.map((u) => u.role)).toEqual(['admin']);
    expect((await list('?q=seed-12')).body.items.map((u) => u.email).sort()).toEqual(
      [
        'seed-12@example.org',
        'seed-120@example.org',
        'seed-121@example.org',
        'seed-122@example.org',
        'seed-123@example.org',
        'seed-124@example.org',
        'seed-125@example.org',
        'seed-126@example.org',
        'seed-127@example.org',
        'seed-128@example.org',
        'seed-129@example.org',
      ].sort(),
    );
    expect((await list('?q=%25')).body.items).toEqual([]);
  });

  it('sorts by last sign-in or joining, either way', async () => {
    for (const [sort, field] of [
      ['last_sign_in_at', 'lastSignInAt'],
      ['created_at', 'createdAt'],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const { status, body } = await list(`?sort=${sort}&order=${order}&limit=200`);
        expect(status).toBe(200);
        const times = body.items.map((u) => u[field]).filter((t): t is string => t !== null);
        expect(times.length).toBeGreaterThan(1);
        const sorted = [...times].sort();
        expect(times).toEqual(order === 'asc' ? sorted : sorted.reverse());
      }
    }
  });

  it("shows each user's grant status", async () => {
    const [aliceRow] = (await list(`?q=${ALICE_SUB}`)).body.items;
    expect(aliceRow).toMatchObject({
      id: aliceId,
      email: 'alice@example.com',
      grantStatus: 'active',
    });
    const [bob] = (await list(`?q=${BOB_SUB}`)).body.items;
    expect(bob.grantStatus).toBe('none');
  });

  it.each([
    'q=%00',
    'limit=0',
    'limit=201',
    'limit=abc',
    'cursor=nope',
    'cursor=WzEsMl0',
    'other=1',
    'sort=email',
    'order=up',
  ])('answers 400 to ?%s', async (query) => {
    expect((await list(`?${query}`)).status).toBe(400);
  });

  it("shows a user's profile, live sessions, grant, tasks and recent audit, without secrets", async () => {
    const response = await adminCall<Record<string, unknown>>(api, admin, `users/${aliceId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      profile: { id: aliceId, sub: ALICE_SUB, role: 'user' },
      grant: { status: 'active' },
    });
    const tasks = response.body.tasks as Array<{ name: string }>;
    expect(tasks.map((t) => t.name)).toContain('news-digest');
    const sessions = response.body.sessions as Array<Record<string, unknown>>;
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(sessions[0]).sort()).toEqual([
      'createdAt',
      'id',
      'ip',
      'lastSeenAt',
      'userAgent',
    ]);
    const audit = response.body.recentAudit as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).toContain('sign_in.succeeded');
    expect(response.text).not.toMatch(/ya29\.|1\/\/|token_hash|tokenHash|envelope/i);
  });

  it.each(['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "1'%20OR%201=1"])(
    'answers 404 not_found for user %s',
    async (id) => {
      const response = await adminCall(api, admin, `users/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found' });
    },
  );

  it("ends all of a user's sessions, on the record", async () => {
    const bob = await signInAs(api, BOB_SUB);
    const bobId = await userIdOf(api, BOB_SUB);

    const response = await adminCall(api, admin, `users/${bobId}/sessions/revoke`, { json: {} });

    expect(response.status).toBe(200);
    expect(response.body.revoked).toBeGreaterThanOrEqual(1);
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: bob } });
    expect(me.status).toBe(401);
    const adminId = await userIdOf(api, ADMIN_SUB);
    const events = await api.db.query(
      `SELECT actor_kind, actor_id FROM audit_events
        WHERE action = 'admin.sessions_revoked' AND subject_user_id = $1`,
      [bobId],
    );
    expect(events).toEqual([{ actor_kind: 'admin', actor_id: adminId }]);
    const detail = await adminCall<{ sessions: unknown[] }>(api, admin, `users/${bobId}`);
    expect(detail.body.sessions).toEqual([]);
  });

  it("ends one of a user's sessions, on the record, and leaves the others", async () => {
    const first = await signInAs(api, BOB_SUB);
    const second = await signInAs(api, BOB_SUB);
    const bobId = await userIdOf(api, BOB_SUB);
    const me = (cookie: string) =>
      request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: cookie } });
    const sessionIds = async () =>
      (
        await adminCall<{ sessions: Array<{ id: string }> }>(api, admin, `users/${bobId}`)
      ).body.sessions.map((session) => session.id);
    // The newest first: the second sign-in's session.
    const [secondId, firstId] = await sessionIds();

    const response = await adminCall(api, admin, `users/${bobId}/sessions/${secondId}`, {
      method: 'DELETE',
    });

    expect(response.status).toBe(204);
    expect((await me(second)).status).toBe(401);
    expect((await me(first)).status).toBe(200);
    expect(await sessionIds()).toEqual([firstId]);
    const events = await api.db.query(
      `SELECT actor_kind, actor_id, details FROM audit_events
        WHERE action = 'admin.session_revoked' AND subject_user_id = $1`,
      [bobId],
    );
    expect(events).toEqual([
      {
        actor_kind: 'admin',
        actor_id: await userIdOf(api, ADMIN_SUB),
        details: { session_id: secondId },
      },
    ]);
    // Ended already: nothing left to end.
    const again = await adminCall(api, admin, `users/${bobId}/sessions/${secondId}`, {
      method: 'DELETE',
    });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it("answers 404 to ending another user's session through this user, and leaves it", async () => {
    const bobId = await userIdOf(api, BOB_SUB);
    const [aliceSession] = await api.db.query<{ id: string }>(
      `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [aliceId],
    );

    const response = await adminCall(api, admin, `users/${bobId}/sessions/${aliceSession.id}`, {
      method: 'DELETE',
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: alice } });
    expect(me.status).toBe(200);
  });

  it.each([
    ['an unknown session', () => aliceId, () => '00000000-0000-0000-0000-000000000000'],
    ['a malformed session id', () => aliceId, () => 'not-a-uuid'],
    ['an unknown user', () => '00000000-0000-0000-0000-000000000000', () => aliceId],
    ['a malformed user id', () => 'bob', () => aliceId],
  ])('answers 404 not_found to ending %s', async (_, user, session) => {
    const response = await adminCall(api, admin, `users/${user()}/sessions/${session()}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('refuses to end a session on a cookie write without X-Requested-With (403)', async () => {
    const [aliceSession] = await api.db.query<{ id: string }>(
      `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
      [aliceId],
    );

    const response = await adminCall(api, admin, `users/${aliceId}/sessions/${aliceSession.id}`, {
      method: 'DELETE',
      headers: {},
    });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'cross_site_request' });
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: alice } });
    expect(me.status).toBe(200);
  });

  it('answers 404 to ending the sessions of an unknown user', async () => {
    const response = await adminCall(api, admin, 'users/not-a-uuid/sessions/revoke', { json: {} });
    expect(response.status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { adminCall, ADMIN_SUB, allPages, signInAdmin, userIdOf } from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  postCode,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

interface EventItem {
  id: string;
  action: string;
  actorKind: string;
  occurredAt: string;
}

const SEEDED = 130;

describe('Admin API: audit log', () => {
  let api: ApiUnderTest;
  let admin: string;
  let aliceId: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    const alice = await signInAs(api, ALICE_SUB);
    await postCode(api, alice, await authorizationCode(api));
    aliceId = await userIdOf(api, ALICE_SUB);
    // Ten events share each instant, so pages must break ties by id.
    await api.db.query(
      `INSERT INTO audit_events (occurred_at, actor_kind, actor_id, action, subject_user_id, details)
       SELECT '2026-02-01T00:00:00Z'::timestamptz + (n / 10) * interval '1 minute', 'system', NULL,
              'seed.event', CASE WHEN n % 2 = 0 THEN $1::uuid END, jsonb_build_object('n', n)
         FROM generate_series(1, $2) AS n`,
      [aliceId, SEEDED],
    );
    await api.db.query(
      `INSERT INTO audit_events (occurred_at, actor_kind, actor_id, action, user_agent, details)
       VALUES ('2026-03-01T00:00:00Z', 'user', '=cmd|'' /C calc''!A0', 'nasty.event',
               'Mozilla "quoted", with comma
and newline', '{"note": "@SUM(1+1)"}')`,
    );
  });
  afterAll(() => api.close());

  const count = async (where = 'true') =>
    (
      await api.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE ${where}`,
      )
    )[0].n;

  it('pages through every event newest first, without duplicates or gaps', async () => {
    const { items } = await allPages<EventItem>(api, admin, 'audit?limit=13');
    const total = await count();
    expect(items).toHaveLength(total);
    expect(new Set(items.map((e) => e.id)).size).toBe(total);
    const times = items.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by actor, action, user and time', async () => {
    const seeded = await allPages<EventItem>(api, admin, 'audit?action=seed.event&limit=200');
    expect(seeded.items).toHaveLength(SEEDED);
    const ofAlice = await allPages<EventItem>(
      api,
      admin,
      `audit?action=seed.event&userId=${aliceId}&limit=200`,
    );
    expect(ofAlice.items).toHaveLength(SEEDED / 2);
    const window = await adminCall<{ items: EventItem[] }>(
      api,
      admin,
      'audit?from=2026-02-01T00:01:00Z&to=2026-02-01T00:02:00Z',
    );
    expect(window.body.items).toHaveLength(10);
    const byActor = await adminCall<{ items: EventItem[] }>(api, admin, 'audit?actorKind=user');
    expect(byActor.body.items.map((e) => e.action)).toContain('nasty.event');
    expect(byActor.body.items.every((e) => e.actorKind === 'user')).toBe(true);
  });

  it('names the admin as actor of what they do', async () => {
    const aliceSession = await signInAs(api, ALICE_SUB);
    await adminCall(api, admin, `users/${aliceId}/sessions/revoke`, { json: {} });
    const adminId = await userIdOf(api, ADMIN_SUB);
    const response = await adminCall<{ items: Array<Record<string, unknown>> }>(
      api,
      admin,
      `audit?actorKind=admin&actorId=${adminId}`,
    );
    expect(response.body.items[0]).toMatchObject({
      action: 'admin.sessions_revoked',
      actorId: adminId,
      actorEmail: 'admin@grantkeeper.test',
      subjectUserId: aliceId,
      subjectEmail: 'alice@example.com',
      requestUserId: null,
    });
    expect(
      (await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: aliceSession } }))
        .status,
    ).toBe(401);
  });

  it('names the signed-in user whose request an anonymous step was', async () => {
    const response = await adminCall<{ items: Array<Record<string, unknown>> }>(
      api,
      admin,
      'audit?action=offline_access.code_exchanged',
    );
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toMatchObject({
      actorKind: 'anonymous',
      actorId: null,
      actorEmail: null,
      requestUserId: aliceId,
      requestUserEmail: 'alice@example.com',
    });
    // An actor id that is no uuid (other kinds use other ids) is shown as it is, never a 500.
    const nasty = await adminCall<{ items: Array<Record<string, unknown>> }>(
      api,
      admin,
      'audit?action=nasty.event',
    );
    expect(nasty.status).toBe(200);
    expect(nasty.body.items[0]).toMatchObject({ actorKind: 'user', actorEmail: null });
  });

  it.each([
    'actorKind=robot',
    'userId=alice',
    'from=soon',
    'action=a%00',
    'actorId=%00',
    'to=2026-W05',
    'limit=0',
    'cursor=abc',
    'x=1',
    'order=sideways',
  ])('answers 400 to ?%s', async (query) => {
    expect((await adminCall(api, admin, `audit?${query}`)).status).toBe(400);
    expect((await adminCall(api, admin, `audit.csv?${query.replace('limit', 'x')}`)).status).toBe(
      400,
    );
  });

  it('exports the filtered log as a CSV attachment, one line per event', async () => {
    const response = await adminCall(api, admin, 'audit.csv?action=seed.event');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurred_at,actor_kind,actor_id,action,/);
    expect(lines).toHaveLength(SEEDED + 1);
    expect(new Set(lines).size).toBe(SEEDED + 1);
  });

  it('streams more events than one page of the query', async () => {
    const response = await adminCall(api, admin, 'audit.csv');
    const rows = response.text.split('\r\n').filter((l) => /^\d+,/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(await count());
  });

  it('escapes quotes, commas and line breaks, and defuses formulas', async () => {
    const response = await adminCall(api, admin, 'audit.csv?action=nasty.event');
    const [, line] = response.text.split('\r\n');
    expect(line).toContain(`,'=cmd|' /C calc'!A0,nasty.event,`);
    expect(response.text).toContain('"Mozilla ""quoted"", with comma\nand newline"');
    expect(response.text).toContain('"{""note"":""@SUM(1+1)""}"');
    expect(response.text.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('never exports token material', async () => {
    const csv = await adminCall(api, admin, 'audit.csv');
    const json = await adminCall(api, admin, 'audit?limit=200');
    expect(csv.text + json.text).not.toMatch(/ya29\.|1\/\//);
  });
});

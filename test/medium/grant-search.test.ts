import { IdentityModule } from '@grantkeeper/identity';
import {
  type GrantListing,
  type GrantSearchQuery,
  GrantSearchService,
  OfflineAccessModule,
} from '@grantkeeper/offline-access';
import { DatabaseQueryError } from '@grantkeeper/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModuleUnderTest, startModules } from '../support/module-under-test.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CLIENT_ID = 'module-test.apps.googleusercontent.com';
const USERS = 130;
const GRANTS = 65; // every other user has one

// Grant search as offline-access exports it to the dashboard and the bulk revocation: filters,
// keyset pages in both directions of both sort columns (last use has NULLs to place), the live
// counts and id batches, and each user's grant status, read directly from the service.
describe(GrantSearchService.name, () => {
  let db: TestDatabase;
  let modules: ModuleUnderTest;
  let search: GrantSearchService;

  beforeAll(async () => {
    db = await createTestDatabase();
    modules = await startModules([IdentityModule, OfflineAccessModule], { databaseUrl: db.url });
    search = modules.get(GrantSearchService);
    await db.query(
      `INSERT INTO users (google_sub, email, email_verified, name, created_at)
       SELECT '2000000000' || lpad(n::text, 11, '0'), 'seed-' || n || '@example.org', true,
              'Seed Person ' || n,
              '2026-01-01T00:00:00Z'::timestamptz + (n / 10) * interval '1 second'
         FROM generate_series(1, $1) AS n`,
      [USERS],
    );
    // Even n: a grant; n % 3 = 0 revoked; n % 4 = 0 scope:b; n % 5 = 0 never used; n % 13 = 0
    // flagged idle. Created with its user, so ten grants share each second: ties go by id.
    await db.query(
      `INSERT INTO grants (user_id, client_id, scopes, status, created_at, last_used_at, health_flags)
       SELECT u.id, $1, ARRAY['openid', CASE WHEN n % 4 = 0 THEN 'scope:b' ELSE 'scope:a' END],
              CASE WHEN n % 3 = 0 THEN 'revoked' ELSE 'active' END,
              u.created_at,
              CASE WHEN n % 5 = 0 THEN NULL
                   ELSE '2026-06-01T00:00:00Z'::timestamptz + (n % 7) * interval '1 day' END,
              CASE WHEN n % 13 = 0 THEN '{idle_near_expiry}'::text[] ELSE '{}' END
         FROM (SELECT id, created_at, substr(google_sub, 11)::int AS n FROM users) u
        WHERE n % 2 = 0`,
      [CLIENT_ID],
    );
  });

  afterAll(async () => {
    await modules?.close();
    await db?.drop();
  });

  /** Every page of a search, following `nextCursor` (at most 100 pages). */
  async function allPages(query: Omit<GrantSearchQuery, 'cursor'>): Promise<GrantListing[]> {
    const items: GrantListing[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await search.search({ ...query, cursor });
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return items;
  }

  /** The plain query's order: PostgreSQL's null placement (ASC NULLS LAST, DESC NULLS FIRST). */
  async function expected(sort: string, order: string): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `SELECT id FROM grants ORDER BY ${sort} ${order}, id ${order}`,
    );
    return rows.map((row) => row.id);
  }

  it.each([
    ['created_at', 'desc'],
    ['created_at', 'asc'],
    ['last_used_at', 'desc'],
    ['last_used_at', 'asc'],
  ] as const)('pages by %s %s exactly as the plain query orders them', async (sort, order) => {
    const items = await allPages({ sort, order, limit: 7 });
    expect(items.map((grant) => grant.id)).toEqual(await expected(sort, order));
    expect(items).toHaveLength(GRANTS);
  });

  it('filters by status, scope, health flag, last use and creation time', async () => {
    const all = { sort: 'created_at', order: 'desc', limit: 200 } as const;
    const revoked = await allPages({ ...all, status: 'revoked' });
    expect(revoked).toHaveLength(21); // n even and divisible by 3, n ≤ 130
    expect(revoked.every((grant) => grant.status === 'revoked')).toBe(true);
    const scoped = await allPages({ ...all, scope: 'scope:b' });
    expect(scoped).toHaveLength(32);
    expect(scoped.every((grant) => grant.scopes.includes('scope:b'))).toBe(true);
    const flagged = await allPages({ ...all, flag: 'idle_near_expiry' });
    expect(flagged).toHaveLength(5); // 26, 52, 78, 104, 130
    expect(flagged.every((grant) => grant.healthFlags.includes('idle_near_expiry'))).toBe(true);
    // Last used on June 1 (n % 7 = 0, n % 5 ≠ 0: 8 grants) or never since January (13).
    expect(await allPages({ ...all, lastUsedBefore: '2026-06-02T00:00:00Z' })).toHaveLength(21);
    const created = await allPages({
      ...all,
      createdFrom: '2026-01-01T00:00:01Z',
      createdTo: '2026-01-01T00:00:02Z',
    });
    expect(created).toHaveLength(5); // n = 10..19, even
    expect(await allPages({ ...all, status: 'suspended', scope: 'scope:b' })).toEqual([]);
  });

  it('counts the live grants a filter matches and hands out their ids in batches', async () => {
    const filter = { scope: 'scope:b' };
    const live = await db.query<{ id: string; user_id: string }>(
      `SELECT id, user_id FROM grants WHERE 'scope:b' = ANY(scopes) AND status <> 'revoked'
        ORDER BY id`,
    );
    expect(await search.countLive(filter)).toBe(live.length);
    const batches: Array<Array<{ id: string; userId: string }>> = [];
    let after: string | undefined;
    for (;;) {
      const batch = await search.liveIds(filter, 6, after);
      batches.push(batch);
      if (batch.length < 6) break;
      after = batch.at(-1)?.id;
    }
    expect(batches.flat()).toEqual(live.map((row) => ({ id: row.id, userId: row.user_id })));
    expect(batches.length).toBe(Math.floor(live.length / 6) + 1);
  });

  it("gives each user's grant status for our client, and none for users without one", async () => {
    const users = await db.query<{ id: string; n: number }>(
      `SELECT id, substr(google_sub, 11)::int AS n FROM users WHERE substr(google_sub, 11)::int <= 6`,
    );
    const statuses = await search.statusesOf(users.map((user) => user.id));
    for (const user of users) {
      const want = user.n % 2 === 1 ? undefined : user.n % 3 === 0 ? 'revoked' : 'active';
      expect(statuses.get(user.id)).toBe(want);
    }
    expect(await search.statusesOf([])).toEqual(new Map());
  });

  it('finds one grant by id without any token material, and null for an unknown id', async () => {
    const [{ id }] = await db.query<{ id: string }>('SELECT id FROM grants LIMIT 1');
    const grant = await search.find(id);
    expect(grant?.id).toBe(id);
    expect(Object.keys(grant ?? {}).join(' ')).not.toMatch(/envelope|token_identifier|secret/i);
    expect(await search.find('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it.each(['%%%', 'WyJ4IiwieSJd', Buffer.from('[null,"1"]').toString('base64url')])(
    'refuses the cursor %j it did not hand out with invalid_cursor (400)',
    async (cursor) => {
      const error = await search
        .search({ sort: 'created_at', order: 'desc', limit: 5, cursor })
        .catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(DatabaseQueryError);
      expect(error).toMatchObject({ code: 'invalid_cursor', status: 400 });
    },
  );
});

// User search looks among the newest 1,000 users first, then (when matches came often enough)
// among the newest 3,000, and otherwise collects the newest matches through the indexes
// (UserSearchService.search): every way must give exactly the pages of the plain query. More
// users than those looks cover, so each way is taken, and each case says which it takes.
import { IdentityModule, type UserListing, UserSearchService } from '@grantkeeper/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ModuleUnderTest, startModules } from '../support/module-under-test.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const FILLERS = 3_500;

describe('User search over many users', () => {
  let db: TestDatabase;
  let modules: ModuleUnderTest;
  let search: UserSearchService;

  beforeAll(async () => {
    db = await createTestDatabase();
    modules = await startModules([IdentityModule], { databaseUrl: db.url });
    search = modules.get(UserSearchService);
    // 130 users created 2026-01-01, "Seed Person <n>", ten a second.
    await db.query(
      `INSERT INTO users (google_sub, email, email_verified, name, created_at)
       SELECT '2000000000' || lpad(n::text, 11, '0'), 'seed-' || n || '@example.org', true,
              'Seed Person ' || n,
              '2026-01-01T00:00:00Z'::timestamptz + (n / 10) * interval '1 second'
         FROM generate_series(1, 130) AS n`,
    );
    // Newer than those, in one second, so ties on created_at are broken by id; every 100th is
    // a "Rare Name" (1 %, too few to fill a page among the newest), every other 40th a "Mid
    // Name" (2 %: 20 among the newest 1,000, 60 among the newest 3,000), the rest "Filler
    // Person".
    await db.query(
      `INSERT INTO users (google_sub, email, email_verified, name, created_at)
       SELECT '3000000000' || lpad(n::text, 11, '0'), 'filler-' || n || '@example.net', true,
              CASE WHEN n % 100 = 0 THEN 'Rare Name ' || n
                   WHEN n % 40 = 0 THEN 'Mid Name ' || n ELSE 'Filler Person ' || n END,
              '2026-03-01T00:00:00Z'::timestamptz + (n / 7) * interval '1 millisecond'
         FROM generate_series(1, $1) AS n`,
      [FILLERS],
    );
  });
  afterAll(async () => {
    await modules?.close();
    await db?.drop();
  });
  afterEach(() => vi.restoreAllMocks());

  /** Records which ways the searches take: a look at the newest 1,000 or 3,000, or the indexes. */
  function watchWays(): Set<string> {
    const ways = new Set<string>();
    const dataSource = modules.dataSource;
    const query = dataSource.query.bind(dataSource);
    vi.spyOn(dataSource, 'query').mockImplementation((sql, params) => {
      const values: unknown[] = Array.isArray(params) ? params : [];
      if (/\bFROM users u\b/.test(sql)) {
        if (sql.includes('by_name')) ways.add('indexes');
        else if (values.includes(3_000)) ways.add('newest 3,000');
        else if (values.includes(1_000)) ways.add('newest 1,000');
      }
      return query(sql, params);
    });
    return ways;
  }

  type Order = { sort: 'created_at' | 'last_sign_in_at'; order: 'asc' | 'desc' };
  const NEWEST: Order = { sort: 'created_at', order: 'desc' };

  /**
   * What the search must answer: every match of `q` (every user without one) in the order
   * (newest first), ties by id.
   */
  async function expected(
    q: string | undefined,
    { sort, order }: Order = NEWEST,
  ): Promise<string[]> {
    const where = q
      ? `WHERE email ILIKE '%' || $1 || '%' OR name ILIKE '%' || $1 || '%' OR google_sub = $1`
      : '';
    const rows = await db.query<{ id: string }>(
      `SELECT id FROM users ${where} ORDER BY ${sort} ${order}, id ${order}`,
      q ? [q] : [],
    );
    return rows.map((row) => row.id);
  }

  /** Every page of a search, following `nextCursor` (at most 100 pages). */
  async function allPages(
    q: string | undefined,
    limit: number,
    order: Order = NEWEST,
  ): Promise<UserListing[]> {
    const items: UserListing[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await search.search({ q, limit, cursor, ...order });
      items.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return items;
  }

  const ALL = ['indexes', 'newest 1,000', 'newest 3,000'];
  it.each([
    // Old users only, behind every newer one: the first pages through the indexes, the later
    // ones (among the old users) by the looks.
    ['seed person 1', 7, ALL],
    // Both an email prefix and a name substring of the same users: the indexes' two ways
    // overlap and each user comes once.
    ['seed', 7, ALL],
    // 1 %: the newest 1,000 hold 10, at a rate the newest 3,000 could not fill a page of 50
    // either, so the indexes at once.
    ['rare name', 50, ['indexes', 'newest 1,000']],
    // The same 1 % fills pages of 5 among the newest 1,000 until the last page.
    ['rare name', 5, ALL],
    // 2 %: the newest 3,000 fill the first page, the indexes the last.
    ['mid name', 50, ALL],
    // Nearly everyone: found among the newest 1,000, but for the last page.
    ['person', 200, ALL],
    // An email prefix: 12 users, one among the newest.
    ['filler-35', 3, ALL],
    // Inside an email, not at its start: one old filler, so past the first look to the indexes.
    ['iller-1234@', 5, ['indexes', 'newest 1,000']],
  ])(
    'pages through every match of %j (limit %i) exactly as the plain query orders them',
    async (q, limit, ways) => {
      const taken = watchWays();
      const items = await allPages(q, limit);
      const want = await expected(q);
      expect(want.length).toBeGreaterThan(0);
      expect(items.map((u) => u.id)).toEqual(want.slice(0, limit * 100));
      expect([...taken].sort()).toEqual(ways);
    },
  );

  describe('sorted by last sign-in or joining, either way', () => {
    beforeAll(async () => {
      // Sign-ins in a few distinct seconds, so ties on the sort key are broken by id; every
      // third user never signed in (NULL: first when newest first, last when oldest first).
      await db.query(
        `UPDATE users SET last_sign_in_at = CASE WHEN abs(hashtext(google_sub)) % 3 = 0 THEN NULL
           ELSE '2026-06-01T00:00:00Z'::timestamptz + (abs(hashtext(google_sub)) % 40) * interval '1 second'
         END`,
      );
    });

    const ORDERS: Order[] = [
      { sort: 'last_sign_in_at', order: 'desc' },
      { sort: 'last_sign_in_at', order: 'asc' },
      { sort: 'created_at', order: 'asc' },
    ];
    it.each(
      ORDERS.flatMap((order) =>
        [
          ['', 60],
          ['person', 200],
          ['rare name', 5],
          ['mid name', 50],
          ['iller-1234@', 5],
        ].map(([q, limit]) => [q, limit, order] as [string, number, Order]),
      ),
    )(
      'pages %j (limit %i) exactly as the plain query sorts them by %j',
      async (q, limit, order) => {
        const items = await allPages(q || undefined, limit, order);
        const want = await expected(q || undefined, order);
        expect(want.length).toBeGreaterThan(0);
        expect(items.map((u) => u.id)).toEqual(want.slice(0, limit * 100));
      },
    );
  });
});

// User search looks among the newest users first and turns to the indexes when that does not
// fill the page (AdminUsersService.search): both ways must give exactly the pages of the plain
// query. More users than that first look covers, so both ways are taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest, WEB_CLIENT_ID } from '../support/api-under-test.js';
import { allPages, seedUsers, signInAdmin } from '../support/admin-client.js';

const FILLERS = 3_500;

describe('Admin API: user search over many users', () => {
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    await seedUsers(api, 130, WEB_CLIENT_ID); // created 2026-01-01, "Seed Person <n>"
    // Newer than those, in one second, so ties on created_at are broken by id; every 100th is
    // a "Rare Name" (1 %, too few to fill a page among the newest), the rest "Filler Person".
    await api.db.query(
      `INSERT INTO users (google_sub, email, email_verified, name, created_at)
       SELECT '3000000000' || lpad(n::text, 11, '0'), 'filler-' || n || '@example.net', true,
              CASE WHEN n % 100 = 0 THEN 'Rare Name ' || n ELSE 'Filler Person ' || n END,
              '2026-03-01T00:00:00Z'::timestamptz + (n / 7) * interval '1 millisecond'
         FROM generate_series(1, $1) AS n`,
      [FILLERS],
    );
  });
  afterAll(() => api.close());

  /** What the search must answer: every match, newest first, ties by id. */
  async function expected(q: string): Promise<string[]> {
    const rows = await api.db.query<{ id: string }>(
      `SELECT id FROM users
        WHERE lower(email) LIKE lower($1) || '%' OR name ILIKE '%' || $1 || '%' OR google_sub = $1
        ORDER BY created_at DESC, id DESC`,
      [q],
    );
    return rows.map((row) => row.id);
  }

  it.each([
    ['seed person 1', 7], // old users only, behind every newer one: through the indexes
    ['rare name', 50], // 1 %: the newest users hold too few for a page
    ['person', 200], // nearly everyone: found among the newest
    ['filler-35', 3], // an email prefix
  ])(
    'pages through every match of %j (limit %i) exactly as the plain query orders them',
    async (q, limit) => {
      const { items } = await allPages<{ id: string }>(
        api,
        admin,
        `users?q=${encodeURIComponent(q)}&limit=${limit}`,
      );
      const want = await expected(q);
      expect(want.length).toBeGreaterThan(0);
      expect(items.map((u) => u.id)).toEqual(want.slice(0, limit * 100));
    },
  );
});

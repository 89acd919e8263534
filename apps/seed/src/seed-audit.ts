import type pg from 'pg';
import { LIFECYCLE_EVENTS_SQL, RANDOM_EVENTS_SQL } from './seed-audit-sql.js';
import { SEEDED_SUB_FROM, sqlTextArray, USER_AGENTS } from './seed-vocabulary.js';

const COLUMNS = `occurred_at, actor_kind, actor_id, action, subject_user_id, grant_id, request_id,
  ip, user_agent, details`;

/** About this many events per statement. */
const EVENTS_PER_WINDOW = 200_000;

export interface AuditPlan {
  readonly start: Date;
  readonly spanDays: number;
  readonly total: number;
  readonly clientId: string;
}

/**
 * Lookup tables for picking, in SQL, a user or grant that existed at a given time: seeded users
 * and grants numbered in order of creation, and per day how many of each existed by its end.
 * Temporary: they go with the seeding's transaction.
 */
async function createPickTables(client: pg.ClientBase, plan: AuditPlan): Promise<void> {
  const statements: Array<string | [string, unknown[]]> = [
    `CREATE TEMP TABLE seed_users ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY created_at, id) AS i, id, created_at
         FROM users WHERE google_sub >= '${SEEDED_SUB_FROM}'`,
    `ALTER TABLE seed_users ADD PRIMARY KEY (i)`,
    [
      `CREATE TEMP TABLE seed_grants ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY g.created_at, g.id) AS i, g.id, g.user_id, g.status,
              g.scopes, g.created_at, g.updated_at, g.revoked_at, g.revoked_by,
              g.revocation_reason
         FROM grants g JOIN users u ON u.id = g.user_id
        WHERE u.google_sub >= '${SEEDED_SUB_FROM}' AND g.client_id = $1`,
      [plan.clientId],
    ],
    `ALTER TABLE seed_grants ADD PRIMARY KEY (i)`,
    `CREATE INDEX ON seed_grants (created_at)`,
    `CREATE INDEX ON seed_grants (revoked_at) WHERE revoked_at IS NOT NULL`,
    `CREATE INDEX ON seed_grants (updated_at) WHERE status = 'suspended'`,
    `CREATE TEMP TABLE seed_admins ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY google_sub) AS i, id
         FROM users WHERE google_sub >= '${SEEDED_SUB_FROM}' AND role = 'admin'`,
    `CREATE TEMP TABLE seed_agents ON COMMIT DROP AS
       SELECT ${sqlTextArray(USER_AGENTS)} AS agents`,
    [
      `CREATE TEMP TABLE seed_days ON COMMIT DROP AS
       SELECT d, sum(coalesce(u.n, 0)) OVER (ORDER BY d)::bigint AS users,
                 sum(coalesce(g.n, 0)) OVER (ORDER BY d)::bigint AS grants
         FROM generate_series(0, $2::int) AS d
         LEFT JOIN (SELECT floor(extract(epoch FROM created_at - $1::timestamptz) / 86400)::int
                             AS d, count(*) AS n FROM seed_users GROUP BY 1) u USING (d)
         LEFT JOIN (SELECT floor(extract(epoch FROM created_at - $1::timestamptz) / 86400)::int
                             AS d, count(*) AS n FROM seed_grants GROUP BY 1) g USING (d)`,
      [plan.start, plan.spanDays],
    ],
    `ALTER TABLE seed_days ADD PRIMARY KEY (d)`,
  ];
  for (const statement of statements) {
    const [sql, params] = typeof statement === 'string' ? [statement, []] : statement;
    await client.query(sql, params);
  }
  await client.query('ANALYZE seed_users, seed_grants, seed_days');
}

/** How many lifecycle events the seeded grants need (creation, revocation, suspension). */
export async function lifecycleEventCount(client: pg.ClientBase, clientId: string) {
  const { rows } = await client.query<{ n: string }>(
    `SELECT (count(*) + count(revoked_at) + count(*) FILTER (WHERE status = 'suspended'))::text AS n
       FROM grants g JOIN users u ON u.id = g.user_id
      WHERE u.google_sub >= '${SEEDED_SUB_FROM}' AND g.client_id = $1`,
    [clientId],
  );
  return Number(rows[0].n);
}

/**
 * `plan.total` audit events over the two years, window by window: the seeded grants' lifecycle
 * events plus random events, as many per day as users existed that day (activity grows with the
 * user base). `progress` is told the running count after each window.
 */
export async function insertAuditEvents(
  client: pg.ClientBase,
  plan: AuditPlan,
  progress: (done: number) => void,
): Promise<void> {
  if (plan.total === 0) return;
  await createPickTables(client, plan);
  const lifecycle = await lifecycleEventCount(client, plan.clientId);
  const random = plan.total - lifecycle;
  const days = await client.query<{ d: number; users: string }>(
    'SELECT d, users FROM seed_days ORDER BY d',
  );
  const weights = days.rows.map((row) => Number(row.users));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0) || 1;
  const windows = Math.min(plan.spanDays, Math.max(1, Math.ceil(plan.total / EVENTS_PER_WINDOW)));
  const daysPerWindow = plan.spanDays / windows;
  let done = 0;
  let assigned = 0;
  for (let w = 0; w < windows; w++) {
    const last = w === windows - 1;
    const from = Math.round(w * daysPerWindow);
    const to = last ? plan.spanDays + 1 : Math.round((w + 1) * daysPerWindow);
    const weight = weights.slice(from, to).reduce((sum, x) => sum + x, 0);
    const count = last ? random - assigned : Math.round((random * weight) / totalWeight);
    assigned += count;
    const result = await client.query(
      `INSERT INTO audit_events (${COLUMNS})
       SELECT ${COLUMNS} FROM ((${LIFECYCLE_EVENTS_SQL}) UNION ALL (${RANDOM_EVENTS_SQL})) AS e
             (${COLUMNS})
        ORDER BY occurred_at`,
      [from, to, plan.start, count, plan.spanDays],
    );
    done += result.rowCount ?? 0;
    progress(done);
  }
}

// The list requests bench/admin-scale.bench.ts measures, and the SQL of the three lists it also
// runs directly against PostgreSQL (keyset at a cursor vs OFFSET at the same depth). The SQL
// mirrors libs/admin's services (AdminUsersService, AdminGrantsService, AdminAuditService) with
// the filter-free default sort; a change to those queries should be made here too.
import type pg from 'pg';

export interface ListCase {
  readonly name: string;
  /** Under /api/admin/. */
  readonly path: string;
}

/** Values the search cases use, picked from the seeded data. */
export interface SearchTerms {
  readonly sub: string;
  readonly email: string;
  readonly userId: string;
  readonly adminId: string;
}

export async function searchTerms(client: pg.Client): Promise<SearchTerms> {
  const { rows } = await client.query<SearchTerms>(
    `SELECT google_sub AS sub, email, id AS "userId",
            (SELECT id FROM users WHERE role = 'admin' AND google_sub >= '9' ORDER BY google_sub
              LIMIT 1) AS "adminId"
       FROM users WHERE google_sub = '9' || lpad(((SELECT count(*) FROM users) / 3)::text, 20, '0')`,
  );
  return rows[0];
}

const YEAR_AGO = () => new Date(Date.now() - 365 * 86_400_000).toISOString();
const WEEK = () => {
  const to = new Date(Date.now() - 100 * 86_400_000);
  const from = new Date(to.getTime() - 7 * 86_400_000);
  return `createdFrom=${from.toISOString()}&createdTo=${to.toISOString()}`;
};

/** Every list endpoint, first pages, with each kind of filter and sort. */
export function firstPageCases(terms: SearchTerms): ListCase[] {
  const local = terms.email.split('@')[0];
  const day = new Date(Date.now() - 200 * 86_400_000);
  const dayRange = `from=${day.toISOString()}&to=${new Date(day.getTime() + 86_400_000).toISOString()}`;
  return [
    { name: 'users', path: 'users' },
    { name: 'users ?q= email prefix (short)', path: 'users?q=grace.ho' },
    { name: 'users ?q= email prefix (one user)', path: `users?q=${encodeURIComponent(local)}` },
    { name: 'users ?q= name substring (common)', path: 'users?q=hopper' },
    { name: 'users ?q= name substring (rare)', path: 'users?q=Grace%20Hopper' },
    { name: 'users ?q= matching nothing', path: 'users?q=zebulon' },
    { name: 'users ?q= exact sub', path: `users?q=${terms.sub}` },
    { name: 'users by last sign-in, newest', path: 'users?sort=last_sign_in_at' },
    { name: 'users by last sign-in, oldest', path: 'users?sort=last_sign_in_at&order=asc' },
    { name: 'users joined, oldest first', path: 'users?order=asc' },
    {
      name: 'users ?q= name substring (rare) by last sign-in',
      path: 'users?q=Grace%20Hopper&sort=last_sign_in_at',
    },
    { name: 'grants', path: 'grants' },
    { name: 'grants created_at asc', path: 'grants?order=asc' },
    { name: 'grants last_used_at desc', path: 'grants?sort=last_used_at' },
    { name: 'grants last_used_at asc', path: 'grants?sort=last_used_at&order=asc' },
    { name: 'grants status=revoked', path: 'grants?status=revoked' },
    { name: 'grants status=suspended', path: 'grants?status=suspended' },
    {
      name: 'grants scope (common)',
      path: `grants?scope=${enc('https://www.googleapis.com/auth/gmail.send')}`,
    },
    {
      name: 'grants scope (rare)',
      path: `grants?scope=${enc('https://www.googleapis.com/auth/drive.file')}`,
    },
    { name: 'grants flag=idle_near_expiry', path: 'grants?flag=idle_near_expiry' },
    { name: 'grants flag=testing_mode_expiry (none)', path: 'grants?flag=testing_mode_expiry' },
    { name: 'grants lastUsedBefore (a year)', path: `grants?lastUsedBefore=${YEAR_AGO()}` },
    { name: 'grants created in one week', path: `grants?${WEEK()}` },
    {
      name: 'grants revoked, rare scope, by last use',
      path: `grants?status=revoked&scope=${enc('https://www.googleapis.com/auth/drive.file')}&sort=last_used_at`,
    },
    { name: 'audit', path: 'audit' },
    { name: 'audit oldest first', path: 'audit?order=asc' },
    { name: 'audit actorKind=system (common)', path: 'audit?actorKind=system' },
    {
      name: 'audit action (rare), oldest first',
      path: 'audit?action=offline_access.suspended&order=asc',
    },
    { name: 'audit actorKind=admin (rare)', path: 'audit?actorKind=admin' },
    { name: 'audit actorId (an admin)', path: `audit?actorId=${terms.adminId}` },
    { name: 'audit action (common)', path: 'audit?action=sign_in.succeeded' },
    { name: 'audit action (rare)', path: 'audit?action=offline_access.suspended' },
    { name: 'audit userId', path: `audit?userId=${terms.userId}` },
    { name: 'audit from/to (one day)', path: `audit?${dayRange}` },
    {
      name: 'audit actorKind + action + from',
      path: `audit?actorKind=user&action=sign_out&from=${YEAR_AGO()}`,
    },
    { name: 'jobs', path: 'jobs' },
    { name: 'vault', path: 'vault' },
  ];
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

/** A list walked to depth by following `nextCursor`, and its SQL both ways. */
export interface DeepList {
  readonly name: string;
  readonly path: string;
  /** The service's query at a keyset position: $1 key (timestamp text), $2 id, $3 limit. */
  readonly keysetSql: string;
  /** The same query by OFFSET: $1 offset, $2 limit. */
  readonly offsetSql: string;
  readonly idCast: string;
}

const SORT_KEY = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key`;

const USERS_FROM = (where: string) => `
  SELECT u.id, u.google_sub, u.email, u.name, u.role, u.created_at, u.last_sign_in_at,
         ${SORT_KEY('u.created_at')}, coalesce(g.status, 'none') AS grant_status
    FROM users u LEFT JOIN grants g ON g.user_id = u.id AND g.client_id = $CLIENT
    ${where} ORDER BY u.created_at DESC, u.id DESC`;

const GRANTS_FROM = (where: string) => `
  SELECT g.id, g.user_id, u.email, g.status, g.scopes, g.health_flags, g.created_at,
         g.last_used_at, g.last_refreshed_at, g.failure_count, g.revoked_at, g.revoked_by,
         g.revocation_reason, ${SORT_KEY('g.created_at')}
    FROM grants g JOIN users u ON u.id = g.user_id
    ${where} ORDER BY g.created_at desc, g.id desc`;

const AUDIT_FROM = (where: string) => `
  SELECT e.id::text AS id, e.occurred_at, e.actor_kind, e.actor_id, e.action, e.subject_user_id,
         e.grant_id, e.request_id, e.ip, e.user_agent, e.details, ${SORT_KEY('e.occurred_at')}
    FROM audit_events e ${where} ORDER BY e.occurred_at DESC, e.id DESC`;

const before = (column: string, id: string, cast: string) =>
  `WHERE (${column} <= $1::timestamptz AND (${column} < $1::timestamptz OR ${id} < $2${cast}))`;

/** The three lists that grow with the product, in their default order. */
export function deepLists(clientId: string): DeepList[] {
  const client = (sql: string) => sql.replace('$CLIENT', `'${clientId.replaceAll("'", "''")}'`);
  return [
    {
      name: 'users',
      path: 'users',
      keysetSql: `${client(USERS_FROM(before('u.created_at', 'u.id', '::uuid')))} LIMIT $3`,
      offsetSql: `${client(USERS_FROM(''))} OFFSET $1 LIMIT $2`,
      idCast: '::uuid',
    },
    {
      name: 'grants',
      path: 'grants',
      keysetSql: `${GRANTS_FROM(before('g.created_at', 'g.id', '::uuid'))} LIMIT $3`,
      offsetSql: `${GRANTS_FROM('')} OFFSET $1 LIMIT $2`,
      idCast: '::uuid',
    },
    {
      name: 'audit',
      path: 'audit',
      keysetSql: `${AUDIT_FROM(before('e.occurred_at', 'e.id', '::bigint'))} LIMIT $3`,
      offsetSql: `${AUDIT_FROM('')} OFFSET $1 LIMIT $2`,
      idCast: '::bigint',
    },
  ];
}

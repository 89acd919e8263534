// Ceilings for the service API's token issuance, as bare Fastify (no logger, no validation, no
// framework) through a `pg` pool of the api's size, each statement on its own checkout as the
// api makes them. What the api costs above these is the product's own work.
//   POST /insert      one `INSERT … RETURNING` into the floor's table: any HTTP service that
//                     writes one durable record per answer.
//   POST /statements  the statements a cached issuance makes, each table read or written by its
//                     owner alone: the client's and the user's rate-limit buckets (identity's
//                     upsert, the client's row hot under every request), the grant's read
//                     (offline-access; the broker keeps the tokens it opened, so no envelope is
//                     read), the disclosure's INSERT with the user's block read in it.
//   POST /statements-without-limits  the same without the buckets: what the rate limits cost.
import Fastify, { type FastifyRequest } from 'fastify';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresThrottlerStorage } from '../../libs/identity/src/rate-limit/postgres-throttler.storage.js';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
const row = JSON.parse(process.env.FLOOR_ROW ?? '[]') as unknown[];
const clientId = row[0] as string;

// Identity's own bucket statement, on this pool: only its `query(sql, params)` is used.
const buckets = new PostgresThrottlerStorage({
  query: async (sql: string, params: unknown[]): Promise<unknown[]> =>
    (await pool.query(sql, params)).rows as unknown[],
} as unknown as DataSource);
const LIMIT = 1_000_000;

const FLOOR_INSERT = `INSERT INTO bench_disclosures
    (client_id, key_id, user_id, grant_id, scopes, purpose, purpose_detail, outcome,
     token_fingerprint, request_id, ip)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`;

const DISCLOSURE_INSERT = `INSERT INTO bench_disclosures
    (client_id, key_id, user_id, grant_id, scopes, purpose, purpose_detail, outcome,
     token_fingerprint, request_id, ip)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
  WHERE NOT EXISTS (SELECT 1 FROM user_service_blocks WHERE user_id = $3 AND client_id = $1)
  RETURNING id`;

const app = Fastify({ logger: false });
app.post('/insert', async (request) => {
  const values = [...row];
  values[6] = (request.body as { purpose_detail?: string }).purpose_detail ?? null;
  const result = await pool.query<{ id: string }>(FLOOR_INSERT, values);
  return { disclosure_id: result.rows[0].id };
});
const statements = (limits: boolean) => async (request: FastifyRequest) => {
  const body = request.body as { user: { id: string }; purpose_detail?: string };
  const userId = body.user.id;
  if (limits) {
    await buckets.incrementNested(
      { key: `service:${clientId}`, limit: LIMIT },
      { key: `service:${clientId}:user:${userId}`, limit: LIMIT },
      60_000,
    );
  }
  const grants = await pool.query<{ id: string }>(`SELECT * FROM grants WHERE user_id = $1`, [
    userId,
  ]);
  const grant = grants.rows[0];
  const values = [...row];
  values[2] = userId;
  values[3] = grant.id;
  values[6] = body.purpose_detail ?? null;
  const result = await pool.query<{ id: string }>(DISCLOSURE_INSERT, values);
  return { disclosure_id: result.rows[0].id };
};
app.post('/statements', statements(true));
app.post('/statements-without-limits', statements(false));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log('ready');

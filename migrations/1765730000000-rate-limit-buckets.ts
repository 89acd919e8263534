import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every api instance (PostgresThrottlerStorage). UNLOGGED: a
 * counter lost in a crash only forgives a minute of requests, and the table, written on every
 * sign-in, costs no WAL (and is not copied to standbys).
 */
export class RateLimitBuckets1765730000000 implements MigrationInterface {
  name = 'RateLimitBuckets1765730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE UNLOGGED TABLE rate_limit_buckets (
         key text PRIMARY KEY,
         hits integer NOT NULL,
         window_ends_at timestamptz NOT NULL
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_buckets`);
  }
}

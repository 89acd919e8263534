import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service API's limits and kill switches (libs/service-api, IssuanceControls): per client,
 * the rate limits an admin set (null: the configured default) and a kill switch with its
 * reason; per Google scope, a switch that stops every token including it, for every client.
 * The counters themselves are in identity's `rate_limit_buckets`.
 */
export class ServiceLimits1765950000000 implements MigrationInterface {
  name = 'ServiceLimits1765950000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE service_client_controls (
         client_id uuid PRIMARY KEY REFERENCES service_clients (id) ON DELETE CASCADE,
         per_minute integer CHECK (per_minute BETWEEN 1 AND 1000000),
         per_user_per_minute integer CHECK (per_user_per_minute BETWEEN 1 AND 1000000),
         kill_switch_reason text,
         kill_switch_at timestamptz,
         kill_switch_by uuid,
         updated_at timestamptz NOT NULL DEFAULT now(),
         CHECK ((kill_switch_reason IS NULL) = (kill_switch_at IS NULL))
       )`,
    );
    await db.query(
      `CREATE TABLE scope_kill_switches (
         scope text PRIMARY KEY,
         reason text NOT NULL,
         set_at timestamptz NOT NULL DEFAULT now(),
         set_by uuid
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scope_kill_switches`);
    await db.query(`DROP TABLE service_client_controls`);
  }
}

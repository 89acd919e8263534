import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The services a user blocked (libs/service-api): one row per user and service client; while
 * it exists the service gets 403 `blocked_by_user` for that user, and the grant stays as it is.
 * And an index for the account page's per-service summary of a user's disclosures: one
 * index-only range of the user's rows, already grouped by client.
 */
export class UserServiceBlocks1765940000000 implements MigrationInterface {
  name = 'UserServiceBlocks1765940000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE user_service_blocks (
         user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
         client_id uuid NOT NULL REFERENCES service_clients (id) ON DELETE CASCADE,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (user_id, client_id)
       )`,
    );
    await db.query(
      `CREATE INDEX user_service_blocks_client_idx ON user_service_blocks (client_id)`,
    );
    await db.query(
      `CREATE INDEX disclosures_user_client_idx
         ON disclosures (user_id, client_id, occurred_at) INCLUDE (outcome, purpose)
         WHERE user_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX disclosures_user_client_idx`);
    await db.query(`DROP TABLE user_service_blocks`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the dashboard's "grants by status over time" chart reads: when a grant was suspended
 * (revocation and creation already have their times), and indexes so the per-day counts read
 * only the rows of the days shown.
 */
export class GrantStatusHistory1765460000000 implements MigrationInterface {
  name = 'GrantStatusHistory1765460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grants ADD COLUMN suspended_at timestamptz`);
    // Grants suspended before this column existed: their last change was the suspension.
    await db.query(`UPDATE grants SET suspended_at = updated_at WHERE status = 'suspended'`);
    await db.query(
      `CREATE INDEX grants_revoked_at_idx ON grants (revoked_at) WHERE revoked_at IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX grants_suspended_at_idx ON grants (suspended_at) WHERE status = 'suspended'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX grants_suspended_at_idx`);
    await db.query(`DROP INDEX grants_revoked_at_idx`);
    await db.query(`ALTER TABLE grants DROP COLUMN suspended_at`);
  }
}

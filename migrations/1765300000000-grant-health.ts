import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Google-specific health flags on grants, and when each grant's refresh token was issued. */
export class GrantHealth1765300000000 implements MigrationInterface {
  name = 'GrantHealth1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grants ADD COLUMN refresh_token_issued_at timestamptz`);
    await db.query(`ALTER TABLE grants ADD COLUMN health_flags text[] NOT NULL DEFAULT '{}'`);
    // Existing grants: their token is at least as old as the grant's last change.
    await db.query(
      `UPDATE grants SET refresh_token_issued_at = updated_at WHERE refresh_token_envelope_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX grants_health_flags_idx ON grants USING gin (health_flags)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX grants_health_flags_idx`);
    await db.query(`ALTER TABLE grants DROP COLUMN health_flags`);
    await db.query(`ALTER TABLE grants DROP COLUMN refresh_token_issued_at`);
  }
}

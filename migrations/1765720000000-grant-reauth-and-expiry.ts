import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When Google last asked the user to re-authenticate (`invalid_grant` with
 * `error_subtype: invalid_rapt`), which keeps the grant alive but unusable until they do; and
 * when the refresh token itself expires, as Google's `refresh_token_expires_in` says.
 */
export class GrantReauthAndExpiry1765720000000 implements MigrationInterface {
  name = 'GrantReauthAndExpiry1765720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grants ADD COLUMN reauth_required_at timestamptz`);
    await db.query(`ALTER TABLE grants ADD COLUMN refresh_token_expires_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE grants DROP COLUMN refresh_token_expires_at`);
    await db.query(`ALTER TABLE grants DROP COLUMN reauth_required_at`);
  }
}

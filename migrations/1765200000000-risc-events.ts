import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-Account Protection: the security events received (their `jti`, so Google's redeliveries
 * are recognised), grants suspended while Google has the account disabled, and Google's
 * identifier of each grant's refresh token, so a `token-revoked` event finds its grant with one
 * index lookup (https://developers.google.com/identity/protocols/risc#token_identifiers).
 */
export class RiscEvents1765200000000 implements MigrationInterface {
  name = 'RiscEvents1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE risc_events (
        jti text PRIMARY KEY,
        event_type text NOT NULL,
        subject_sub text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`ALTER TABLE grants DROP CONSTRAINT grants_status_check`);
    await db.query(`
      ALTER TABLE grants ADD CONSTRAINT grants_status_check
        CHECK (status IN ('active', 'revoked', 'suspended'))`);
    await db.query(`ALTER TABLE grants ADD COLUMN refresh_token_identifier text`);
    await db.query(`
      CREATE INDEX grants_refresh_token_identifier_idx ON grants (refresh_token_identifier)
        WHERE refresh_token_identifier IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX grants_refresh_token_identifier_idx`);
    await db.query(`ALTER TABLE grants DROP COLUMN refresh_token_identifier`);
    // A suspended grant cannot be told apart from a live one without the new status; treating it
    // as revoked keeps the older code from handing out tokens of a disabled Google account.
    await db.query(`
      UPDATE grants SET status = 'revoked', revoked_at = now(), revoked_by = 'google',
        revocation_reason = 'risc_account_disabled' WHERE status = 'suspended'`);
    await db.query(`ALTER TABLE grants DROP CONSTRAINT grants_status_check`);
    await db.query(`
      ALTER TABLE grants ADD CONSTRAINT grants_status_check CHECK (status IN ('active', 'revoked'))`);
    await db.query(`DROP TABLE risc_events`);
  }
}

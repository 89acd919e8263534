import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin user search matches inside an email, not only at its start (`email ILIKE '%x%'`): a
 * trigram index on `email`, like the one on `name` (pg_trgm since UserNameSearch1765400100000),
 * with no pending list for the same reason (AdminSearchIndexes1765600000000: a pending list is
 * read in full by every search). The email-prefix index is dropped: no query reads it any more,
 * and every sign-up paid for it.
 */
export class UserEmailSearch1765810000000 implements MigrationInterface {
  name = 'UserEmailSearch1765810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops)
        WITH (fastupdate = off)`,
    );
    await db.query(`DROP INDEX users_email_prefix_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops)
        INCLUDE (email, created_at, id)`,
    );
    await db.query(`DROP INDEX users_email_trgm_idx`);
  }
}

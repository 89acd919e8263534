import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the admin lists at a million users (docs/BENCHMARKS.md, "Admin API at
 * scale"), read by index-only scans, so a match or a joined row costs an index entry rather than
 * a heap page:
 * - users by email prefix: the prefix index also carries `email` (PostgreSQL rechecks
 *   `lower(email) LIKE …` from the column itself, so without it no index-only scan is possible),
 *   `created_at` and `id`: a search that collects every user whose email starts with a term
 *   sorts them newest first from the index alone and reads only the page's rows.
 * - users by id with their email: the grant lists show each grant's user's email; 200 grants
 *   were 200 primary-key look-ups plus 200 random heap pages of users.
 * And room on users' pages (fillfactor 90, for pages written from now on): every sign-in, and a
 * Bearer caller's requests every few seconds, rewrite the user's row without changing an indexed
 * column, so with room on its page the update is HOT and touches none of the table's indexes
 * (these two more among them); on a full page it is a new row version in every index.
 * And no pending list for the name trigram index (fastupdate off): with one, new users' trigrams
 * wait in an unsorted list of up to 4 MB that every name search reads in full (5,000 sign-ups'
 * worth, 174 pages, added 3-4 ms to each search); without, a sign-up writes its trigrams into
 * the index at once (~0.1 ms more per user).
 */
export class AdminSearchIndexes1765600000000 implements MigrationInterface {
  name = 'AdminSearchIndexes1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX users_email_prefix_idx`);
    await db.query(
      `CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops)
        INCLUDE (email, created_at, id)`,
    );
    await db.query(`CREATE INDEX users_id_email_idx ON users (id) INCLUDE (email)`);
    await db.query(`ALTER TABLE users SET (fillfactor = 90)`);
    await db.query(`ALTER INDEX users_name_trgm_idx SET (fastupdate = off)`);
    await db.query(`SELECT gin_clean_pending_list('users_name_trgm_idx')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER INDEX users_name_trgm_idx RESET (fastupdate)`);
    await db.query(`ALTER TABLE users RESET (fillfactor)`);
    await db.query(`DROP INDEX users_id_email_idx`);
    await db.query(`DROP INDEX users_email_prefix_idx`);
    await db.query(`CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops)`);
  }
}

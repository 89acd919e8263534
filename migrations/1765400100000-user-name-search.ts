import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admin user search by name substring (`ILIKE '%x%'`): a trigram index. pg_trgm is a trusted
 * extension (PostgreSQL 13+), so a database owner without superuser can create it.
 */
export class UserNameSearch1765400100000 implements MigrationInterface {
  name = 'UserNameSearch1765400100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX users_name_trgm_idx`);
  }
}

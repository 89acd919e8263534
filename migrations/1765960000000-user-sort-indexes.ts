import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's user list sorts by last sign-in as well as by joining: a `(last_sign_in_at,
 * id)` index serves both directions (a backward scan gives `DESC NULLS FIRST`, the order
 * PostgreSQL and the keyset clause use), as `users_created_at_idx` does for joining.
 */
export class UserSortIndexes1765960000000 implements MigrationInterface {
  name = 'UserSortIndexes1765960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX users_last_sign_in_idx ON users (last_sign_in_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX users_last_sign_in_idx`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes behind the admin API's filters and keyset pages. */
export class AdminIndexes1765400000000 implements MigrationInterface {
  name = 'AdminIndexes1765400000000';

  async up(db: QueryRunner): Promise<void> {
    // User search: newest first, and email prefixes (LIKE 'x%' needs text_pattern_ops).
    await db.query(`CREATE INDEX users_created_at_idx ON users (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX users_email_prefix_idx ON users (lower(email) text_pattern_ops)`);
    // Grant lists, sorted either way by creation or last use; filtered by scope.
    await db.query(`CREATE INDEX grants_created_at_idx ON grants (created_at, id)`);
    await db.query(`CREATE INDEX grants_last_used_at_idx ON grants (last_used_at, id)`);
    await db.query(`CREATE INDEX grants_scopes_idx ON grants USING gin (scopes)`);
    // Audit: a grant's timeline, and events by actor.
    await db.query(
      `CREATE INDEX audit_events_grant_idx ON audit_events (grant_id, occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_actor_idx ON audit_events (actor_kind, actor_id, occurred_at DESC, id DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'audit_events_actor_idx',
      'audit_events_grant_idx',
      'grants_scopes_idx',
      'grants_last_used_at_idx',
      'grants_created_at_idx',
      'users_email_prefix_idx',
      'users_created_at_idx',
    ]) {
      await db.query(`DROP INDEX ${index}`);
    }
  }
}

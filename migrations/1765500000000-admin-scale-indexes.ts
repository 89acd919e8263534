import type { MigrationInterface, QueryRunner } from 'typeorm';

const FLAGS = ['testing_mode_expiry', 'idle_near_expiry', 'refresh_token_churn'];

/**
 * Indexes the admin lists need at a million grants and millions of audit events
 * (docs/BENCHMARKS.md, "Admin API at scale"):
 * - grants by health flag: flags are rare and, by their nature, on old grants, so walking grants
 *   newest first to find them reads most of the table (or all of it for a flag none carries),
 *   while the GIN index gives every match unordered. One small partial index per flag and sort
 *   column gives them in order.
 * - audit events by actor kind alone (rare kinds such as `admin`), and by actor id alone: the
 *   index on (actor_kind, actor_id, …) served neither in time order; these two serve both
 *   filters, alone and together, so it goes.
 */
export class AdminScaleIndexes1765500000000 implements MigrationInterface {
  name = 'AdminScaleIndexes1765500000000';

  async up(db: QueryRunner): Promise<void> {
    for (const flag of FLAGS) {
      for (const column of ['created_at', 'last_used_at']) {
        await db.query(
          `CREATE INDEX ${flagIndex(flag, column)} ON grants (${column}, id)
            WHERE health_flags @> '{${flag}}'::text[]`,
        );
      }
    }
    await db.query(
      `CREATE INDEX audit_events_actor_kind_idx ON audit_events (actor_kind, occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id, occurred_at DESC, id DESC)`,
    );
    await db.query(`DROP INDEX audit_events_actor_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX audit_events_actor_idx ON audit_events (actor_kind, actor_id, occurred_at DESC, id DESC)`,
    );
    await db.query(`DROP INDEX audit_events_actor_id_idx`);
    await db.query(`DROP INDEX audit_events_actor_kind_idx`);
    for (const flag of FLAGS) {
      for (const column of ['created_at', 'last_used_at']) {
        await db.query(`DROP INDEX ${flagIndex(flag, column)}`);
      }
    }
  }
}

/** e.g. `grants_idle_near_expiry_created_at_idx`. */
export function flagIndex(flag: string, column: string): string {
  return `grants_${flag}_${column}_idx`;
}

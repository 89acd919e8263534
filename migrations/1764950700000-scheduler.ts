import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline tasks: each user's subscriptions (`user_tasks`) and their run history (`task_runs`).
 * The job queue's own tables belong to pg-boss, in its `pgboss` schema, created by pg-boss.
 */
export class Scheduler1764950700000 implements MigrationInterface {
  name = 'Scheduler1764950700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        task_name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        state text NOT NULL DEFAULT 'active',
        paused_reason text,
        next_run_at timestamptz,
        last_run_at timestamptz,
        last_error text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_tasks_user_task_key UNIQUE (user_id, task_name),
        CONSTRAINT user_tasks_state_check CHECK (state IN ('active', 'paused')),
        CONSTRAINT user_tasks_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX user_tasks_due_idx ON user_tasks (next_run_at) WHERE enabled AND state = 'active'`,
    );
    await db.query(`
      CREATE TABLE task_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_task_id uuid NOT NULL,
        user_id uuid NOT NULL,
        task_name text NOT NULL,
        job_id text,
        attempt integer NOT NULL DEFAULT 0,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL,
        error text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT task_runs_outcome_check CHECK (outcome IN ('succeeded', 'failed', 'paused'))
      )`);
    await db.query(
      `CREATE INDEX task_runs_user_task_idx ON task_runs (user_task_id, started_at DESC)`,
    );
    await db.query(`CREATE INDEX task_runs_time_idx ON task_runs (started_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE task_runs`);
    await db.query(`DROP TABLE user_tasks`);
  }
}

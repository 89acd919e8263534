import type pg from 'pg';
import { SCOPE, SEEDED_SUB_FROM } from './seed-vocabulary.js';

/**
 * The news digest for ~30 % of the seeded grants' users who granted `gmail.send` (paused as the
 * scheduler pauses it when the grant is revoked or suspended, ~10 % switched off), and the last
 * day's run of every running one. Returns the number of tasks and runs.
 */
export async function insertTasks(
  client: pg.ClientBase,
  clientId: string,
  now: Date,
): Promise<{ tasks: number; runs: number }> {
  const tasks = await client.query(
    `INSERT INTO user_tasks (user_id, task_name, enabled, settings, state, paused_reason,
                             next_run_at, last_run_at, created_at, updated_at)
     SELECT g.user_id, 'news-digest', random() >= 0.1,
            jsonb_build_object('categories', (ARRAY['["technology"]', '["science"]',
              '["business","technology"]', '["sports"]'])[1 + floor(random() * 4)::int]::jsonb),
            CASE WHEN g.status = 'active' THEN 'active' ELSE 'paused' END,
            CASE g.status WHEN 'revoked' THEN 'grant_revoked'
                          WHEN 'suspended' THEN 'grant_suspended' END,
            date_trunc('day', $2::timestamptz) + interval '1 day 7 hours',
            CASE WHEN g.status = 'active' THEN date_trunc('day', $2::timestamptz)
                                               - interval '17 hours' END,
            g.created_at, g.updated_at
       FROM grants g JOIN users u ON u.id = g.user_id
      WHERE u.google_sub >= '${SEEDED_SUB_FROM}' AND g.client_id = $1
        AND g.scopes @> ARRAY['${SCOPE.gmailSend}'] AND random() < 0.3`,
    [clientId, now],
  );
  const runs = await client.query(
    `INSERT INTO task_runs (user_task_id, user_id, task_name, job_id, attempt, started_at,
                            finished_at, outcome, error, details)
     SELECT t.id, t.user_id, t.task_name, gen_random_uuid()::text, 0, t.last_run_at + r * interval '5 minutes',
            t.last_run_at + r * interval '5 minutes' + interval '800 milliseconds',
            CASE WHEN r < 0.97 THEN 'succeeded' ELSE 'failed' END,
            CASE WHEN r >= 0.97 THEN 'upstream_unavailable' END,
            CASE WHEN r < 0.97 THEN jsonb_build_object('items', 3) ELSE '{}'::jsonb END
       FROM (SELECT t.*, random() AS r FROM user_tasks t
              WHERE t.enabled AND t.state = 'active' AND t.last_run_at IS NOT NULL) t
       JOIN users u ON u.id = t.user_id AND u.google_sub >= '${SEEDED_SUB_FROM}'
      ORDER BY 6`,
  );
  return { tasks: tasks.rowCount ?? 0, runs: runs.rowCount ?? 0 };
}

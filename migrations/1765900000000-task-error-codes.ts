import type { MigrationInterface, QueryRunner } from 'typeorm';

// What each stored `gmail_http_<status>` becomes: the codes are a closed set now, and a run's
// HTTP status moved into its `details` (`upstreamStatus`).
const NEW_CODE = `CASE
    WHEN %s = 'gmail_http_401' THEN 'gmail_token_refused'
    WHEN %s ~ '^gmail_http_(429|5[0-9][0-9])$' THEN 'gmail_unavailable'
    ELSE 'gmail_rejected'
  END`;
const OLD_CODE = /^gmail_http_[0-9]{3}$/.source;

/**
 * Task runs no longer store Gmail's HTTP status in their error code (`gmail_http_503`): the
 * code is one of `gmail_token_refused` (401), `gmail_unavailable` (429, 5xx) or
 * `gmail_rejected` (any other), and the status is kept in the run's `details.upstreamStatus`.
 * Rewrites the codes already stored, so pages and the dashboard read one vocabulary. `down()`
 * restores the runs' codes from `upstreamStatus`; a user task's `last_error` carries no status,
 * so it goes back to the nearest old code (401, 503 or 400).
 */
export class TaskErrorCodes1765900000000 implements MigrationInterface {
  name = 'TaskErrorCodes1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE task_runs
          SET details = details || jsonb_build_object(
                'upstreamStatus', substring(error from 'gmail_http_([0-9]{3})')::int),
              error = ${NEW_CODE.replaceAll('%s', 'error')}
        WHERE error ~ $1`,
      [OLD_CODE],
    );
    await db.query(
      `UPDATE user_tasks SET last_error = ${NEW_CODE.replaceAll('%s', 'last_error')}
        WHERE last_error ~ $1`,
      [OLD_CODE],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE task_runs
          SET error = 'gmail_http_' || (details->>'upstreamStatus'),
              details = details - 'upstreamStatus'
        WHERE error IN ('gmail_token_refused', 'gmail_unavailable', 'gmail_rejected')
          AND details ? 'upstreamStatus'`,
    );
    await db.query(
      `UPDATE user_tasks
          SET last_error = CASE last_error
                WHEN 'gmail_token_refused' THEN 'gmail_http_401'
                WHEN 'gmail_unavailable' THEN 'gmail_http_503'
                ELSE 'gmail_http_400'
              END
        WHERE last_error IN ('gmail_token_refused', 'gmail_unavailable', 'gmail_rejected')`,
    );
  }
}

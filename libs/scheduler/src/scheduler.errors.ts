import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/** Stable codes of the scheduler's HTTP-facing errors; SCHEDULER_ERROR_STATUS maps them. */
export type SchedulerErrorCode =
  | 'task_not_found'
  | 'invalid_task_settings'
  /** No such job in that queue (404), including ids that are not uuids. */
  | 'job_not_found'
  /** Only a job that failed every retry can be retried by hand (409). */
  | 'job_not_failed'
  /** An equal job (same singleton key) is already queued or running (409). */
  | 'job_already_queued';

/** HTTP status of each code; a code without a row does not compile. */
export const SCHEDULER_ERROR_STATUS: StatusTable<SchedulerErrorCode> = {
  task_not_found: 404,
  job_not_found: 404,
  invalid_task_settings: 400,
  job_not_failed: 409,
  job_already_queued: 409,
};

/** Thrown by the scheduler's HTTP-facing services; keeps the `cause`. */
export class SchedulerError extends AppError<SchedulerErrorCode> {
  constructor(code: SchedulerErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, SCHEDULER_ERROR_STATUS, options);
  }
}

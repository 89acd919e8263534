/** Stable codes of the scheduler's HTTP-facing errors; the api's filter maps them. */
export type SchedulerErrorCode =
  | 'task_not_found'
  | 'invalid_task_settings'
  /** No such job in that queue (404), including ids that are not uuids. */
  | 'job_not_found'
  /** Only a job that failed every retry can be retried by hand (409). */
  | 'job_not_failed'
  /** An equal job (same singleton key) is already queued or running (409). */
  | 'job_already_queued';

export class SchedulerError extends Error {
  constructor(
    readonly code: SchedulerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SchedulerError';
  }
}

export function schedulerErrorStatus(code: SchedulerErrorCode): number {
  switch (code) {
    case 'task_not_found':
    case 'job_not_found':
      return 404;
    case 'job_not_failed':
    case 'job_already_queued':
      return 409;
    case 'invalid_task_settings':
      return 400;
  }
}

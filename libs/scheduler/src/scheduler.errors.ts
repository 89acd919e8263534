/** Stable codes of the scheduler's HTTP-facing errors; the api's filter maps them. */
export type SchedulerErrorCode = 'task_not_found' | 'invalid_task_settings';

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
      return 404;
    case 'invalid_task_settings':
      return 400;
  }
}

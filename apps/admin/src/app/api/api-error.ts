import { HttpErrorResponse } from '@angular/common/http';

/** The api's error body: `error` is a stable snake_case code. */
export interface ApiError {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  /** What is wrong with each field, for a 400 `validation_failed`. */
  readonly details?: readonly string[];
}

/** Whether `value` is an api error body. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body['error'] === 'string' && typeof body['message'] === 'string';
}

/** Whatever a call threw, as an ApiError a page can show. */
export function apiErrorOf(failure: unknown): ApiError {
  if (failure instanceof HttpErrorResponse) {
    if (failure.status === 0) {
      return {
        statusCode: 0,
        error: 'network_error',
        message: 'Could not reach the server. Check your connection and try again.',
      };
    }
    if (isApiError(failure.error)) {
      return { ...failure.error, statusCode: failure.error.statusCode ?? failure.status };
    }
    return {
      statusCode: failure.status,
      error: 'http_error',
      message: `The server answered ${failure.status} ${failure.statusText}`.trim() + '.',
    };
  }
  if (isApiError(failure)) return failure;
  return {
    statusCode: 0,
    error: 'unexpected_error',
    message: failure instanceof Error ? failure.message : 'Something went wrong.',
  };
}

/** Extra words for codes an admin may meet, so the page says what to do about them. */
const HINTS: Readonly<Record<string, string>> = {
  last_admin: 'This is the last admin: promote someone else before demoting them.',
  already_revoked: 'This grant was already revoked.',
  empty_filter:
    'Choose a status, scope, health flag or date first: without one, every grant would be revoked.',
  bootstrap_admin:
    'Listed in ADMIN_EMAILS: remove the address there first, or sign-in makes them admin again.',
  not_found: 'It does not exist (any more).',
  job_not_failed: 'The job is no longer failed: it may have been retried already.',
  job_already_queued: 'The same work is already queued; it runs without a retry.',
  job_not_found: 'The job is gone (finished jobs are archived after a while).',
  cross_site_request: 'The request was refused as cross-site; reload the page.',
  name_taken: 'Another service client has this name: choose another one.',
  too_many_keys: 'The client has two live keys already: revoke one before making another.',
};

export function hintFor(error: ApiError): string | undefined {
  return HINTS[error.error];
}

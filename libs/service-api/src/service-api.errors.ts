import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/** Stable codes of the service API and of service-client management (DESIGN.md, "Service API"). */
export type ServiceApiErrorCode =
  /** No credential, or one that is unknown, revoked, expired or of a suspended client (401). */
  | 'invalid_credentials'
  /** A credential in the query string, where logs and proxies keep it (400). */
  | 'credentials_in_query'
  /** The caller's address is outside the client's IP allowlist (403). */
  | 'address_not_allowed'
  /** The credential lacks the API scope the route needs (403). */
  | 'insufficient_api_scope'
  /** The client may not ask for one of these Google scopes (403). */
  | 'scope_not_allowed'
  /** The purpose is not in the client's catalogue (403). */
  | 'purpose_not_allowed'
  /** The user blocked this service (403). */
  | 'blocked_by_user'
  /**
   * An admin stopped issuance: for this client, or for a scope asked for, for every client
   * (403, with `switch`, `scope`, `reason` and `since`).
   */
  | 'issuance_stopped'
  /** The client, or the client for this user, is over its rate limit; retry after `Retry-After` (429). */
  | 'rate_limited'
  /** The user has not granted every scope asked for (403, with `missing_scopes`). */
  | 'insufficient_scope'
  /** The user is unknown or has no grant for our client (404). */
  | 'no_grant'
  /** The user's grant was revoked (409). */
  | 'grant_revoked'
  /** The user's grant exists but cannot give tokens now: suspended, re-auth needed (409). */
  | 'grant_failing'
  /** Google did not answer usably; retry after `Retry-After` (503). */
  | 'upstream_unavailable'
  /** No such service client or key (404). */
  | 'not_found'
  /** A service client of that name exists (409). */
  | 'name_taken'
  /** The client has two active keys already: revoke one before adding another (409). */
  | 'too_many_keys'
  /** A registered return origin is not `https://host[:port]` (400). */
  | 'invalid_return_origin'
  /** A consent request's `return_url` is not at one of the client's return origins (400). */
  | 'return_url_not_allowed'
  /** No such user here (404). */
  | 'unknown_user'
  /** No such consent request of this client (404). */
  | 'consent_request_not_found'
  /** The consent request is for another user than the one signed in (403). */
  | 'consent_wrong_user'
  /** The consent request is no longer pending: completed, declined or expired (409). */
  | 'consent_request_closed';

export const SERVICE_API_ERROR_STATUS: StatusTable<ServiceApiErrorCode> = {
  invalid_credentials: 401,
  credentials_in_query: 400,
  address_not_allowed: 403,
  insufficient_api_scope: 403,
  scope_not_allowed: 403,
  purpose_not_allowed: 403,
  blocked_by_user: 403,
  insufficient_scope: 403,
  issuance_stopped: 403,
  rate_limited: 429,
  no_grant: 404,
  grant_revoked: 409,
  grant_failing: 409,
  upstream_unavailable: 503,
  not_found: 404,
  name_taken: 409,
  too_many_keys: 409,
  invalid_return_origin: 400,
  return_url_not_allowed: 400,
  unknown_user: 404,
  consent_request_not_found: 404,
  consent_wrong_user: 403,
  consent_request_closed: 409,
};

/** Thrown by the service API; `fields` are added to the error body (`missing_scopes`, …). */
export class ServiceApiError extends AppError<ServiceApiErrorCode> {
  constructor(code: ServiceApiErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, SERVICE_API_ERROR_STATUS, options);
  }
}

/** The service API's RFC 6750 challenge (`WWW-Authenticate`). */
export const SERVICE_API_CHALLENGE = 'Bearer realm="grantkeeper-service-api"';

/**
 * 401 `invalid_credentials`, with the challenge: without an error code when the request had no
 * API key at all, `invalid_token` when it had one that failed (RFC 6750 §3.1).
 */
export function invalidCredentials(message: string, presented: boolean): ServiceApiError {
  return new ServiceApiError('invalid_credentials', message, {
    headers: {
      'www-authenticate': presented
        ? `${SERVICE_API_CHALLENGE}, error="invalid_token"`
        : SERVICE_API_CHALLENGE,
    },
  });
}

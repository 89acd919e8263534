import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/** Stable codes of the offline-access module; OFFLINE_ACCESS_ERROR_STATUS maps them to HTTP. */
export type OfflineAccessErrorCode =
  /** The code belongs to another Google account than the signed-in user (409). */
  | 'account_mismatch'
  /** Google returned no refresh token and there is no live grant: ask with `prompt=consent` (409). */
  | 'consent_required'
  /** The authorization code is unknown, expired, replayed or not ours (400). */
  | 'invalid_code'
  /** The code is longer than Google's codes can be (400), refused without calling Google. */
  | 'code_too_long'
  /** The user has no offline grant (404). */
  | 'grant_not_found'
  /** The grant was revoked: the user must consent again (410). */
  | 'grant_revoked'
  /** Google has the account disabled (RISC `account-disabled`); no tokens until it is enabled (403). */
  | 'grant_suspended'
  /** Google wants the user to sign in again (`invalid_rapt`); the grant is kept (403). */
  | 'reauth_required'
  /**
   * The grant's user is outside GOOGLE_HOSTED_DOMAIN, set after they consented (403): the grant
   * is kept but not used.
   */
  | 'wrong_hosted_domain'
  /** The grant lacks a scope the caller needs (409). */
  | 'scope_not_granted'
  /** Google did not answer usably (5xx, timeout, 429, not JSON); retry later (503). */
  | 'upstream_unavailable'
  /** The redirect flow's `state` is missing, wrong or used (403). */
  | 'invalid_state'
  /** Line breaks in `state` or a redirect target (400); other non-local targets are ignored. */
  | 'malformed_request';

/** HTTP status of each code; a code without a row does not compile. */
export const OFFLINE_ACCESS_ERROR_STATUS: StatusTable<OfflineAccessErrorCode> = {
  invalid_code: 400,
  code_too_long: 400,
  malformed_request: 400,
  invalid_state: 403,
  grant_suspended: 403,
  reauth_required: 403,
  wrong_hosted_domain: 403,
  grant_not_found: 404,
  account_mismatch: 409,
  consent_required: 409,
  scope_not_granted: 409,
  grant_revoked: 410,
  upstream_unavailable: 503,
};

/** `Retry-After` of a 503 that does not name its own delay. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * Thrown by the offline-access module. A 503 goes out with `Retry-After`: `retryAfterSeconds`
 * when given, 5 s otherwise; other statuses never carry one.
 */
export class OfflineAccessError extends AppError<OfflineAccessErrorCode> {
  constructor(
    code: OfflineAccessErrorCode,
    message: string,
    options?: AppErrorOptions & { readonly grantEnded?: boolean },
  ) {
    const unavailable = OFFLINE_ACCESS_ERROR_STATUS[code] === 503;
    super(code, message, OFFLINE_ACCESS_ERROR_STATUS, {
      cause: options?.cause,
      retryAfterSeconds: unavailable
        ? (options?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
        : undefined,
    });
    this.grantEnded = options?.grantEnded ?? false;
  }

  /**
   * `consent_required` because the grant ended at Google just now, with the token it replaced:
   * consent asked once more (even right after `prompt=consent`) issues the grant's only token.
   */
  readonly grantEnded: boolean;
}

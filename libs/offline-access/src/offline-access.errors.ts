/** Stable codes of the offline-access module; the api's exception filter maps them to HTTP. */
export type OfflineAccessErrorCode =
  /** The code belongs to another Google account than the signed-in user (409). */
  | 'account_mismatch'
  /** Google returned no refresh token and there is no live grant: ask with `prompt=consent` (409). */
  | 'consent_required'
  /** The authorization code is unknown, expired, replayed or not ours (400). */
  | 'invalid_code'
  /** The code is longer than Google's codes can be (400), refused without calling Google. */
  | 'code_too_long'
  /** The request did not come from our own page (403). */
  | 'cross_site_request'
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

/** Thrown by the offline-access module. `retryAfterSeconds` goes out as `Retry-After`. */
export class OfflineAccessError extends Error {
  constructor(
    readonly code: OfflineAccessErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number; grantEnded?: boolean },
  ) {
    super(message, options);
    this.name = 'OfflineAccessError';
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.grantEnded = options?.grantEnded ?? false;
  }

  readonly retryAfterSeconds: number | undefined;
  /**
   * `consent_required` because the grant ended at Google just now, with the token it replaced:
   * consent asked once more (even right after `prompt=consent`) issues the grant's only token.
   */
  readonly grantEnded: boolean;
}

/** HTTP status of each code: one exhaustive switch, used by the api's error mapping. */
export function offlineAccessStatus(code: OfflineAccessErrorCode): number {
  switch (code) {
    case 'invalid_code':
    case 'code_too_long':
    case 'malformed_request':
      return 400;
    case 'cross_site_request':
    case 'invalid_state':
    case 'grant_suspended':
    case 'reauth_required':
    case 'wrong_hosted_domain':
      return 403;
    case 'grant_not_found':
      return 404;
    case 'account_mismatch':
    case 'consent_required':
    case 'scope_not_granted':
      return 409;
    case 'grant_revoked':
      return 410;
    case 'upstream_unavailable':
      return 503;
  }
}

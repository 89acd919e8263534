/** Stable codes of authentication failures other than ID-token verification. */
export type AuthErrorCode =
  | 'authentication_required'
  | 'session_invalid'
  | 'csrf_token_missing'
  | 'csrf_token_mismatch'
  | 'cross_origin_request'
  | 'forbidden'
  /** The session's user is outside GOOGLE_HOSTED_DOMAIN (set after they signed in): ended. */
  | 'wrong_hosted_domain'
  /** OFFLINE_ACCESS=required and the user holds no live grant: consent with Google first (409). */
  | 'consent_required';

/** Thrown by the identity module; the api's exception filter maps the code to a status. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuthError';
  }
}

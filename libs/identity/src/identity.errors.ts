import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/** Stable codes of authentication failures other than ID-token verification. */
export type AuthErrorCode =
  | 'authentication_required'
  | 'session_invalid'
  /** GIS redirect mode's form post lacks its `g_csrf_token` cookie or field (400). */
  | 'csrf_token_missing'
  /** GIS redirect mode's `g_csrf_token` cookie and field differ (403). */
  | 'csrf_token_mismatch'
  /** A state-changing request that did not come from our own pages (403, SameSiteGuard). */
  | 'cross_site_request'
  | 'forbidden'
  /** The session's user is outside GOOGLE_HOSTED_DOMAIN (set after they signed in): ended. */
  | 'wrong_hosted_domain'
  /** OFFLINE_ACCESS=required and the user holds no live grant: consent with Google first (409). */
  | 'consent_required';

/** HTTP status of each code; a code without a row does not compile. */
export const AUTH_ERROR_STATUS: StatusTable<AuthErrorCode> = {
  authentication_required: 401,
  session_invalid: 401,
  wrong_hosted_domain: 401,
  csrf_token_missing: 400,
  csrf_token_mismatch: 403,
  cross_site_request: 403,
  forbidden: 403,
  consent_required: 409,
};

/** Thrown by the identity module; the api's exception filter answers with the code's status. */
export class AuthError extends AppError<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, AUTH_ERROR_STATUS, options);
  }
}

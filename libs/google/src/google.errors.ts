import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/**
 * How a call to Google went wrong, sorted once for every caller:
 * - no usable answer: `google_unreachable` (connection refused or reset, DNS), `google_timeout`
 *   (the whole-response deadline passed), `google_unavailable` (5xx), `google_rate_limited`
 *   (429), `google_malformed_answer` (not Google's JSON, or larger than any answer of Google's);
 * - Google's OAuth `error` codes (RFC 6749 §5.2): `invalid_grant` (the code or refresh token is
 *   dead), `reauth_required` (`invalid_grant` with `error_subtype: invalid_rapt`: the user's
 *   Workspace organisation wants them to sign in again, https://support.google.com/a/answer/9368756),
 *   `invalid_client` (401: Google refuses our OAuth client), `invalid_token` (a token Google no
 *   longer knows: the revoke endpoint's answer, or a Google API's 401 to an access token);
 * - `google_forbidden` (a Google API's 403: the token lacks the scope) and `google_rejected`
 *   (any other 4xx: a bug or a misconfiguration on our side).
 */
export type GoogleCallErrorCode =
  | 'google_unreachable'
  | 'google_timeout'
  | 'google_unavailable'
  | 'google_rate_limited'
  | 'google_malformed_answer'
  | 'invalid_grant'
  | 'reauth_required'
  | 'invalid_client'
  | 'invalid_token'
  | 'google_forbidden'
  | 'google_rejected';

/**
 * The same failures in the coarse shape callers act on: `transient` (retry later) or one of the
 * final answers. Derived from the code, never stored separately.
 */
export type GoogleCallFailure =
  'invalid_grant' | 'reauth_required' | 'client_rejected' | 'rejected' | 'transient';

/** 503 when Google gave no usable answer; 502 when it refused what we sent. */
export const googleCallStatus: StatusTable<GoogleCallErrorCode> = {
  google_unreachable: 503,
  google_timeout: 503,
  google_unavailable: 503,
  google_rate_limited: 503,
  google_malformed_answer: 503,
  invalid_grant: 502,
  reauth_required: 502,
  invalid_client: 502,
  invalid_token: 502,
  google_forbidden: 502,
  google_rejected: 502,
};

const FAILURES: Readonly<Record<GoogleCallErrorCode, GoogleCallFailure>> = {
  google_unreachable: 'transient',
  google_timeout: 'transient',
  google_unavailable: 'transient',
  google_rate_limited: 'transient',
  google_malformed_answer: 'transient',
  invalid_grant: 'invalid_grant',
  reauth_required: 'reauth_required',
  invalid_client: 'client_rejected',
  invalid_token: 'rejected',
  google_forbidden: 'rejected',
  google_rejected: 'rejected',
};

/** Options of a {@link GoogleCallError}: the HTTP status Google answered with, if it answered. */
export interface GoogleCallErrorOptions extends AppErrorOptions {
  readonly upstreamStatus?: number;
}

/**
 * A failed call to Google. Never carries token material: `reason` is Google's `error` field
 * (when snake_case), `http_<status>`, or the transport's code, safe to log, store and audit.
 */
export class GoogleCallError extends AppError<GoogleCallErrorCode> {
  /** The HTTP status of Google's answer; undefined when there was none. */
  readonly upstreamStatus: number | undefined;
  /** What the caller should make of it: retry later, or one of Google's final answers. */
  readonly failure: GoogleCallFailure;

  constructor(
    code: GoogleCallErrorCode,
    readonly reason: string,
    options: GoogleCallErrorOptions = {},
  ) {
    super(code, `Google answered ${FAILURES[code]} (${reason})`, googleCallStatus, options);
    this.upstreamStatus = options.upstreamStatus;
    this.failure = FAILURES[code];
  }
}

/**
 * Why a signing key could not be had: `unknown_kid` (absent, or not in Google's key set),
 * `malformed` (an ill-formed key id, refused before any lookup) or `certificates_unavailable`
 * (the key set could not be fetched: decide nothing, retry later).
 */
export type SigningKeyErrorCode = 'unknown_kid' | 'malformed' | 'certificates_unavailable';

export const signingKeyStatus: StatusTable<SigningKeyErrorCode> = {
  unknown_kid: 401,
  malformed: 401,
  certificates_unavailable: 503,
};

/** Thrown by the signing-key sets; the verifiers turn it into their own refusals. */
export class SigningKeyError extends AppError<SigningKeyErrorCode> {
  constructor(code: SigningKeyErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, signingKeyStatus, options);
  }
}

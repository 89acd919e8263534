import { AppError, type StatusTable } from '@grantkeeper/errors';
import { SigningKeyError } from '@grantkeeper/google';

/**
 * Why a Google ID token was refused. Stable snake_case strings: clients and logs may rely on them.
 *
 * Every code but `certificates_unavailable` means "this token is not acceptable" (HTTP 401);
 * `certificates_unavailable` means "we could not decide because Google's signing keys could not be
 * fetched" (HTTP 503), so the client may retry with the same token.
 */
export type IdTokenErrorCode =
  | 'token_too_large'
  | 'malformed'
  | 'unsupported_algorithm'
  | 'unknown_kid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'azp_mismatch'
  | 'service_account_not_allowed'
  | 'expired'
  | 'not_yet_valid'
  | 'lifetime_too_long'
  | 'wrong_hosted_domain'
  | 'missing_subject'
  | 'certificates_unavailable';

/** `rejected`: the token itself is unacceptable (401). `unavailable`: try again later (503). */
export type IdTokenErrorDisposition = 'rejected' | 'unavailable';

/**
 * HTTP status of each code: 401 blames the token, 503 our ability to check it. A `Record` over
 * the codes, so adding a code without deciding its status fails the type check.
 */
export const ID_TOKEN_ERROR_STATUS: StatusTable<IdTokenErrorCode> = {
  token_too_large: 401,
  malformed: 401,
  unsupported_algorithm: 401,
  unknown_kid: 401,
  bad_signature: 401,
  wrong_issuer: 401,
  wrong_audience: 401,
  azp_mismatch: 401,
  service_account_not_allowed: 401,
  expired: 401,
  not_yet_valid: 401,
  lifetime_too_long: 401,
  wrong_hosted_domain: 401,
  missing_subject: 401,
  certificates_unavailable: 503,
};

/** Every code, for exhaustive tests and for documenting the API. */
export const ID_TOKEN_ERROR_CODES = Object.keys(
  ID_TOKEN_ERROR_STATUS,
) as readonly IdTokenErrorCode[];

/** Says whether a code blames the token (401) or our ability to check it (503). */
export function idTokenErrorDisposition(code: IdTokenErrorCode): IdTokenErrorDisposition {
  return ID_TOKEN_ERROR_STATUS[code] === 503 ? 'unavailable' : 'rejected';
}

/**
 * Thrown by the ID-token verifier (for the signing keys too: see {@link fromSigningKeyError}).
 *
 * The message is a short sentence for humans and never contains the token or any part of it
 * (header, claims, signature): tokens are bearer credentials and messages end up in logs.
 * `cause` is kept only where it cannot carry token text either (network and key-fetch failures).
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(token);
 * } catch (error) {
 *   if (error instanceof IdTokenError && idTokenErrorDisposition(error.code) === 'unavailable') {
 *     // answer 503
 *   }
 * }
 * ```
 */
export class IdTokenError extends AppError<IdTokenErrorCode> {
  constructor(code: IdTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, ID_TOKEN_ERROR_STATUS, options);
  }
}

/**
 * The verifier's refusal for a signing key that could not be had: the same code (`unknown_kid`,
 * `malformed`, `certificates_unavailable`) and message, the key set's error kept as `cause`.
 * Anything else is returned as it is.
 */
export function fromSigningKeyError(error: unknown): unknown {
  if (!(error instanceof SigningKeyError)) return error;
  return new IdTokenError(error.code, error.message, { cause: error });
}

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

/** Every code, for exhaustive tests and for documenting the API. */
export const ID_TOKEN_ERROR_CODES: readonly IdTokenErrorCode[] = [
  'token_too_large',
  'malformed',
  'unsupported_algorithm',
  'unknown_kid',
  'bad_signature',
  'wrong_issuer',
  'wrong_audience',
  'azp_mismatch',
  'service_account_not_allowed',
  'expired',
  'not_yet_valid',
  'lifetime_too_long',
  'wrong_hosted_domain',
  'missing_subject',
  'certificates_unavailable',
];

/**
 * Says whether a code blames the token (401) or our ability to check it (503). An exhaustive
 * switch, so adding a code without deciding its disposition fails the type check.
 */
export function idTokenErrorDisposition(code: IdTokenErrorCode): IdTokenErrorDisposition {
  switch (code) {
    case 'certificates_unavailable':
      return 'unavailable';
    case 'token_too_large':
    case 'malformed':
    case 'unsupported_algorithm':
    case 'unknown_kid':
    case 'bad_signature':
    case 'wrong_issuer':
    case 'wrong_audience':
    case 'azp_mismatch':
    case 'service_account_not_allowed':
    case 'expired':
    case 'not_yet_valid':
    case 'lifetime_too_long':
    case 'wrong_hosted_domain':
    case 'missing_subject':
      return 'rejected';
  }
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
export class IdTokenError extends Error {
  override readonly name = 'IdTokenError';

  constructor(
    readonly code: IdTokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

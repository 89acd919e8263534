import { AppError, type AppErrorOptions, type StatusTable } from '@grantkeeper/errors';

/** RFC 6749 §5.2's codes, as `POST /api/v1/oauth/token` answers them in our error body. */
export type OAuthTokenErrorCode =
  /** The assertion is missing nothing but is refused: unknown client, bad signature, replayed (401). */
  | 'invalid_client'
  /** A parameter is missing, repeated, malformed or not allowed with this grant (400). */
  | 'invalid_request'
  /** `grant_type` is not `client_credentials` (400). */
  | 'unsupported_grant_type'
  /** `scope` names an API scope that is unknown or not allowed to this client's tokens (400). */
  | 'invalid_scope';

export const OAUTH_TOKEN_ERROR_STATUS: StatusTable<OAuthTokenErrorCode> = {
  invalid_client: 401,
  invalid_request: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
};

/** Thrown by the token endpoint; never carries the assertion. */
export class OAuthTokenError extends AppError<OAuthTokenErrorCode> {
  constructor(code: OAuthTokenErrorCode, message: string, options?: AppErrorOptions) {
    super(code, message, OAUTH_TOKEN_ERROR_STATUS, options);
  }
}

/**
 * 401 `invalid_client` with the challenge RFC 6749 §5.2 asks for on a 401. The scheme names
 * how a client authenticates here; there is no Basic or secret to offer.
 */
export function invalidClient(message: string, cause?: unknown): OAuthTokenError {
  return new OAuthTokenError('invalid_client', message, {
    cause,
    headers: {
      'www-authenticate': 'Bearer realm="grantkeeper-service-api", error="invalid_client"',
    },
  });
}

import { failureOf, isSuccess, jsonObjectOf, malformedAnswer } from './google-answer.js';
import type { GoogleEndpoints } from './google-endpoints.js';
import { type GoogleAnswer, GoogleHttpClient } from './google-http.client.js';

/** What Google's token endpoint gave back, normalised. Holds live tokens: never log it. */
export interface GoogleTokens {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** Present on first consent (or `prompt=consent`), and when Google rotates it on refresh. */
  readonly refreshToken: string | undefined;
  /** The scopes this token carries: what the user actually granted. */
  readonly scopes: readonly string[];
  readonly idToken: string | undefined;
  /**
   * When the refresh token dies, from `refresh_token_expires_in` ("only set when the user grants
   * time-based access", and for apps in Testing status); undefined when Google sent none
   * (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
   */
  readonly refreshTokenExpiresAt?: Date;
}

/** What Google's revoke endpoint made of a revocation. */
export type RevokeResult = 'revoked' | 'already_invalid' | 'not_revocable';

/** Our OAuth client at Google's token and revoke endpoints. */
export interface GoogleTokenEndpointSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints: Pick<GoogleEndpoints, 'token' | 'revoke'>;
  /** Deadline of one call, when no `http` client is given. */
  readonly timeoutMs: number;
  /** The shared client (the module's); one of its own otherwise. */
  readonly http?: GoogleHttpClient;
}

/** Google's authorization codes are well under this; anything longer is not one (RFC 9700). */
export const MAX_AUTHORIZATION_CODE_LENGTH = 256;

/**
 * Google's token endpoint (code exchange, refresh) and revoke endpoint: form POSTs of a few
 * fields (RFC 6749 §4.1.3 and §6, client_secret_post, as google-auth-library sends them) and a
 * JSON answer. One attempt per call: the broker owns retries and backoff, across instances, with
 * Google's `Retry-After`. Failures are {@link GoogleCallError}s, sorted by `failureOf`.
 */
export class GoogleTokenEndpoint {
  private readonly http: GoogleHttpClient;

  constructor(private readonly settings: GoogleTokenEndpointSettings) {
    this.http = settings.http ?? new GoogleHttpClient({ timeoutMs: settings.timeoutMs });
  }

  /** Exchanges a popup code (GIS code client, `redirect_uri=postmessage`) or a redirect code. */
  async exchangeCode(
    code: string,
    options: { redirectUri: string; codeVerifier?: string },
  ): Promise<GoogleTokens> {
    const answer = await this.post(this.settings.endpoints.token, {
      code,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      redirect_uri: options.redirectUri,
      grant_type: 'authorization_code',
      ...(options.codeVerifier === undefined ? {} : { code_verifier: options.codeVerifier }),
    });
    return tokensOf(answer);
  }

  /** A new access token for a refresh token (and a new refresh token, if Google rotates it). */
  async refresh(refreshToken: string): Promise<GoogleTokens> {
    const answer = await this.post(this.settings.endpoints.token, {
      refresh_token: refreshToken,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      grant_type: 'refresh_token',
    });
    const tokens = tokensOf(answer);
    const rotated = tokens.refreshToken;
    return { ...tokens, refreshToken: rotated && rotated !== refreshToken ? rotated : undefined };
  }

  /**
   * Revokes a token at Google, which ends the whole grant. `already_invalid` when Google says
   * the token is unknown or already revoked: for us that is done, too. `not_revocable` when
   * Google refuses to revoke it (`400 invalid_request`, "Token is not revocable"): final too,
   * since asking again gets the same answer.
   *
   * The token goes in the form body, never the URL (google-auth-library's `revokeToken` puts it
   * in the query string, where proxies and access logs keep it). Google takes either
   * (https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke: "The token
   * can be an access token or a refresh token", sent as an `application/x-www-form-urlencoded`
   * POST to https://oauth2.googleapis.com/revoke).
   */
  async revoke(token: string): Promise<RevokeResult> {
    const answer = await this.post(this.settings.endpoints.revoke, { token });
    if (isSuccess(answer)) return 'revoked';
    const failure = failureOf(answer, 'oauth');
    if (failure.code === 'invalid_token') return 'already_invalid';
    if (failure.code === 'google_rejected' && failure.reason === 'invalid_request') {
      return 'not_revocable';
    }
    throw failure;
  }

  private post(url: string, fields: Record<string, string>): Promise<GoogleAnswer> {
    return this.http.send({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(fields).toString(),
      timeoutMs: this.settings.http ? undefined : this.settings.timeoutMs,
    });
  }
}

// A 2xx whose body is not Google's JSON (a proxy's HTML page) is a transient failure.
function tokensOf(answer: GoogleAnswer): GoogleTokens {
  if (!isSuccess(answer)) throw failureOf(answer, 'oauth');
  const data = jsonObjectOf(answer);
  if (typeof data?.access_token !== 'string') throw malformedAnswer(answer);
  const expiresIn = typeof data.expires_in === 'number' ? data.expires_in : 3600;
  return {
    accessToken: data.access_token,
    expiresAt: new Date(Date.now() + expiresIn * 1000),
    refreshToken: typeof data.refresh_token === 'string' ? data.refresh_token : undefined,
    scopes: (typeof data.scope === 'string' ? data.scope : '').split(' ').filter(Boolean),
    idToken: typeof data.id_token === 'string' ? data.id_token : undefined,
    ...refreshTokenExpiry(data.refresh_token_expires_in),
  };
}

function refreshTokenExpiry(seconds: unknown): { refreshTokenExpiresAt?: Date } {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return {};
  return { refreshTokenExpiresAt: new Date(Date.now() + seconds * 1000) };
}

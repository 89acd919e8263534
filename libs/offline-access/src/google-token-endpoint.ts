import { Gaxios, GaxiosError } from 'gaxios';
import type { OAuth2Client } from 'google-auth-library';
import { createGoogleOAuthClient, type GoogleClientSettings } from '@grantkeeper/google';

/** What Google's token endpoint gave back, normalised. Holds live tokens: never log it. */
export interface GoogleTokens {
  readonly accessToken: string;
  readonly expiresAt: Date;
  /** Present on first consent (or `prompt=consent`), and when Google rotates it on refresh. */
  readonly refreshToken: string | undefined;
  /** The scopes this token carries: what the user actually granted. */
  readonly scopes: readonly string[];
  readonly idToken: string | undefined;
}

/**
 * Why a call to Google failed, in the three ways that lead to different actions:
 * - `invalid_grant`: the code or refresh token is dead (revoked, expired, replayed) — final;
 * - `rejected`: any other 4xx answer in Google's error shape (a bug or a misconfiguration);
 * - `transient`: 5xx, 429, timeouts, resets, answers that are not Google's JSON — retry later.
 */
export type GoogleCallFailure = 'invalid_grant' | 'rejected' | 'transient';

/** A failed call to Google's token or revoke endpoint. Never carries token material. */
export class GoogleCallError extends Error {
  constructor(
    readonly failure: GoogleCallFailure,
    /** Google's `error` field, or the transport's code; safe to log and audit. */
    readonly reason: string,
    /** Seconds Google asked us to wait (`Retry-After` on 429/503), if it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Google answered ${failure} (${reason})`);
    this.name = 'GoogleCallError';
  }
}

/** Google's authorization codes are well under this; anything longer is not one (RFC 9700). */
export const MAX_AUTHORIZATION_CODE_LENGTH = 256;

/**
 * Google's token and revoke endpoints through google-auth-library, with the library's own retries
 * switched off: it would retry a POST up to three times with its own delays, which hides
 * `Retry-After` and multiplies load on an endpoint that is already failing. The broker owns
 * retries and backoff instead, across instances.
 */
export class GoogleTokenEndpoint {
  private readonly transporter: Gaxios;

  constructor(private readonly settings: GoogleClientSettings) {
    this.transporter = new Gaxios({ timeout: settings.timeoutMs, retry: false });
    // The library asks for retries per request (`retryConfig`), which wins over `retry: false`;
    // only `retry: 0` in that config turns them off.
    this.transporter.interceptors.request.add({
      resolved: (options) =>
        Promise.resolve({
          ...options,
          retry: false,
          retryConfig: { retry: 0, noResponseRetries: 0 },
          timeout: settings.timeoutMs,
        }),
    });
  }

  /** Exchanges a popup code (GIS code client, `redirect_uri=postmessage`) or a redirect code. */
  async exchangeCode(
    code: string,
    options: { redirectUri: string; codeVerifier?: string },
  ): Promise<GoogleTokens> {
    const client = this.client();
    try {
      const { tokens } = await client.getToken({
        code,
        redirect_uri: options.redirectUri,
        codeVerifier: options.codeVerifier,
      });
      return normalise(tokens);
    } catch (error) {
      throw classify(error);
    }
  }

  /** A new access token for a refresh token (and a new refresh token, if Google rotates it). */
  async refresh(refreshToken: string): Promise<GoogleTokens> {
    const client = this.client();
    client.setCredentials({ refresh_token: refreshToken });
    // refreshAccessToken() copies the old refresh token over the answer's; the 'tokens' event
    // carries Google's answer as it came, so a rotated refresh token is not lost.
    let answer: RawTokens | undefined;
    client.on('tokens', (tokens: RawTokens) => {
      answer = { ...tokens }; // a copy: the library then mutates the same object
    });
    try {
      const { credentials } = await client.refreshAccessToken();
      const rotated = answer?.refresh_token;
      return {
        ...normalise({ ...credentials, refresh_token: undefined }),
        refreshToken: rotated && rotated !== refreshToken ? rotated : undefined,
      };
    } catch (error) {
      throw classify(error);
    }
  }

  /**
   * Revokes a token at Google, which ends the whole grant. `already_invalid` when Google says
   * the token is unknown or already revoked: for us that is done, too.
   */
  async revoke(token: string): Promise<'revoked' | 'already_invalid'> {
    try {
      await this.client().revokeToken(token);
      return 'revoked';
    } catch (error) {
      const failure = classify(error);
      if (failure.failure === 'rejected' && failure.reason === 'invalid_token') {
        return 'already_invalid';
      }
      throw failure;
    }
  }

  // A client per call: credentials are per grant, and OAuth2Client keeps them as state.
  private client(): OAuth2Client {
    return createGoogleOAuthClient({ ...this.settings, transporter: this.transporter });
  }
}

interface RawTokens {
  access_token?: string | null;
  expiry_date?: number | null;
  refresh_token?: string | null;
  scope?: string | null;
  id_token?: string | null;
}

function normalise(tokens: RawTokens): GoogleTokens {
  // A 200 whose body is not Google's JSON (a proxy's HTML page) is a transient failure.
  if (typeof tokens !== 'object' || tokens === null || typeof tokens.access_token !== 'string') {
    throw new GoogleCallError('transient', 'malformed_response');
  }
  return {
    accessToken: tokens.access_token,
    expiresAt: new Date(tokens.expiry_date ?? Date.now() + 3600_000),
    refreshToken: tokens.refresh_token ?? undefined,
    scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
    idToken: tokens.id_token ?? undefined,
  };
}

function classify(error: unknown): GoogleCallError {
  if (error instanceof GoogleCallError) return error;
  if (!(error instanceof GaxiosError))
    return new GoogleCallError('transient', transportCode(error));
  const status = error.status ?? error.response?.status;
  const data: unknown = error.response?.data;
  const code =
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { error?: unknown }).error === 'string'
      ? (data as { error: string }).error
      : undefined;
  if (status === undefined) return new GoogleCallError('transient', transportCode(error));
  if (status === 429 || status >= 500 || code === undefined) {
    return new GoogleCallError('transient', code ?? `http_${status}`, retryAfter(error));
  }
  if (code === 'invalid_grant') return new GoogleCallError('invalid_grant', code);
  return new GoogleCallError('rejected', /^[a-z_]{1,64}$/.test(code) ? code : `http_${status}`);
}

function transportCode(error: unknown): string {
  const code = (error as { code?: unknown; name?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code.toLowerCase();
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'network_error';
}

// RFC 9110 §10.2.3: delay-seconds or an HTTP-date.
function retryAfter(error: GaxiosError): number | undefined {
  // A Headers object, though not always the global class (gaxios may use node-fetch's).
  const headers = error.response?.headers as { get?: (name: string) => string | null } | undefined;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(Math.min(seconds, 86_400)) : undefined;
}

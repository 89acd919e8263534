import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
  /**
   * When the refresh token dies, from `refresh_token_expires_in` ("only set when the user grants
   * time-based access", and for apps in Testing status); undefined when Google sent none
   * (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
   */
  readonly refreshTokenExpiresAt?: Date;
}

/**
 * Why a call to Google failed, in the ways that lead to different actions:
 * - `invalid_grant`: the code or refresh token is dead (revoked, expired, replayed) — final;
 * - `reauth_required`: `invalid_grant` with `error_subtype: invalid_rapt`: the user's Workspace
 *   organisation requires them to re-authenticate; the grant itself is alive
 *   (https://support.google.com/a/answer/9368756, session length for Google Cloud services);
 * - `client_rejected`: `401 invalid_client`: Google refuses our OAuth client (secret rotated or
 *   client deleted) — the deployment's fault, true of every grant at once;
 * - `rejected`: any other 4xx answer in Google's error shape (a bug or a misconfiguration);
 * - `transient`: 5xx, 429, timeouts, resets, answers that are not Google's JSON — retry later.
 */
export type GoogleCallFailure =
  'invalid_grant' | 'reauth_required' | 'client_rejected' | 'rejected' | 'transient';

/** What Google's revoke endpoint made of a revocation. */
export type RevokeResult = 'revoked' | 'already_invalid' | 'not_revocable';

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

/** A token answer is a few kB; anything past this is not Google's and is cut off as transient. */
const MAX_ANSWER_BYTES = 256 * 1024;

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
  private readonly tokenUrl: URL;
  /** Connections to the token endpoint, kept open between refreshes. */
  private readonly agent: HttpAgent;

  constructor(private readonly settings: GoogleClientSettings) {
    this.tokenUrl = new URL(settings.endpoints.token);
    this.agent =
      this.tokenUrl.protocol === 'https:'
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
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

  /**
   * A new access token for a refresh token (and a new refresh token, if Google rotates it).
   *
   * The one call made per grant per keep-alive sweep, so not through google-auth-library: its
   * client, gaxios and node-fetch cost about 1 ms of CPU per refresh (five times the request
   * itself) for a form POST of four fields (RFC 6749 §6, client_secret_post, as the library
   * sends it) and a JSON answer. One attempt, over kept-alive connections, sorted into the
   * same failures as the library's calls below.
   */
  async refresh(refreshToken: string): Promise<GoogleTokens> {
    const form = new URLSearchParams({
      refresh_token: refreshToken,
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      grant_type: 'refresh_token',
    }).toString();
    const answer = await this.post(form);
    const data = answer.json as RawAnswer | undefined;
    if (answer.status < 200 || answer.status >= 300) {
      const code = typeof data?.error === 'string' ? data.error : undefined;
      const subtype = typeof data?.error_subtype === 'string' ? data.error_subtype : undefined;
      throw classifyStatus(answer.status, code, answer.retryAfter, subtype);
    }
    const tokens = normalise({
      access_token: data?.access_token,
      expiry_date:
        typeof data?.expires_in === 'number' ? Date.now() + data.expires_in * 1000 : undefined,
      scope: typeof data?.scope === 'string' ? data.scope : undefined,
      id_token: typeof data?.id_token === 'string' ? data.id_token : undefined,
      refresh_token_expires_in: data?.refresh_token_expires_in,
    } as RawTokens);
    const rotated = typeof data?.refresh_token === 'string' ? data.refresh_token : undefined;
    return { ...tokens, refreshToken: rotated && rotated !== refreshToken ? rotated : undefined };
  }

  // One POST to the token endpoint, bounded by the timeout from the first byte sent to the last
  // received. Transport failures are GoogleCallErrors already; any HTTP status is returned.
  private post(
    form: string,
    url: URL = this.tokenUrl,
  ): Promise<{ status: number; json: unknown; retryAfter: number | undefined }> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const fail = (error: unknown) => {
        clearTimeout(timer);
        reject(classify(error));
      };
      const request = send(
        url,
        {
          method: 'POST',
          agent: url.origin === this.tokenUrl.origin ? this.agent : undefined,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(form),
            accept: 'application/json',
          },
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) {
              request.destroy(new GoogleCallError('transient', 'malformed_response'));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', fail);
          response.on('end', () => {
            clearTimeout(timer);
            const status = response.statusCode ?? 0;
            resolve({
              status,
              json: parseJson(response, Buffer.concat(chunks)),
              retryAfter: retryAfterValue(headerValue(response.headers['retry-after'])),
            });
          });
        },
      );
      const timer = setTimeout(() => {
        const timeout = new Error('Google did not answer in time');
        timeout.name = 'TimeoutError';
        request.destroy(timeout);
      }, this.settings.timeoutMs);
      request.on('error', fail);
      request.end(form);
    });
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
    const answer = await this.post(
      new URLSearchParams({ token }).toString(),
      new URL(this.settings.endpoints.revoke),
    );
    if (answer.status >= 200 && answer.status < 300) return 'revoked';
    const data = answer.json as RawAnswer | undefined;
    const code = typeof data?.error === 'string' ? data.error : undefined;
    const failure = classifyStatus(answer.status, code, answer.retryAfter);
    if (failure.failure === 'rejected' && failure.reason === 'invalid_token') {
      return 'already_invalid';
    }
    if (failure.failure === 'rejected' && failure.reason === 'invalid_request') {
      return 'not_revocable';
    }
    throw failure;
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
  refresh_token_expires_in?: unknown;
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
    ...refreshTokenExpiry(tokens.refresh_token_expires_in),
  };
}

function refreshTokenExpiry(seconds: unknown): { refreshTokenExpiresAt?: Date } {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return {};
  return { refreshTokenExpiresAt: new Date(Date.now() + seconds * 1000) };
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
  return classifyStatus(status, code, retryAfter(error));
}

/** An HTTP answer that is not a success, by its status and Google's `error` code if any. */
function classifyStatus(
  status: number,
  code: string | undefined,
  retryAfterSeconds: number | undefined,
  subtype?: string,
): GoogleCallError {
  if (status === 429 || status >= 500 || code === undefined) {
    return new GoogleCallError('transient', code ?? `http_${status}`, retryAfterSeconds);
  }
  if (code === 'invalid_grant' && subtype === 'invalid_rapt') {
    return new GoogleCallError('reauth_required', 'invalid_rapt');
  }
  if (code === 'invalid_grant') return new GoogleCallError('invalid_grant', code);
  if (status === 401 && code === 'invalid_client') {
    return new GoogleCallError('client_rejected', code);
  }
  return new GoogleCallError('rejected', /^[a-z_]{1,64}$/.test(code) ? code : `http_${status}`);
}

/** The token endpoint's answer, as sent (the fields are checked before use). */
interface RawAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  scope?: unknown;
  id_token?: unknown;
  refresh_token_expires_in?: unknown;
  error?: unknown;
  error_subtype?: unknown;
}

/** A JSON body (Google's answers and errors alike), or undefined for anything else. */
function parseJson(response: IncomingMessage, body: Buffer): unknown {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers['content-type'] ?? '')) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function transportCode(error: unknown): string {
  const code = (error as { code?: unknown; name?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code.toLowerCase();
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'network_error';
}

function retryAfter(error: GaxiosError): number | undefined {
  // A Headers object, though not always the global class (gaxios may use node-fetch's).
  const headers = error.response?.headers as { get?: (name: string) => string | null } | undefined;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  return retryAfterValue(value ?? undefined);
}

// RFC 9110 §10.2.3: delay-seconds or an HTTP-date.
function retryAfterValue(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(Math.min(seconds, 86_400)) : undefined;
}

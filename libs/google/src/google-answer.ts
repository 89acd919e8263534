import type { GoogleAnswer } from './google-http.client.js';
import { GoogleCallError } from './google.errors.js';

/**
 * Which kind of endpoint answered: Google's OAuth endpoints (token, revoke) answer errors in
 * RFC 6749 §5.2's shape (`{ "error": "invalid_grant" }`); Google APIs (Gmail) in AIP-193's
 * (`{ "error": { "code": 401, "status": "UNAUTHENTICATED" } }`), so there the status decides.
 */
export type GoogleEndpointKind = 'oauth' | 'api';

const SNAKE_CASE = /^[a-z_]{1,64}$/;

/** Whether the answer is 2xx. */
export function isSuccess(answer: GoogleAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** The answer's JSON object when it says it is JSON and is one; undefined for anything else. */
export function jsonObjectOf(answer: GoogleAnswer): Record<string, unknown> | undefined {
  const type = answer.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return undefined;
  return parseJsonObject(answer.body);
}

/** The body parsed as a JSON object, whatever the content type says; undefined otherwise. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A 2xx whose body is not what the endpoint sends (a proxy's HTML page): retry later. */
export function malformedAnswer(answer?: GoogleAnswer): GoogleCallError {
  return new GoogleCallError('google_malformed_answer', 'malformed_response', {
    upstreamStatus: answer?.status,
  });
}

/**
 * The one classification of Google's non-2xx answers (see {@link GoogleCallError}'s codes).
 * 5xx and 429 are transient with Google's `Retry-After`; so is an OAuth endpoint's 4xx without
 * Google's error JSON (not Google's answer: a proxy's). Google's `error` and `error_subtype`
 * decide the rest.
 */
export function failureOf(answer: GoogleAnswer, kind: GoogleEndpointKind): GoogleCallError {
  const status = answer.status;
  const data = jsonObjectOf(answer);
  const oauthError = typeof data?.error === 'string' ? data.error : undefined;
  const reason = oauthError !== undefined && SNAKE_CASE.test(oauthError) ? oauthError : undefined;
  const upstream = { upstreamStatus: status };
  if (status === 429 || status >= 500) {
    return new GoogleCallError(
      status === 429 ? 'google_rate_limited' : 'google_unavailable',
      reason ?? `http_${status}`,
      { ...upstream, retryAfterSeconds: retryAfterSeconds(answer.headers.get('retry-after')) },
    );
  }
  if (kind === 'api') return apiFailure(status, reason);
  if (oauthError === undefined) {
    return new GoogleCallError('google_malformed_answer', `http_${status}`, upstream);
  }
  if (oauthError === 'invalid_grant') {
    return data?.error_subtype === 'invalid_rapt'
      ? new GoogleCallError('reauth_required', 'invalid_rapt', upstream)
      : new GoogleCallError('invalid_grant', oauthError, upstream);
  }
  if (status === 401 && oauthError === 'invalid_client') {
    return new GoogleCallError('invalid_client', oauthError, upstream);
  }
  if (oauthError === 'invalid_token') {
    return new GoogleCallError('invalid_token', oauthError, upstream);
  }
  return new GoogleCallError('google_rejected', reason ?? `http_${status}`, upstream);
}

function apiFailure(status: number, reason: string | undefined): GoogleCallError {
  const upstream = { upstreamStatus: status };
  if (status === 401) return new GoogleCallError('invalid_token', `http_${status}`, upstream);
  if (status === 403) return new GoogleCallError('google_forbidden', `http_${status}`, upstream);
  return new GoogleCallError('google_rejected', reason ?? `http_${status}`, upstream);
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; capped at a day. */
export function retryAfterSeconds(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(Math.min(seconds, 86_400)) : undefined;
}

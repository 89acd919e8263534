import type { components } from './schema.js';

/** The error body every refusal of the api has (`{ statusCode, error, message, … }`). */
export type ErrorBody = components['schemas']['ErrorResponse'] & Record<string, unknown>;

/**
 * A refusal of the service API: the HTTP status, the stable `error` code to branch on, and the
 * fields some codes carry. `message` is for people; never parse it.
 *
 * - `insufficient_scope`: `missingScopes` (what the user never granted) and, where the api
 *   offers one, `consentUrl` (send the user there, then retry);
 * - `grant_revoked`: `reason` and `since`; `grant_failing`: `reason`;
 * - `upstream_unavailable` (503), `rate_limited` (429): `retryAfter`, seconds to wait;
 * - `validation_failed`: `details`.
 */
export class ServiceApiRefusal extends Error {
  override readonly name = 'ServiceApiRefusal';
  /** The stable snake_case code (`no_grant`, `insufficient_scope`, …). */
  readonly error: string;
  readonly status: number;
  readonly missingScopes: readonly string[] | undefined;
  readonly consentUrl: string | undefined;
  /** Seconds to wait before retrying, from `Retry-After` (or the body's `retry_after`). */
  readonly retryAfter: number | undefined;
  readonly reason: string | undefined;
  readonly since: string | undefined;
  readonly details: readonly string[] | undefined;
  /** The whole error body, for fields this version of the client does not name. */
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody, retryAfterHeader?: string | null) {
    super(`${status} ${body.error}: ${body.message}`);
    this.status = status;
    this.error = body.error;
    this.body = body;
    this.missingScopes = stringArray(body.missing_scopes);
    this.consentUrl = typeof body.consent_url === 'string' ? body.consent_url : undefined;
    this.retryAfter = retryAfterSeconds(retryAfterHeader) ?? numberOf(body.retry_after);
    this.reason = typeof body.reason === 'string' ? body.reason : undefined;
    this.since = typeof body.since === 'string' ? body.since : undefined;
    this.details = stringArray(body.details);
  }

  /** Whether retrying the same call later can succeed (503, 429, or a network failure). */
  get retryable(): boolean {
    return this.status === 503 || this.status === 429 || this.status === 0;
  }
}

/** Whether `error` is a refusal of the service API, optionally with the given code. */
export function isRefusal(error: unknown, code?: string): error is ServiceApiRefusal {
  return error instanceof ServiceApiRefusal && (code === undefined || error.error === code);
}

/**
 * The refusal of a non-2xx answer: `body` as parsed (openapi-fetch gives the JSON, or the text
 * when it is not JSON, e.g. a proxy's HTML page).
 */
export function refusalOf(status: number, body: unknown, headers: Headers): ServiceApiRefusal {
  const usable =
    body !== null && typeof body === 'object' && typeof (body as ErrorBody).error === 'string';
  return new ServiceApiRefusal(
    status,
    usable ? (body as ErrorBody) : unexpected(status),
    headers.get('retry-after'),
  );
}

function unexpected(status: number): ErrorBody {
  return {
    statusCode: status,
    error: 'unexpected_response',
    message: `The api answered ${status} without an error body.`,
  };
}

function stringArray(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? value
    : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `Retry-After` as seconds: a delay (RFC 9110 §10.2.3) or an HTTP date. */
function retryAfterSeconds(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

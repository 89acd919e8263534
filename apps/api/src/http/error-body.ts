import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AdminError, adminErrorStatus } from '@grantkeeper/admin';
import { AppError } from '@grantkeeper/errors';
import {
  AuthError,
  type AuthErrorCode,
  IdTokenError,
  idTokenErrorDisposition,
} from '@grantkeeper/identity';
import { OfflineAccessError, offlineAccessStatus } from '@grantkeeper/offline-access';
import { SchedulerError, schedulerErrorStatus } from '@grantkeeper/scheduler';
import { RiscError, riscErrorStatus } from '@grantkeeper/risc';

/** The one error shape of the HTTP surface. `error` is a stable snake_case code. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly requestId?: string;
  readonly details?: readonly string[];
  /** Seconds the client should wait before retrying; sent as `Retry-After`, not in the body. */
  readonly retryAfterSeconds?: number;
  /** Further members of the body, for the client to act on (a module error's `fields`). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Headers the refusal is defined with (`WWW-Authenticate`); not in the body. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Maps any thrown value to a status and a body. Unknown errors become a bare 500. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof IdTokenError) {
    const unavailable = idTokenErrorDisposition(error.code) === 'unavailable';
    return body(unavailable ? 503 : 401, error.code, error.message);
  }
  if (error instanceof AuthError) return body(authStatus(error.code), error.code, error.message);
  if (error instanceof OfflineAccessError) {
    const status = offlineAccessStatus(error.code);
    const retryAfterSeconds = status === 503 ? (error.retryAfterSeconds ?? 5) : undefined;
    return { ...body(status, error.code, error.message), retryAfterSeconds };
  }
  if (error instanceof RiscError) {
    const status = riscErrorStatus(error.code);
    return {
      ...body(status, error.code, error.message),
      ...(status === 503 ? { retryAfterSeconds: 5 } : {}),
    };
  }
  if (error instanceof ThrottlerException) {
    return body(429, 'rate_limited', 'Too many requests; retry after the Retry-After delay.');
  }
  if (error instanceof AdminError) {
    return body(adminErrorStatus(error.code), error.code, error.message);
  }
  if (error instanceof SchedulerError) {
    return body(schedulerErrorStatus(error.code), error.code, error.message);
  }
  // Every module error on the shared base (libs/google's, should one escape its caller): the
  // status from the module's own table.
  if (error instanceof AppError) return fromAppError(error as AppError);
  // Nest wraps Fastify's own 4xx errors (body parsing, limits) in an HttpException.
  const fastify = fromFastifyError(error instanceof HttpException ? error.cause : error);
  if (fastify) return fastify;
  if (error instanceof HttpException) return fromHttpException(error);
  return body(500, 'internal_error', 'Something went wrong on our side.');
}

function fromAppError(error: AppError): ErrorBody {
  const { status, retryAfterSeconds, fields, headers } = error;
  return {
    ...body(status, error.code, error.message),
    retryAfterSeconds: status === 503 ? (retryAfterSeconds ?? 5) : retryAfterSeconds,
    ...(fields ? { fields } : {}),
    ...(headers ? { headers } : {}),
  };
}

function authStatus(code: AuthErrorCode): number {
  switch (code ?? '') {
    case 'authentication_required':
    case 'session_invalid':
    case 'wrong_hosted_domain':
      return 401;
    case 'csrf_token_missing':
      return 400;
    case 'csrf_token_mismatch':
    case 'cross_origin_request':
    case 'forbidden':
      return 403;
    case 'consent_required':
      return 409;
  }
}

function fromHttpException(error: HttpException): ErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  const payload = typeof response === 'object' && response !== null ? response : {};
  const code = (payload as { error?: unknown }).error;
  const message = (payload as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return {
      ...body(status, 'validation_failed', 'The request is invalid.'),
      details: message.map(String),
    };
  }
  const stableCode =
    typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) ? code : snake(status);
  return body(status, stableCode, typeof message === 'string' ? message : error.message);
}

/** Errors raised by Fastify itself before a route runs (body parsing, limits, media types). */
function fromFastifyError(error: unknown): ErrorBody | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, statusCode } = error as Error & { code?: string; statusCode?: number };
  switch (code ?? '') {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return body(413, 'payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return body(415, 'unsupported_media_type', 'Send application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return body(400, 'invalid_json', 'The request body is not valid JSON.');
    case 'GK_JSON_TOO_DEEP':
      return body(400, 'json_too_deep', 'The request body is nested too deeply.');
    default:
      if (error instanceof SyntaxError && statusCode === 400) {
        return body(400, 'invalid_json', 'The request body is not valid JSON.');
      }
      return undefined;
  }
}

function snake(status: number): string {
  const name = (HttpStatus as unknown as Record<number, string>)[status] ?? 'error';
  return name.toLowerCase();
}

function body(statusCode: number, error: string, message: string): ErrorBody {
  return { statusCode, error, message };
}

import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AppError } from '@grantkeeper/errors';

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
  if (error instanceof AppError) return fromAppError(error);
  if (error instanceof ThrottlerException) {
    return body(429, 'rate_limited', 'Too many requests; retry after the Retry-After delay.');
  }
  // Nest wraps Fastify's own 4xx errors (body parsing, limits) in an HttpException.
  const fastify = fromFastifyError(error instanceof HttpException ? error.cause : error);
  if (fastify) return fastify;
  if (error instanceof HttpException) return fromHttpException(error);
  return internalError();
}

/**
 * A module error answers with the status its module's table gives its code. A 500 there is our
 * own fault (the vault's): the client gets the generic body, the log gets the error.
 */
function fromAppError<Code extends string>(error: AppError<Code>): ErrorBody {
  const status = error.status;
  if (status === 500) return internalError();
  const { retryAfterSeconds, fields, headers } = error;
  return {
    ...body(status, error.code, error.message),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(fields ? { fields } : {}),
    ...(headers ? { headers } : {}),
  };
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

function internalError(): ErrorBody {
  return body(500, 'internal_error', 'Something went wrong on our side.');
}

function body(statusCode: number, error: string, message: string): ErrorBody {
  return { statusCode, error, message };
}

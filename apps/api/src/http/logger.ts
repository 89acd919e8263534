import { hostname } from 'node:os';
import type { AppConfig } from '@grantkeeper/config';
import { type Logger, type LoggerOptions, pino } from 'pino';
import { escapeLogArguments, PRETTY_OPTIONS, requestIdMixin } from './log-context.js';
import { bufferedStdout } from './log-destination.js';
import { LOG_REDACT_PATHS, redactUrl } from './log-redaction.js';

interface LoggedRequest {
  readonly method: string;
  readonly url: string;
}

export interface ApiLoggers {
  /** Everything the application logs (through nestjs-pino); secret-looking fields are redacted. */
  readonly app: Logger;
  /**
   * Fastify's per-request logger. Its lines have a fixed shape (id, method, URL with secret query
   * values replaced, status, time) that carries no headers or bodies, so it skips pino's
   * wildcard redaction, which cost 7% of the guarded /api/v1/me throughput.
   */
  readonly http: Logger;
  /**
   * Writes the access line of a finished request (at info; check `http.isLevelEnabled('info')`
   * first): the line pino would write for `http.info({ reqId, req, res, responseTime },
   * 'request')`, made by hand (see {@link accessLine}).
   */
  readonly access: (request: AccessRequest, statusCode: number, responseTime: number) => void;
}

/** What the access line says of a request. */
export interface AccessRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/**
 * The api's pino loggers, writing to one shared destination: JSON lines on stdout, buffered
 * (log-destination.ts), or one pino-pretty worker in development (not one per logger).
 */
export function createLoggers(config: AppConfig): ApiLoggers {
  const destination =
    config.env === 'development'
      ? pino.transport({ target: 'pino-pretty', options: PRETTY_OPTIONS })
      : bufferedStdout();
  const level = config.logLevel;
  const base = `{"level":30,"time":`;
  const host = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"reqId":`;
  return {
    access: (request, statusCode, responseTime) =>
      destination.write(accessLine(base, host, request, statusCode, responseTime)),
    app: pino(appLoggerOptions(level), destination),
    http: pino(
      {
        level,
        serializers: {
          // The id is the line's `reqId`.
          req: (request: LoggedRequest) => ({
            method: request.method,
            url: redactUrl(request.url),
          }),
          res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
        },
      },
      destination,
    ),
  };
}

/**
 * One access line as JSON text, with the fields and order of pino's line for the same record
 * (level, time, pid, hostname, reqId, req, res, responseTime, msg): one string built per request
 * instead of pino's serializers, its generic JSON walk and their garbage, which made the default
 * LOG_LEVEL=info cost a third of the api's capacity (docs/BENCHMARKS.md). The URL (secret query
 * values replaced) and the method go through JSON.stringify, so no request can break the line;
 * request ids are `[A-Za-z0-9._:-]` only (request-id.ts).
 */
export function accessLine(
  base: string,
  host: string,
  request: AccessRequest,
  statusCode: number,
  responseTime: number,
): string {
  return (
    `${base}${Date.now()}${host}"${request.id}","req":{"method":${jsonString(request.method)},` +
    `"url":${jsonString(redactUrl(request.url))}},"res":{"statusCode":${statusCode}},` +
    `"responseTime":${responseTime},"msg":"request"}\n`
  );
}

/** What JSON.stringify escapes in a string that cannot hold lone surrogates (Node reads URLs as latin1). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f]/;

/**
 * A string as JSON text. Nearly every method and URL has nothing to escape, and testing for that
 * is cheaper per request than JSON.stringify's copy; the rest go through JSON.stringify.
 */
export function jsonString(value: string): string {
  return JSON_ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** The application logger: redacted, with the request id, and no forged lines. */
export function appLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    mixin: requestIdMixin,
    hooks: { logMethod: escapeLogArguments },
  };
}

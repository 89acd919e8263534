import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { messagesFor, pickLanguage } from '../pages/messages.js';
import { renderErrorPage } from '../pages/templates.js';
import { toErrorBody } from './error-body.js';

/**
 * Writes an error response. Browsers navigating to a page get a small HTML page with the same
 * code; everything else gets JSON. Server errors are logged with the request id; the client
 * gets the id, not the stack.
 */
export function sendError(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: LoggerService,
): void {
  const { retryAfterSeconds, fields, headers, ...error } = toErrorBody(exception);
  const requestId = String(request.id);
  if (error.statusCode >= 500 && error.error === 'internal_error') {
    logger.error({ err: exception, requestId }, 'Unhandled error');
  }
  if (reply.sent) return;
  // The fields first: they add to the stable members, never replace one.
  const payload = { ...fields, ...error, ...(error.statusCode >= 500 ? { requestId } : {}) };
  void reply.status(error.statusCode);
  if (headers) void reply.headers(headers);
  if (error.statusCode === 429) setRetryAfter(reply);
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  if (wantsHtml(request)) {
    const messages = messagesFor(pickLanguage(request.headers['accept-language']));
    void reply
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(payload, messages));
  } else {
    void reply.type('application/json; charset=utf-8').send(payload);
  }
}

/**
 * @nestjs/throttler names its header after the throttler (`Retry-After-sign-in`); clients and
 * proxies look for the standard `Retry-After`.
 */
function setRetryAfter(reply: FastifyReply): void {
  void reply.header('cache-control', 'no-store');
  if (reply.hasHeader('retry-after')) return;
  const named = Object.keys(reply.getHeaders()).find((name) => name.startsWith('retry-after-'));
  if (named) void reply.header('retry-after', reply.getHeader(named));
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !request.url.startsWith('/api/');
}

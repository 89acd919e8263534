import type { FastifyRequest } from 'fastify';
import type { AuditRequestContext } from './audit.service.js';

/** The request id, client address and user agent of a request, for its audit events. */
export function auditContextOf(request: FastifyRequest): AuditRequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}

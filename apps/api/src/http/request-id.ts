import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ASSIGNED = Symbol('grantkeeper.requestId');

type WithRequestId = IncomingMessage & { [ASSIGNED]?: string };

/**
 * One id per request, shared by Fastify (`request.id`, audit events) and the pino logger: a
 * well-formed incoming `X-Request-Id` from a proxy is kept, anything else gets a new UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const raw = request as WithRequestId;
  if (raw[ASSIGNED]) return raw[ASSIGNED];
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  raw[ASSIGNED] = id;
  return id;
}

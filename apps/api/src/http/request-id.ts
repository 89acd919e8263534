import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const ASSIGNED = Symbol('grantkeeper.requestId');

type WithRequestId = IncomingMessage & { [ASSIGNED]?: string };

/**
 * One id per request, shared by Fastify (`request.id`, audit events) and the pino logger: a
 * well-formed incoming `X-Request-Id` from a proxy is kept, anything else gets a new id.
 */
export function requestIdOf(request: IncomingMessage): string {
  const raw = request as WithRequestId;
  if (raw[ASSIGNED]) return raw[ASSIGNED];
  const incoming = request.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : nextRequestId();
  raw[ASSIGNED] = id;
  return id;
}

/**
 * A new request id: a UUID (RFC 9562 version 8, the layout left to the implementation) made of
 * 74 random bits drawn once per process and a 48-bit counter. Unique within the process by the
 * counter and across processes by the random part (a collision between two processes needs the
 * same 74 random bits); cheaper than a random UUID per request (~0.5 µs of a guarded request).
 * Request ids correlate logs and answers and are not secrets: a later id is predictable from an
 * earlier one of the same process, by design.
 */
export function nextRequestId(): string {
  counter = counter === MAX_COUNTER ? 0 : counter + 1;
  return PREFIX + counter.toString(16).padStart(12, '0');
}

const MAX_COUNTER = 2 ** 48 - 1;
let counter = 0;
// xxxxxxxx-xxxx-8xxx-vxxx- : version 8, variant 0b10 in the top bits of v.
const PREFIX = ((): string => {
  const hex = randomBytes(10).toString('hex');
  const variant = ((parseInt(hex[15], 16) & 0b0011) | 0b1000).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(12, 15)}-${variant}${hex.slice(16, 19)}-`;
})();

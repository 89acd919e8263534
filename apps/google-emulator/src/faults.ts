import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallEntry, CallLog } from './call-log.js';

/** What the next matching requests get instead of (or before) the real answer. */
export interface FaultSpec {
  /** Exact path, or a prefix ending in `*` (`/gmail/v1/*`). */
  path: string;
  /** Any method when absent. */
  method?: string;
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer: the connection stays open until the client gives up. */
  hang?: boolean;
  /** How many requests it applies to; 0 = until cleared. */
  times: number;
}

/** A fault as `/__control/faults` reports it. */
export interface FaultView {
  id: number;
  path: string;
  method: string | null;
  status: number | null;
  delay_ms: number | null;
  hang: boolean;
  times: number;
  remaining: number | null;
}

interface ActiveFault extends FaultSpec {
  id: number;
  used: number;
}

export const CONTROL_PREFIX = '/__control/';

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private readonly heldOpen = new Set<Socket>();
  private nextId = 1;

  add(spec: FaultSpec): FaultView {
    const fault: ActiveFault = { ...spec, id: this.nextId++, used: 0 };
    this.faults.push(fault);
    return view(fault);
  }

  list(): FaultView[] {
    return this.faults.map(view);
  }

  /** Consumes one use of the first fault matching the request, first added first. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find((f) => matches(f, method, path));
    if (!fault) return undefined;
    fault.used += 1;
    if (fault.times !== 0 && fault.used >= fault.times) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }

  /** Removes every fault and drops the connections hang faults were holding open. */
  clear(): void {
    this.faults = [];
    for (const socket of this.heldOpen) socket.destroy();
    this.heldOpen.clear();
  }

  holdOpen(socket: Socket): void {
    this.heldOpen.add(socket);
    socket.once('close', () => this.heldOpen.delete(socket));
  }
}

function matches(fault: FaultSpec, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method !== method) return false;
  return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : fault.path === path;
}

function view(fault: ActiveFault): FaultView {
  return {
    id: fault.id,
    path: fault.path,
    method: fault.method ?? null,
    status: fault.status ?? null,
    delay_ms: fault.delayMs ?? null,
    hang: fault.hang ?? false,
    times: fault.times,
    remaining: fault.times === 0 ? null : fault.times - fault.used,
  };
}

function sendFault(reply: FastifyReply, fault: FaultSpec & { status: number }): FastifyReply {
  const text = typeof fault.body === 'string';
  const body =
    fault.body === undefined
      ? {
          error: (STATUS_CODES[fault.status] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
          error_description: `HTTP ${fault.status} injected by the Google emulator`,
        }
      : fault.body;
  return reply
    .code(fault.status)
    .headers(fault.headers ?? {})
    .type(
      fault.contentType ?? (text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
    )
    .send(text ? body : JSON.stringify(body));
}

/**
 * Fault injection and the call log as root hooks, so every endpoint — including ones added later
 * and unknown paths — is covered without each route opting in. `/__control/` is exempt from both.
 */
export function installFaultHooks(
  app: FastifyInstance,
  faults: FaultInjector,
  calls: CallLog,
): void {
  const entries = new WeakMap<FastifyRequest, CallEntry>();

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (path.startsWith(CONTROL_PREFIX)) return;
    entries.set(request, calls.record(request.method, request.url));
    const fault = faults.take(request.method, path);
    if (!fault) return;
    if (fault.hang) {
      reply.hijack();
      faults.holdOpen(request.raw.socket);
      return reply;
    }
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.status !== undefined) return sendFault(reply, { ...fault, status: fault.status });
  });

  // Where a credential came (body or query) matters to tests; its value never goes in the log.
  app.addHook('preHandler', (request, _reply, done) => {
    const entry = entries.get(request);
    const body: unknown = request.body;
    if (entry && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      entry.body_fields = Object.keys(body).sort();
    }
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const entry = entries.get(request);
    if (entry) entry.status = reply.statusCode;
    done();
  });

  app.addHook('preClose', (done) => {
    faults.clear();
    done();
  });
}

import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

/**
 * Request count and latency by method, route and status: one histogram (its `_count` is the
 * request count). The route is the pattern (`/api/v1/grants/:id`), never the raw URL, so ids
 * and query strings neither inflate the series nor leak into the metrics; requests no route
 * matched share `unmatched`. Observed in onSend, the hook the access line already uses.
 */
export function registerHttpMetrics(fastify: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'grantkeeper_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, and their time to the response',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done(null, payload);
  });
}

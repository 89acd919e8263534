import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Streams `lines` as a CSV download named `filename`, never cached (the admin exports). */
export function sendCsvAttachment(
  reply: FastifyReply,
  filename: string,
  lines: AsyncIterable<string>,
): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(lines));
}

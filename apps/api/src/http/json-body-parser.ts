import type { FastifyInstance } from 'fastify';

/** Deeper JSON than this is refused before JSON.parse ever sees it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Replaces Fastify's JSON parser with one that refuses deeply nested documents (a cheap scan,
 * no recursion) and still strips `__proto__`/`constructor` keys via Fastify's secure parsing.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseSecurely = app.getDefaultJsonParser('error', 'error');
  if (app.hasContentTypeParser('application/json')) app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      const error = Object.assign(new Error('JSON nested too deeply'), {
        code: 'GK_JSON_TOO_DEEP',
        statusCode: 400,
      });
      done(error, undefined);
      return;
    }
    void parseSecurely(request, text, done);
  });
}

/** Maximum bracket depth outside strings. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

import type { FastifyReply } from 'fastify';

/** What a bucket said about one request: the count so far and the seconds its window has left. */
export interface RateLimitCount {
  readonly totalHits: number;
  readonly timeToExpire: number;
}

/**
 * The IETF header fields of one named limit (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Policy: "sign-in";q=10;w=60` and `RateLimit: "sign-in";r=3;t=42`. A request that
 * counts against several limits gets one list item per limit, in the order they were counted.
 */
export function setRateLimitHeaders(
  reply: FastifyReply,
  name: string,
  limit: number,
  windowMs: number,
  count: RateLimitCount,
): void {
  const append = (header: string, item: string) => {
    const before = reply.getHeader(header);
    void reply.header(header, typeof before === 'string' && before ? `${before}, ${item}` : item);
  };
  append('ratelimit-policy', `"${name}";q=${limit};w=${Math.ceil(windowMs / 1000)}`);
  append(
    'ratelimit',
    `"${name}";r=${Math.max(0, limit - count.totalHits)};t=${count.timeToExpire}`,
  );
}

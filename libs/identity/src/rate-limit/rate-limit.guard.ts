import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { setRateLimitHeaders } from './rate-limit-headers.js';

/**
 * @nestjs/throttler's guard with the IETF header fields (draft-ietf-httpapi-ratelimit-headers:
 * `RateLimit-Policy: "sign-in";q=10;w=60` and `RateLimit: "sign-in";r=3;t=42`) and a standard
 * `Retry-After` on 429, instead of its `X-RateLimit-*-<name>` and `Retry-After-<name>`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = props;
    const name = throttler.name ?? 'default';
    const { req, res } = this.getRequestResponse(context);
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const reply = res as FastifyReply;
    setRateLimitHeaders(reply, name, limit, ttl, record);
    if (record.isBlocked) {
      void reply.header('retry-after', String(record.timeToBlockExpire));
      await this.throwThrottlingException(context, { ...record, limit, ttl, key, tracker });
    }
    return true;
  }
}

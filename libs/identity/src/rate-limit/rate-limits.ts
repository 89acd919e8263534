import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, type ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@grantkeeper/config';
import { RateLimitGuard } from './rate-limit.guard.js';

/**
 * The named limits of the one throttler configuration (IdentityModule). Each guarded route
 * counts against exactly one of them, per client address (`request.ip`, which honours
 * `X-Forwarded-For` only from the proxies in TRUST_PROXY).
 */
export const RATE_LIMIT_NAMES = ['sign-in', 'offline-access'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

const WINDOW_MS = 60_000;

export function rateLimitThrottlers(limits: AppConfig['rateLimit']): ThrottlerOptions[] {
  const perMinute: Record<RateLimitName, number> = {
    'sign-in': limits.signInPerMinute,
    'offline-access': limits.offlineAccessPerMinute,
  };
  return RATE_LIMIT_NAMES.map((name) => ({ name, ttl: WINDOW_MS, limit: perMinute[name] }));
}

/** Guards a route (or controller) with the named limit and skips the others. */
export function RateLimited(name: RateLimitName): MethodDecorator & ClassDecorator {
  const others = RATE_LIMIT_NAMES.filter((other) => other !== name);
  return applyDecorators(
    UseGuards(RateLimitGuard),
    SkipThrottle(Object.fromEntries(others.map((other) => [other, true]))),
  );
}

import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getStorageToken } from '@nestjs/throttler';
import {
  type PostgresThrottlerStorage,
  setRateLimitHeaders,
  UsersService,
} from '@grantkeeper/identity';
import { isUuid } from '@grantkeeper/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IssuanceControls } from './issuance-controls.js';
import { ServiceControlsService } from './service-controls.service.js';
import type { ServicePrincipal } from './service-client.js';
import { ServiceApiError } from './service-api.errors.js';

const WINDOW_MS = 60_000;
/** The names of the two limits in the `RateLimit` and `RateLimit-Policy` fields. */
export const SERVICE_LIMIT = 'service';
export const SERVICE_USER_LIMIT = 'service-user';

/**
 * The service API's rate limits, counted in identity's PostgreSQL buckets (the table every
 * instance shares, so N instances allow a limit once): per client, every authenticated call;
 * per client and user, the calls that act for a user (token requests). The limits are the
 * client's own, set by an admin, or the configured defaults.
 */
@Injectable()
export class ServiceRateLimiter {
  constructor(
    @Inject(getStorageToken()) private readonly storage: PostgresThrottlerStorage,
    private readonly controls: IssuanceControls,
  ) {}

  /** Counts one call of the client; 429 `rate_limited` past its limit. */
  async countClient(service: ServicePrincipal, reply: FastifyReply): Promise<void> {
    const { perMinute } = await this.controls.limitsFor(service.client.id);
    const record = await this.storage.increment(clientKey(service), WINDOW_MS, perMinute);
    settle(record, SERVICE_LIMIT, perMinute, reply, 'service');
  }

  /**
   * Counts one call of the client, and of the client for the user when the client is within its
   * own limit (a call the client's limit refuses uses none of the user's): one statement for
   * both buckets. 429 `rate_limited` past either limit, the client's first.
   */
  async countClientAndUser(
    service: ServicePrincipal,
    userId: string,
    reply: FastifyReply,
  ): Promise<void> {
    const { perMinute, perUserPerMinute } = await this.controls.limitsFor(service.client.id);
    const [client, user] = await this.storage.incrementNested(
      { key: clientKey(service), limit: perMinute },
      { key: `${clientKey(service)}:user:${userId}`, limit: perUserPerMinute },
      WINDOW_MS,
    );
    settle(client, SERVICE_LIMIT, perMinute, reply, 'service');
    if (user) settle(user, SERVICE_USER_LIMIT, perUserPerMinute, reply, 'user');
  }
}

function clientKey(service: ServicePrincipal): string {
  return `service:${service.client.id}`;
}

function settle(
  record: Awaited<ReturnType<PostgresThrottlerStorage['increment']>>,
  name: string,
  limit: number,
  reply: FastifyReply,
  bucket: 'service' | 'user',
): void {
  setRateLimitHeaders(reply, name, limit, WINDOW_MS, record);
  if (record.isBlocked) {
    throw new ServiceApiError(
      'rate_limited',
      bucket === 'service'
        ? 'This service is over its rate limit; retry after the Retry-After delay.'
        : 'This service is over its rate limit for this user; retry after the Retry-After delay.',
      { retryAfterSeconds: record.timeToBlockExpire, fields: { limit: name } },
    );
  }
}

const PER_USER = 'grantkeeper:service-rate-limited-per-user';

/**
 * Counts every authenticated service API call against the client's bucket. It runs after
 * ServiceAuthGuard: a flood without a valid credential never reaches a client's budget (the
 * per-address limits are for that). A route marked {@link RateLimitedPerUser} is counted also
 * against the (client, user) bucket of the user its JSON body names (`user: { id } |
 * { google_sub }`), in the same statement; a user who is not found is not counted (the call is
 * refused as `no_grant` anyway, within the client's limit).
 */
@Injectable()
export class ServiceRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: ServiceRateLimiter,
    private readonly users: UsersService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.service) return true;
    const perUser = this.reflector.get<boolean | undefined>(PER_USER, context.getHandler());
    const userId = perUser ? await this.userIdOf(request.body) : undefined;
    if (userId) {
      await this.limiter.countClientAndUser(request.service, userId, http.getResponse());
    } else {
      await this.limiter.countClient(request.service, http.getResponse());
    }
    return true;
  }

  /** Our id for the body's user reference; the body is not validated yet (guards run first). */
  private async userIdOf(body: unknown): Promise<string | undefined> {
    const user = (body as { user?: unknown } | null)?.user;
    if (typeof user !== 'object' || user === null) return undefined;
    const { id, google_sub: googleSub } = user as { id?: unknown; google_sub?: unknown };
    if (typeof id === 'string' && googleSub === undefined) {
      return isUuid(id) ? id.toLowerCase() : undefined;
    }
    if (typeof googleSub === 'string' && id === undefined && /^\d{1,64}$/.test(googleSub)) {
      return (await this.users.findByGoogleSub(googleSub))?.id;
    }
    return undefined;
  }
}

/**
 * A route that acts for the user its body names: counted per client and user on top of the
 * client's own bucket (token requests, consent requests), by ServiceRateLimitGuard.
 */
export const RateLimitedPerUser = (): MethodDecorator => SetMetadata(PER_USER, true);

/** The module's providers for its limits and kill switches. */
export const SERVICE_LIMITS_PROVIDERS = [
  IssuanceControls,
  ServiceControlsService,
  ServiceRateLimiter,
  ServiceRateLimitGuard,
];

import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService } from '@grantkeeper/config';
import type { FastifyRequest } from 'fastify';
import { assertSameSiteRequest, type SameSiteRequestOptions } from './same-site-request.js';

export const SAME_SITE_KEY = 'grantkeeper:same-site';

/**
 * The one same-site (CSRF) check of state-changing routes (`assertSameSiteRequest`), applied by
 * `@SameSiteRequest()`. Runs after the global authentication guard, so `request.user` says
 * whether a Bearer token or the session cookie authenticated the request.
 */
@Injectable()
export class SameSiteGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService,
  ) {
    this.publicOrigin = new URL(config.get('publicUrl')).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const options = this.reflector.getAllAndOverride<SameSiteRequestOptions | undefined>(
      SAME_SITE_KEY,
      [context.getHandler(), context.getClass()],
    );
    assertSameSiteRequest(
      context.switchToHttp().getRequest<FastifyRequest>(),
      this.publicOrigin,
      options,
    );
    return true;
  }
}

/**
 * Requires that a route's (or a controller's) state-changing requests come from our own pages,
 * unless a Bearer token authenticated them; GET, HEAD and OPTIONS always pass. Refusals are 403
 * `cross_site_request` (and, for GIS form posts to the sign-in route, `csrf_token_missing` 400
 * or `csrf_token_mismatch` 403).
 *
 * Guards run from the decorator nearest the method outwards: put this one above `@RateLimited()`
 * so that refused requests still count against the limit.
 *
 * @example
 * ```ts
 * @Delete()
 * @SameSiteRequest()
 * disconnect(@CurrentUser() user: AuthenticatedUser) { … }
 * ```
 */
export function SameSiteRequest(
  options: SameSiteRequestOptions = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SAME_SITE_KEY, options), UseGuards(SameSiteGuard));
}

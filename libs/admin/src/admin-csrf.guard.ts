import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@grantkeeper/config';
import { assertSameSiteXhr } from '@grantkeeper/offline-access';
import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing admin requests made with the session cookie must come from our own page
 * (`X-Requested-With: XmlHttpRequest`, same-origin `Origin`). A Bearer token is not sent by
 * browsers on their own, so such callers can't be forged cross-site and need no check.
 * Runs after the global authentication guard, so `request.user` is set.
 */
@Injectable()
export class AdminCsrfGuard implements CanActivate {
  private readonly publicOrigin: string;

  constructor(config: ConfigService) {
    this.publicOrigin = new URL(config.get('publicUrl')).origin;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method) || request.user?.via === 'bearer') return true;
    assertSameSiteXhr(request, this.publicOrigin);
    return true;
  }
}

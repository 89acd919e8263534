import {
  applyDecorators,
  type CanActivate,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '@grantkeeper/identity';
import type { FastifyRequest } from 'fastify';
import { ACCESS_TOKEN_PREFIX, ServiceAccessTokens } from './access-tokens.js';
import { KEY_PREFIX } from './api-key.js';
import type { ServiceApiScope, ServicePrincipal } from './service-client.js';
import { ServiceCredentials } from './service-credentials.js';
import { ServiceRateLimitGuard } from './service-rate-limits.js';
import {
  invalidCredentials,
  SERVICE_API_CHALLENGE,
  ServiceApiError,
} from './service-api.errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The service calling a service API route, once its credential passed. */
    service?: ServicePrincipal;
  }
}

const API_SCOPE_KEY = 'grantkeeper:service-api-scope';
// RFC 6750 §2.1: the scheme is case-insensitive, then one space, then the token.
const BEARER = /^Bearer ([^\s]+)$/i;
/** Query parameters a key would be sent in by mistake (RFC 6750 §2.3 allows `access_token`). */
const KEY_PARAMETERS = ['access_token', 'api_key', 'apikey', 'key', 'token'];

/** The OpenAPI name of the service API's security scheme. */
export const SERVICE_API_KEY_SCHEME = 'serviceApiKey';

/** The API scope a route needs on top of a valid credential (403 `insufficient_api_scope`). */
export const RequireApiScope = (scope: ServiceApiScope): MethodDecorator =>
  SetMetadata(API_SCOPE_KEY, scope);

/** The calling service of a service API route. */
export const CurrentService = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ServicePrincipal =>
    context.switchToHttp().getRequest<FastifyRequest>().service as ServicePrincipal,
);

/**
 * A service API controller under `/api/v1/`: no user session (the global user guard lets it
 * through as public), a service credential instead, documented under `service`.
 */
export function ServiceApiController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/v1/${path}`.replace(/\/$/, '')),
    Public(),
    // Authenticated first, then counted: see ServiceRateLimitGuard.
    UseGuards(ServiceAuthGuard, ServiceRateLimitGuard),
    ApiTags('service'),
    ApiBearerAuth(SERVICE_API_KEY_SCHEME),
    ApiUnauthorizedResponse({ description: '`invalid_credentials`' }),
    ApiForbiddenResponse({
      description: '`insufficient_api_scope`, `address_not_allowed`, and the route’s own refusals',
    }),
  );
}

/**
 * Admits a request carrying a valid service credential: an API key (`Authorization: Bearer
 * gk_…`) or an access token from `POST /api/v1/oauth/token` (`Bearer gkat_…`).
 */
@Injectable()
export class ServiceAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: ServiceCredentials,
    private readonly accessTokens: ServiceAccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    refuseKeyInQuery(request);
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const ip = clientAddress(request.ip);
    const principal = bearer?.startsWith(ACCESS_TOKEN_PREFIX)
      ? await this.accessTokens.authenticate(bearer, ip)
      : bearer?.startsWith(KEY_PREFIX)
        ? await this.credentials.authenticate(bearer, ip)
        : undefined;
    if (!principal) {
      throw invalidCredentials('Send the API key as a Bearer token.', bearer !== undefined);
    }
    const needed = this.reflector.get<ServiceApiScope | undefined>(
      API_SCOPE_KEY,
      context.getHandler(),
    );
    if (needed && !principal.apiScopes.has(needed)) {
      throw new ServiceApiError(
        'insufficient_api_scope',
        `The credential lacks the API scope ${needed}.`,
        {
          headers: {
            'www-authenticate': `${SERVICE_API_CHALLENGE}, error="insufficient_scope", scope="${needed}"`,
          },
        },
      );
    }
    request.service = principal;
    return true;
  }
}

/**
 * A key in a URL lands in access logs, proxies and browser history: refused outright, whatever
 * else the request carries, so the mistake is found on the first call.
 */
function refuseKeyInQuery(request: FastifyRequest): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const leaked = Object.entries(query).some(
    ([name, value]) =>
      KEY_PARAMETERS.includes(name.toLowerCase()) ||
      (typeof value === 'string' &&
        (value.startsWith(KEY_PREFIX) || value.startsWith(ACCESS_TOKEN_PREFIX))),
  );
  if (leaked) {
    throw new ServiceApiError(
      'credentials_in_query',
      'Never put a credential in the URL: send it in the Authorization header. Revoke this key.',
    );
  }
}

/** An IPv4 peer as Node reports it on a dual-stack socket (`::ffff:10.0.0.1`), unwrapped. */
export function clientAddress(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

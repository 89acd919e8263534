import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { UserRole } from './user.entity.js';

export const IS_PUBLIC_KEY = 'grantkeeper:public';
export const REQUIRED_ROLE_KEY = 'grantkeeper:role';

/** Opens a route to anonymous callers. Every other route requires authentication. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** Requires a role on top of authentication (403 `forbidden` otherwise). */
export const RequireRole = (role: UserRole): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLE_KEY, role);

/** The authenticated user of the request (undefined only on public routes). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<FastifyRequest>().user,
);

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthenticatedUser;
  }
}

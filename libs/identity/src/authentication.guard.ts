import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService } from '@grantkeeper/config';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC_KEY, REQUIRED_ROLE_KEY } from './auth.decorators.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { GoogleIdTokenVerifier } from './google-id-token.verifier.js';
import { AuthError } from './identity.errors.js';
import { SessionsService } from './sessions.service.js';
import type { SessionEntity } from './session.entity.js';
import type { UserEntity, UserRole } from './user.entity.js';
import { UsersService } from './users.service.js';

/**
 * The global guard (APP_GUARD): every route needs the session cookie or
 * `Authorization: Bearer <Google ID token>` unless it is marked `@Public()`.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly cookieName: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly verifier: GoogleIdTokenVerifier,
    config: ConfigService,
  ) {
    this.cookieName = config.get('session').cookieName;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      // Public pages still like to know who is there; a bad cookie is simply ignored.
      request.user = (await this.fromSession(request)) ?? undefined;
      return true;
    }
    const user = (await this.fromBearer(request)) ?? (await this.fromSession(request));
    if (!user) throw new AuthError('authentication_required', 'Sign in to continue.');
    request.user = user;
    const role = this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE_KEY, targets);
    if (role && user.role !== role) {
      throw new AuthError('forbidden', 'You do not have access to this resource.');
    }
    return true;
  }

  private async fromBearer(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const header = request.headers.authorization;
    if (header === undefined) return null;
    const match = /^Bearer ([^\s]+)$/i.exec(header);
    if (!match) {
      throw new AuthError('authentication_required', 'Authorization must be "Bearer <ID token>".');
    }
    const token = await this.verifier.verify(match[1]);
    return toAuthenticatedUser(await this.users.fromBearerToken(token), 'bearer');
  }

  private async fromSession(request: FastifyRequest): Promise<AuthenticatedUser | null> {
    const cookie = request.cookies[this.cookieName];
    if (!cookie) return null;
    const found = await this.sessions.resolve(cookie);
    return found ? toAuthenticatedUser(found.user, 'session', found.session) : null;
  }
}

export function toAuthenticatedUser(
  user: UserEntity,
  via: AuthenticatedUser['via'],
  session?: SessionEntity,
): AuthenticatedUser {
  return {
    id: user.id,
    googleSub: user.googleSub,
    email: user.email,
    emailVerified: user.emailVerified,
    name: user.name,
    givenName: user.givenName,
    familyName: user.familyName,
    picture: user.picture,
    hd: user.hd,
    role: user.role,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    via,
    sessionId: session?.id,
  };
}

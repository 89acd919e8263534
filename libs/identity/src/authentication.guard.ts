import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService, auditContextOf } from '@grantkeeper/audit';
import { ConfigService } from '@grantkeeper/config';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC_KEY, REQUIRED_ROLE_KEY } from './auth.decorators.js';
import { type AuthenticatedUser, toAuthenticatedUser } from './authenticated-user.js';
import { GoogleIdTokenVerifier, type VerifiedIdToken } from './google-id-token.verifier.js';
import { AuthError } from './identity.errors.js';
import { SessionsService } from './sessions.service.js';
import type { UserRole } from './user.entity.js';
import { UsersService } from './users.service.js';

/** What a route asks of its caller, read once from its decorators. */
interface RoutePolicy {
  readonly isPublic: boolean;
  readonly role: UserRole | undefined;
}

/** The last Bearer header a connection presented, and its verified claims. */
interface ConnectionBearer {
  readonly header: string;
  readonly claims: VerifiedIdToken;
}

/** A session's user outside the hosted domain; also the session's revocation reason. */
const OUTSIDE_DOMAIN = 'outside_hosted_domain';

// RFC 6750 §2.1: the scheme is case-insensitive, then one space, then a token without whitespace.
const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * The global guard (APP_GUARD): every route needs the session cookie or
 * `Authorization: Bearer <Google ID token>` unless it is marked `@Public()`.
 *
 * A Bearer caller whose token and user are already cached is admitted synchronously: API
 * callers send the same ID token on every request for up to an hour, and this is the hot path
 * of the service API (measured in bench/http.bench.ts).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly cookieName: string;
  // Decorator metadata never changes after start-up, and Reflector walks prototype chains.
  private readonly policies = new WeakMap<object, WeakMap<object, RoutePolicy>>();
  // A keep-alive client sends the same header on every request of a connection; comparing it
  // with the previous one is cheaper than hashing it for the verified-token cache. Holds the
  // header only as long as the connection that sent it.
  private readonly lastBearer = new WeakMap<object, ConnectionBearer>();

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly verifier: GoogleIdTokenVerifier,
    config: ConfigService,
    private readonly audit: AuditService,
  ) {
    this.cookieName = config.get('session').cookieName;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = this.policyOf(context);
    // The request is the first argument of an HTTP handler; switchToHttp() would allocate three
    // closures per request to hand it back.
    const request = context.getArgByIndex<FastifyRequest>(0);
    if (policy.isPublic) return this.admitAnyone(request);
    const header = request.headers.authorization;
    if (header === undefined) return this.admitBySession(request, policy);
    const claims = this.cachedClaims(request, header);
    const user = claims && this.users.cachedBearerUser(claims);
    if (user) return admit(request, user, policy);
    return this.fromBearer(request, header, claims).then((found) => admit(request, found, policy));
  }

  // A token seen before is byte-for-byte one that passed strict verification, so the header
  // format is checked only on the way to a full verification.
  private cachedClaims(request: FastifyRequest, header: string): VerifiedIdToken | undefined {
    const last = this.lastBearer.get(request.raw.socket);
    if (last !== undefined && last.header === header && last.claims.exp * 1000 > Date.now()) {
      return last.claims;
    }
    if (!/^bearer $/i.test(header.slice(0, 7))) return undefined;
    const claims = this.verifier.cached(header.slice(7));
    if (claims) this.lastBearer.set(request.raw.socket, { header, claims });
    return claims;
  }

  // `known`: claims the fast path already found, when only the user had to be read again.
  private async fromBearer(
    request: FastifyRequest,
    header: string,
    known: VerifiedIdToken | undefined,
  ): Promise<AuthenticatedUser> {
    if (known) return this.users.fromBearerToken(known);
    const match = BEARER.exec(header);
    if (!match) {
      throw new AuthError('authentication_required', 'Authorization must be "Bearer <ID token>".');
    }
    const claims = await this.verifier.verify(match[1]);
    this.lastBearer.set(request.raw.socket, { header, claims });
    return this.users.fromBearerToken(claims);
  }

  // Public pages still like to know who is there; a bad cookie is simply ignored.
  private async admitAnyone(request: FastifyRequest): Promise<boolean> {
    const user = await this.fromSession(request);
    request.user = user === OUTSIDE_DOMAIN ? undefined : (user ?? undefined);
    return true;
  }

  private async admitBySession(request: FastifyRequest, policy: RoutePolicy): Promise<boolean> {
    const user = await this.fromSession(request);
    if (user === OUTSIDE_DOMAIN) {
      throw new AuthError('wrong_hosted_domain', 'The account is not in the allowed domain.');
    }
    if (!user) throw new AuthError('authentication_required', 'Sign in to continue.');
    return admit(request, user, policy);
  }

  private async fromSession(
    request: FastifyRequest,
  ): Promise<AuthenticatedUser | null | typeof OUTSIDE_DOMAIN> {
    const cookie = request.cookies[this.cookieName];
    if (!cookie) return null;
    const found = await this.sessions.resolve(cookie);
    if (!found) return null;
    // A session started before GOOGLE_HOSTED_DOMAIN was set ends at its next use.
    if (!this.users.inHostedDomain(found.user)) {
      await this.sessions.revokeToken(cookie, OUTSIDE_DOMAIN);
      await this.audit.record({
        action: 'session.ended',
        actor: { kind: 'system' },
        subjectUserId: found.user.id,
        context: auditContextOf(request),
        details: { session_id: found.session.id, reason: OUTSIDE_DOMAIN },
      });
      return OUTSIDE_DOMAIN;
    }
    return toAuthenticatedUser(found.user, 'session', found.session);
  }

  private policyOf(context: ExecutionContext): RoutePolicy {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.policies.get(controller);
    if (!byHandler) this.policies.set(controller, (byHandler = new WeakMap()));
    let policy = byHandler.get(handler);
    if (!policy) {
      const targets = [handler, controller];
      policy = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
        role: this.reflector.getAllAndOverride<UserRole | undefined>(REQUIRED_ROLE_KEY, targets),
      };
      byHandler.set(handler, policy);
    }
    return policy;
  }
}

function admit(request: FastifyRequest, user: AuthenticatedUser, policy: RoutePolicy): true {
  request.user = user;
  if (policy.role && user.role !== policy.role) {
    throw new AuthError('forbidden', 'You do not have access to this resource.');
  }
  return true;
}

import type { SessionEntity } from './session.entity.js';
import type { UserEntity, UserRole } from './user.entity.js';

/** Who is making the request, as the guard established it. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly googleSub: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly name: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly picture: string | null;
  readonly hd: string | null;
  readonly role: UserRole;
  readonly createdAt: Date;
  readonly lastSignInAt: Date | null;
  /** How the request authenticated: the session cookie or a Bearer Google ID token. */
  readonly via: 'session' | 'bearer';
  readonly sessionId?: string;
}

/**
 * The request's view of a user row. Frozen: a Bearer caller's object is shared by every request
 * that presents a token of the same account for a few seconds (UsersService).
 */
export function toAuthenticatedUser(
  user: UserEntity,
  via: AuthenticatedUser['via'],
  session?: SessionEntity,
): AuthenticatedUser {
  return Object.freeze({
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
  });
}

import type { UserRole } from './user.entity.js';

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

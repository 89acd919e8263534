import { Injectable } from '@nestjs/common';
import { type AuditRequestContext, AuditService } from '@grantkeeper/audit';
import { GoogleIdTokenVerifier } from './google-id-token.verifier.js';
import { IdTokenError, idTokenErrorDisposition } from './id-token.errors.js';
import { AuthError } from './identity.errors.js';
import { type StartedSession, SessionsService } from './sessions.service.js';
import type { UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';
import { selectByDetails } from './select-by.js';

export interface SignInResult {
  readonly user: UserEntity;
  readonly session: StartedSession;
}

/** The "Verify" flow: a Google ID token in, a user and a fresh session out, all on the record. */
@Injectable()
export class SignInService {
  constructor(
    private readonly verifier: GoogleIdTokenVerifier,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  private hasLiveGrant?: (userId: string) => Promise<boolean>;

  /**
   * OFFLINE_ACCESS=required: an ID-token sign-in starts a session only for a user `check` finds
   * a live grant for (proven at Google, see the offline-access module, which registers it; this
   * module cannot depend on that one).
   */
  requireLiveGrant(check: (userId: string) => Promise<boolean>): void {
    this.hasLiveGrant = check;
  }

  async signInWithIdToken(
    credential: string,
    context: AuditRequestContext,
    previousSessionToken?: string,
    selectBy?: string,
  ): Promise<SignInResult> {
    const token = await this.verifyRecordingFailures(credential, context);
    const user = await this.users.upsertFromIdToken(token, { signIn: true });
    // Admins sign in to the dashboard by ID token whatever the mode; nobody else gets a session
    // without a live grant when one is required.
    if (this.hasLiveGrant && user.role !== 'admin' && !(await this.hasLiveGrant(user.id))) {
      await this.refuseWithoutGrant(context, 'consent_required', user.id, 'google_id_token');
      throw new AuthError(
        'consent_required',
        'Offline access is required: grant it with Google (prompt=consent) to sign in.',
      );
    }
    return this.startSession(
      user,
      context,
      'google_id_token',
      previousSessionToken,
      selectByDetails(selectBy),
    );
  }

  /**
   * Starts a session for a user already created or updated from a verified ID token: the code
   * flows call it only once the grant is stored, so a refused exchange leaves no session.
   */
  async startSession(
    user: UserEntity,
    context: AuditRequestContext,
    method: 'google_id_token' | 'google_code',
    previousSessionToken?: string,
    extraDetails: Record<string, string> = {},
  ): Promise<SignInResult> {
    if (previousSessionToken) {
      await this.sessions.revokeToken(previousSessionToken, 'replaced_by_sign_in');
    }
    const session = await this.sessions.start(user.id, context);
    await this.audit.record({
      action: 'sign_in.succeeded',
      actor: { kind: 'user', id: user.id },
      subjectUserId: user.id,
      context,
      details: { method, session_id: session.session.id, ...extraDetails },
    });
    return { user, session };
  }

  /**
   * OFFLINE_ACCESS=required: a code sign-in that brought no live grant ended without a session.
   * On the record with which way it ended: `consent_required` (the user is sent to Google's
   * consent) or the refusal's code (`account_mismatch`, `invalid_code`, `upstream_unavailable`…).
   */
  async refuseWithoutGrant(
    context: AuditRequestContext,
    reason: string,
    userId?: string,
    method: 'google_code' | 'google_id_token' = 'google_code',
  ): Promise<void> {
    await this.audit.record({
      action: 'sign_in.refused_no_grant',
      actor: userId ? { kind: 'user', id: userId } : { kind: 'anonymous' },
      subjectUserId: userId,
      context,
      details: {
        method,
        reason,
        next: reason === 'consent_required' ? 'consent' : 'sign_in_again',
      },
    });
  }

  async signOut(sessionToken: string, context: AuditRequestContext): Promise<void> {
    const session = await this.sessions.revokeToken(sessionToken, 'signed_out');
    if (!session) return;
    await this.audit.record({
      action: 'sign_out',
      actor: { kind: 'user', id: session.userId },
      subjectUserId: session.userId,
      context,
      details: { session_id: session.id },
    });
  }

  private async verifyRecordingFailures(credential: string, context: AuditRequestContext) {
    try {
      return await this.verifier.verify(credential);
    } catch (error) {
      if (error instanceof IdTokenError && idTokenErrorDisposition(error.code) === 'rejected') {
        await this.audit.record({
          action: 'sign_in.failed',
          actor: { kind: 'anonymous' },
          context,
          details: { reason: error.code },
        });
      }
      throw error;
    }
  }
}

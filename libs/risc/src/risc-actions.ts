import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { SessionsService, UsersService } from '@grantkeeper/identity';
import { GrantsService } from '@grantkeeper/offline-access';
import type { EntityManager } from 'typeorm';
import { RISC_EVENT_TYPES } from './risc-event-types.js';
import type { VerifiedSecurityEvent } from './security-event-token.verifier.js';

/** What one event changed, for the audit log: ids and counts only. */
export interface RiscOutcome {
  readonly userId?: string;
  readonly grantId?: string;
  readonly details: Record<string, unknown>;
}

/**
 * What each event does here, following "How to respond" in Google's table
 * (https://developers.google.com/identity/protocols/risc#supported_event_types):
 *
 * - `tokens-revoked`, `token-revoked`: the grant is revoked as already dead at Google and its
 *   tokens purged (the broker answers `grant_revoked`; the user must consent again);
 * - `sessions-revoked`: every session of the user ends;
 * - `account-disabled`: sessions end and grants are suspended, whatever the reason (Google
 *   requires ending sessions for `hijacking` and suggests disabling access otherwise);
 * - `account-enabled`: suspended grants are active again (sessions stay ended);
 * - `account-purged`: the user's tokens are purged and the user deleted (sessions and grants by
 *   cascade; audit events stay);
 * - `account-credential-change-required`, `verification`: recorded only.
 *
 * Every event is audited as `risc.<event>` by actor `google`, even for an account we don't know.
 *
 * Everything an event does — its reads, every change, the audit events — runs in the caller's
 * transaction, the one that records the `jti`: an event is applied whole or not at all.
 */
@Injectable()
export class RiscActions {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly grants: GrantsService,
    private readonly audit: AuditService,
  ) {}

  /** Acts on `event` in `manager`'s transaction, and audits it there. */
  async apply(event: VerifiedSecurityEvent, manager: EntityManager): Promise<RiscOutcome> {
    const outcome = await this.act(event, manager);
    await this.audit.record(
      {
        action: `risc.${event.event}`,
        actor: { kind: 'google' },
        subjectUserId: outcome.userId,
        grantId: outcome.grantId,
        details: {
          jti: event.jti,
          event_type: RISC_EVENT_TYPES[event.event],
          ...(event.reason === undefined ? {} : { reason: event.reason }),
          user_found: outcome.userId !== undefined,
          ...outcome.details,
        },
      },
      manager,
    );
    return outcome;
  }

  private async act(event: VerifiedSecurityEvent, manager: EntityManager): Promise<RiscOutcome> {
    if (event.subject.kind === 'refresh_token') return this.revokeToken(event.subject, manager);
    if (event.subject.kind === 'none') return { details: {} };
    const user = await this.users.findByGoogleSub(event.subject.sub, manager);
    if (!user) return { details: {} };
    const userId = user.id;
    switch (event.event) {
      case 'tokens-revoked':
      case 'token-revoked': {
        const grant = await this.grants.markRevokedByGoogle(
          { userId },
          'risc_tokens_revoked',
          manager,
        );
        return { userId, grantId: grant?.id, details: { grant_revoked: grant !== null } };
      }
      case 'sessions-revoked':
        return {
          userId,
          details: { sessions_ended: await this.endSessions(userId, event, manager) },
        };
      case 'account-disabled': {
        const sessionsEnded = await this.endSessions(userId, event, manager);
        const suspended = await this.grants.suspendForUser(
          userId,
          'risc_account_disabled',
          manager,
        );
        return { userId, details: { sessions_ended: sessionsEnded, grants_suspended: suspended } };
      }
      case 'account-enabled': {
        const resumed = await this.grants.resumeForUser(userId, 'risc_account_enabled', manager);
        return { userId, details: { grants_resumed: resumed } };
      }
      case 'account-purged':
        return { userId, details: await this.purge(userId, manager) };
      case 'account-credential-change-required':
      case 'verification':
        return { userId, details: {} };
    }
  }

  // Google's token-revoked names the token, not the account: the grant is found by Google's
  // identifier of its refresh token. `prefix` identifiers can't match: we never store any part
  // of a refresh token in clear, so such an event is recorded only.
  private async revokeToken(
    subject: Extract<VerifiedSecurityEvent['subject'], { kind: 'refresh_token' }>,
    manager: EntityManager,
  ): Promise<RiscOutcome> {
    if (subject.alg !== 'hash_base64_sha512_sha512') {
      return { details: { identifier_alg: subject.alg, grant_revoked: false } };
    }
    const grant = await this.grants.markRevokedByGoogle(
      { refreshTokenIdentifier: subject.identifier },
      'risc_tokens_revoked',
      manager,
    );
    return grant
      ? { userId: grant.userId, grantId: grant.id, details: { grant_revoked: true } }
      : { details: { grant_revoked: false } };
  }

  private endSessions(
    userId: string,
    event: VerifiedSecurityEvent,
    manager: EntityManager,
  ): Promise<number> {
    const reason = `risc_${event.event.replaceAll('-', '_')}`;
    return this.sessions.revokeAllForUser(userId, reason, manager);
  }

  private async purge(userId: string, manager: EntityManager): Promise<Record<string, unknown>> {
    const grants = await this.grants.purgeTokensForUser(userId, manager);
    const deleted = await this.users.deleteById(userId, manager);
    return { grants_purged: grants, user_deleted: deleted };
  }
}

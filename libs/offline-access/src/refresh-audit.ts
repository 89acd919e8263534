import { Injectable, Logger } from '@nestjs/common';
import { type AuditEventInput, AuditService } from '@grantkeeper/audit';
import type { BrokeredAccessToken } from './brokered-access-token.js';
import type { GrantEntity } from './grant.entity.js';

/** How one locked refresh of a grant ended (see AccessTokenBroker). */
export type RefreshOutcome =
  | {
      kind: 'token';
      grant: GrantEntity;
      token: BrokeredAccessToken;
      refreshed: boolean;
      rotated: boolean;
      /** Set when the refresh failed transiently and a still-valid cached token was served. */
      failedReason?: string;
    }
  | { kind: 'revoked'; grant: GrantEntity; justNow: boolean }
  | { kind: 'unavailable'; grant: GrantEntity; retryAfterSeconds: number; reason?: string };

/** The reason of refreshes held back while Google refuses our OAuth client (not audited). */
export const CLIENT_REJECTED_REASON = 'google_client_rejected';

/** The audit event of one successful refresh (a broker's or a keep-alive group's). */
export function refreshSucceededEvent(
  grant: { readonly id: string; readonly userId: string },
  rotated: boolean,
): AuditEventInput {
  return {
    action: 'offline_access.refresh_succeeded',
    actor: { kind: 'system' },
    subjectUserId: grant.userId,
    grantId: grant.id,
    // `rotated` (the refresh token was): a key naming a token is redacted by the audit log.
    details: { rotated },
  };
}

/** Puts the broker's refreshes on the record: successes, failures, and grants Google killed. */
@Injectable()
export class RefreshAudit {
  private readonly logger = new Logger('AccessTokenBroker');

  constructor(private readonly audit: AuditService) {}

  async record(outcome: RefreshOutcome): Promise<void> {
    if (outcome.kind === 'token' && !outcome.refreshed && !outcome.failedReason) return;
    if (outcome.kind === 'revoked' && !outcome.justNow) return;
    // Held back by the OAuth client's breaker, which alerts once for every grant.
    if (outcome.kind === 'unavailable' && outcome.reason === CLIENT_REJECTED_REASON) return;
    const grantId = outcome.grant.id;
    const userId = outcome.grant.userId;
    if (outcome.kind === 'token' && outcome.refreshed) {
      await this.audit.record(refreshSucceededEvent(outcome.grant, outcome.rotated));
      return;
    }
    const reason =
      outcome.kind === 'revoked'
        ? outcome.grant.revocationReason
        : outcome.kind === 'token'
          ? outcome.failedReason
          : outcome.reason;
    await this.audit.record({
      action: 'offline_access.refresh_failed',
      actor: { kind: 'system' },
      subjectUserId: userId,
      grantId,
      details: { reason: reason ?? 'backing_off', final: outcome.kind === 'revoked' },
    });
    if (outcome.kind === 'revoked') {
      this.logger.warn({ msg: 'Grant dead at Google; marked revoked', grantId, reason });
      await this.audit.record({
        action: 'offline_access.revoked',
        actor: { kind: 'google' },
        subjectUserId: userId,
        grantId,
        details: { reason: reason ?? 'invalid_grant', by: 'google' },
      });
    }
  }
}

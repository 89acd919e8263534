import { Inject, Injectable, Logger } from '@nestjs/common';
import { getStorageToken } from '@nestjs/throttler';
import { AuditService } from '@grantkeeper/audit';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import { type PostgresThrottlerStorage, SessionsService } from '@grantkeeper/identity';
import { GrantsService, RedirectStateStore } from '@grantkeeper/offline-access';
import { ServiceAccessTokens } from '@grantkeeper/service-api';
import { VaultService } from '@grantkeeper/vault';

/** One re-wrap job stops after this long and leaves the rest to the next (resumable) run. */
const REWRAP_BUDGET_MS = 60_000;

/** Audit action of a re-wrap run that re-wrapped something. */
export const VAULT_REWRAPPED = 'vault.rewrapped';

/** Housekeeping jobs: purges by retention, and re-wrapping after a key rotation. */
@Injectable()
export class MaintenanceWorker {
  private readonly logger = new Logger('Maintenance');
  private readonly settings: AppConfig['scheduler'];

  constructor(
    config: ConfigService,
    private readonly grants: GrantsService,
    private readonly states: RedirectStateStore,
    private readonly audit: AuditService,
    private readonly vault: VaultService,
    private readonly sessions: SessionsService,
    // The throttler's storage, which IdentityModule's one configuration makes PostgreSQL's.
    @Inject(getStorageToken()) private readonly rateLimits: PostgresThrottlerStorage,
    private readonly serviceTokens: ServiceAccessTokens,
  ) {
    this.settings = config.get('scheduler');
  }

  /**
   * Finishes Google revokes that failed at the time (then purges those refresh tokens), deletes
   * expired redirect-flow states, expired or revoked sessions, ended rate-limit windows, the
   * service API's expired access tokens and used assertion ids, and audit events past retention.
   */
  async purge(): Promise<Record<string, number>> {
    const revokesFinished = await this.grants.retryUpstreamRevocations(500);
    const statesPurged = await this.states.purgeExpired();
    const before = new Date(Date.now() - this.settings.auditRetentionDays * 86_400_000);
    const auditPurged = await this.audit.purgeOlderThan(before);
    const sessionsPurged = await this.sessions.purgeEnded();
    const rateLimitsPurged = await this.rateLimits.purgeEnded();
    const serviceTokensPurged = await this.serviceTokens.purgeExpired();
    const counts = {
      revokesFinished,
      statesPurged,
      sessionsPurged,
      rateLimitsPurged,
      serviceTokensPurged,
      auditPurged,
    };
    this.logger.log({ msg: 'Purge done', ...counts });
    return counts;
  }

  /**
   * Re-wraps vault envelopes to the active key version in batches (each its own transaction),
   * until none remain or the time budget is spent; the next run carries on.
   */
  async rewrap(): Promise<{ rewrapped: number; remaining: number }> {
    const started = Date.now();
    let rewrapped = 0;
    let batch = await this.vault.rewrapBatch(500);
    rewrapped += batch.rewrapped;
    while (batch.rewrapped > 0 && batch.remaining > 0 && Date.now() - started < REWRAP_BUDGET_MS) {
      batch = await this.vault.rewrapBatch(500);
      rewrapped += batch.rewrapped;
    }
    const remaining = batch.remaining;
    if (rewrapped > 0) {
      this.logger.log({ msg: 'Vault re-wrap batch done', rewrapped, remaining });
      // The dashboard's "last re-wrap" reads this event; runs with nothing to do leave none.
      await this.audit.record({
        action: VAULT_REWRAPPED,
        actor: { kind: 'system' },
        details: { rewrapped, remaining },
      });
    }
    return { rewrapped, remaining };
  }
}

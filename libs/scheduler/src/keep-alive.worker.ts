import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import { AccessTokenBroker, GrantsService } from '@grantkeeper/offline-access';
import { JobQueue } from './job-queue.js';
import { QUEUES } from './queues.js';
import { SchedulerMetrics } from './scheduler.metrics.js';
import { UserTasksService } from './user-tasks.service.js';

const SWEEP_PAGE = 500;

/** A keep-alive refresh Google couldn't serve now; the job is retried with backoff. */
class RefreshDeferred extends Error {
  constructor(grantId: string) {
    super(`Grant ${grantId}: Google unavailable, refresh deferred`);
  }
}

/**
 * Keeps grants alive: refreshes every live grant not refreshed for `KEEP_ALIVE_AFTER_DAYS`, so
 * none reaches Google's six-month inactivity expiry, and finds dead ones early (only
 * `invalid_grant` kills a grant; its user's tasks are then paused until they reconnect).
 * https://developers.google.com/identity/protocols/oauth2#expiration
 */
@Injectable()
export class KeepAliveWorker {
  private readonly logger = new Logger('KeepAlive');
  private readonly settings: AppConfig['scheduler'];
  private readonly googleApp: AppConfig['googleApp'];

  constructor(
    config: ConfigService,
    private readonly queue: JobQueue,
    private readonly grants: GrantsService,
    private readonly broker: AccessTokenBroker,
    private readonly tasks: UserTasksService,
    private readonly metrics: SchedulerMetrics,
  ) {
    this.settings = config.get('scheduler');
    this.googleApp = config.get('googleApp');
  }

  /** One job per due grant; a grant already queued or being refreshed is not queued twice. */
  async sweep(): Promise<number> {
    const flagged = await this.grants.updateHealthFlags({
      testingMode: this.googleApp.publishingStatus === 'testing',
      testingDays: this.googleApp.testingRefreshTokenDays,
    });
    if (flagged > 0) this.logger.warn(`${flagged} grants carry health flags.`);
    const olderThan = new Date(Date.now() - this.settings.keepAliveAfterDays * 86_400_000);
    let queued = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await this.grants.dueForKeepAlive(olderThan, SWEEP_PAGE, after);
      // One insert per page: queueing one by one took longer than refreshing.
      queued += await this.queue.sendMany(
        QUEUES.keepAlive,
        ids.map((grantId) => ({ data: { grantId }, singletonKey: grantId })),
      );
      if (ids.length < SWEEP_PAGE) break;
      after = ids[ids.length - 1];
    }
    if (queued > 0) this.logger.log(`Queued ${queued} grants for a keep-alive refresh.`);
    return queued;
  }

  async refresh({ grantId }: { grantId: string }): Promise<void> {
    this.logger.debug(`Keep-alive refresh of grant ${grantId}`);
    const outcome = await this.broker.refreshNow(grantId);
    this.metrics.refreshes.inc({ outcome });
    if (outcome === 'revoked') {
      const grant = await this.grants.byId(grantId);
      if (grant) await this.tasks.pauseForUser(grant.userId, 'grant_revoked');
      return;
    }
    // Transient at Google: the grant stays active; pg-boss retries the job with backoff.
    if (outcome === 'unavailable') throw new RefreshDeferred(grantId);
  }
}

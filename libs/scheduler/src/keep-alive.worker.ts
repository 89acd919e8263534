import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import {
  GrantsService,
  type KeepAliveOutcome,
  KeepAliveRefresher,
} from '@grantkeeper/offline-access';
import { JobQueue } from './job-queue.js';
import { QUEUES } from './queues.js';
import { SchedulerMetrics } from './scheduler.metrics.js';
import { UserTasksService } from './user-tasks.service.js';

const SWEEP_PAGE = 500;
/**
 * Grants per keep-alive job. One job per grant cost more in pg-boss (a fetch and a completion
 * per grant, over a queue as long as the backlog) than the refresh itself; per batch it is
 * noise. Small enough that a sweep still spreads over every worker of every instance.
 */
export const KEEP_ALIVE_BATCH = 50;

/** What a keep-alive job carries: a batch of grants (`grantId`: one, queued by older versions). */
export interface KeepAliveJob {
  readonly grantIds?: readonly string[];
  readonly grantId?: string;
}

/** Keep-alive refreshes Google couldn't serve now; the batch is retried with backoff. */
class RefreshDeferred extends Error {
  constructor(deferred: number, failed: number, total: number) {
    super(
      `${deferred} of ${total} keep-alive refreshes deferred (Google unavailable)` +
        (failed > 0 ? `, ${failed} failed` : '') +
        '; retrying those',
    );
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
    private readonly refresher: KeepAliveRefresher,
    private readonly tasks: UserTasksService,
    private readonly metrics: SchedulerMetrics,
  ) {
    this.settings = config.get('scheduler');
    this.googleApp = config.get('googleApp');
  }

  /**
   * One job per batch of due grants. Each batch is keyed by its first grant, so a sweep whose
   * pages are still queued does not queue them again; a grant that lands in two batches anyway
   * is refreshed once, by whichever gets its row lock first (the other finds it no longer due).
   */
  async sweep(): Promise<number> {
    const flagged = await this.grants.updateHealthFlags({
      testingMode: this.googleApp.publishingStatus === 'testing',
      testingDays: this.googleApp.testingRefreshTokenDays,
    });
    if (flagged > 0) this.logger.warn({ msg: 'Grants carry health flags', grants: flagged });
    const olderThan = this.dueBefore();
    let queued = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await this.grants.dueForKeepAlive(olderThan, SWEEP_PAGE, after);
      const jobs = [];
      for (let start = 0; start < ids.length; start += KEEP_ALIVE_BATCH) {
        const grantIds = ids.slice(start, start + KEEP_ALIVE_BATCH);
        jobs.push({ data: { grantIds }, singletonKey: grantIds[0] });
      }
      // One insert per page: queueing one by one took longer than refreshing.
      queued += await this.queue.sendMany(QUEUES.keepAlive, jobs);
      if (ids.length < SWEEP_PAGE) break;
      after = ids[ids.length - 1];
    }
    if (queued > 0) this.logger.log({ msg: 'Queued keep-alive batches', batches: queued });
    return queued;
  }

  /**
   * Refreshes the batch's grants that are still due, a group of `KEEP_ALIVE_GROUP_SIZE` at a
   * time: each group's calls to Google at once, its writes in one transaction under its row locks
   * (see {@link KeepAliveRefresher.keepAlive}). A batch retried after a crash or a failure
   * refreshes only those it had not done. Past `deadline` (half the job's timeout) the rest goes
   * to a new job, so a slow batch never expires while it is still working. Grants Google could
   * not serve now make the batch fail after the others are done, and pg-boss retries it with
   * backoff.
   */
  async refresh(job: KeepAliveJob, deadline = Infinity): Promise<void> {
    const ids = job.grantIds ?? (job.grantId ? [job.grantId] : []);
    const dueBefore = this.dueBefore();
    const groupSize = this.settings.keepAliveGroupSize;
    let deferred = 0;
    let failed = 0;
    for (let start = 0; start < ids.length; start += groupSize) {
      if (start > 0 && Date.now() > deadline) {
        const rest = ids.slice(start);
        const handed = await this.queue.send(
          QUEUES.keepAlive,
          { grantIds: rest },
          { singletonKey: rest[0] },
        );
        // Not queued (a batch starting at the same grant already is): carry on here instead,
        // so nothing is dropped; at worst this job expires and its retry skips what is done.
        if (handed !== null) {
          this.logger.log({
            msg: 'Keep-alive batch ran long; the rest handed to a new job',
            grants: rest.length,
          });
          break;
        }
        deadline = Infinity;
      }
      const group = ids.slice(start, start + groupSize);
      for (const id of group) this.logger.debug({ msg: 'Keep-alive refresh', grantId: id });
      let outcomes: KeepAliveOutcome[];
      try {
        outcomes = await this.refresher.keepAlive(group, dueBefore);
      } catch (error) {
        // The group's transaction failed (nothing of it was written): the others go on.
        failed += group.length;
        this.logger.warn({
          msg: 'Keep-alive refresh of a group failed',
          grants: group.length,
          err: error,
        });
        continue;
      }
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.kind === 'skipped') continue;
        if (outcome.kind === 'failed') {
          failed += 1;
          this.logger.warn({
            msg: 'Keep-alive refresh failed',
            grantId: group[i],
            err: outcome.error,
          });
          continue;
        }
        this.metrics.refreshes.inc({ outcome: outcome.kind });
        if (outcome.kind === 'unavailable') deferred += 1;
        if (outcome.kind === 'revoked') {
          await this.tasks.pauseForUser(outcome.userId, 'grant_revoked');
        }
      }
    }
    if (deferred + failed > 0) throw new RefreshDeferred(deferred, failed, ids.length);
  }

  private dueBefore(): Date {
    return new Date(Date.now() - this.settings.keepAliveAfterDays * 86_400_000);
  }
}

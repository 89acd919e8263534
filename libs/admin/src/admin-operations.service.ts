import { Injectable } from '@nestjs/common';
import { AuditService, type AuditRequestContext } from '@grantkeeper/audit';
import { type AuthenticatedUser, UsersService } from '@grantkeeper/identity';
import {
  JobQueue,
  QUEUES,
  type QueueName,
  SchedulerService,
  UserTasksService,
  VAULT_REWRAPPED,
} from '@grantkeeper/scheduler';
import { KEK_ENCRYPTION_LIMIT, KEK_ENCRYPTION_WARNING, VaultService } from '@grantkeeper/vault';
import type {
  FailedJobsDto,
  JobsOverviewDto,
  QueueStatsDto,
  RewrapStartedDto,
  RewrapStatusDto,
  VaultStatusDto,
} from './dto/operations.dto.js';
import { RecentValue } from './recent-value.js';

/** Queues whose jobs do work; the dead-letter queue only keeps copies of failed ones. */
const WORK_QUEUES = Object.values(QUEUES).filter((name) => name !== QUEUES.deadLetter);

/**
 * How long this instance reuses its whole-table counts (tasks by state, envelopes per key
 * version): each reads every row (a million envelopes: ~0.1–0.2 s here), too much for every
 * view of a dashboard page, while the figures barely move in seconds.
 */
export const COUNTS_TTL_MS = 10_000;

/** What the operations pages show: the job queues, offline task runs, the vault's keys. */
@Injectable()
export class AdminOperationsService {
  private readonly taskCounts: RecentValue<Record<string, number>>;
  private readonly vaultCounts: RecentValue<Awaited<ReturnType<VaultService['status']>>>;

  constructor(
    private readonly queue: JobQueue,
    private readonly scheduler: SchedulerService,
    private readonly tasks: UserTasksService,
    private readonly vault: VaultService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {
    this.taskCounts = new RecentValue(COUNTS_TTL_MS, () => this.tasks.countsByState());
    this.vaultCounts = new RecentValue(COUNTS_TTL_MS, () => this.vault.status());
  }

  async jobs(): Promise<JobsOverviewDto> {
    const [queues, tasks, runs] = await Promise.all([
      Promise.all(Object.values(QUEUES).map((name) => this.queueStats(name))),
      this.taskCounts.get(),
      this.tasks.recentRuns(50),
    ]);
    const emails = await this.users.emailsOf(runs.map((run) => run.userId));
    return {
      queues,
      tasks: tasks.value,
      tasksCountedAt: tasks.at.toISOString(),
      recentRuns: runs.map((run) => ({
        id: run.id,
        userId: run.userId,
        userEmail: emails.get(run.userId) ?? null,
        taskName: run.taskName,
        attempt: run.attempt,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        outcome: run.outcome,
        error: run.error,
      })),
    };
  }

  async failedJobs(queue?: QueueName): Promise<FailedJobsDto> {
    const jobs = await this.queue.failedJobs(queue ? [queue] : WORK_QUEUES, 100);
    return {
      items: jobs.map((job) => ({
        id: job.id,
        queue: job.queue,
        name: job.queue,
        singletonKey: job.singletonKey,
        retryCount: job.retryCount,
        createdOn: job.createdOn.toISOString(),
        completedOn: job.completedOn?.toISOString() ?? null,
        error: job.error,
      })),
    };
  }

  async retryJob(
    queue: QueueName,
    id: string,
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<{ retried: true }> {
    await this.queue.retryFailed(queue, id);
    await this.audit.record({
      action: 'admin.job_retried',
      actor: { kind: 'admin', id: admin.id },
      context,
      details: { queue, job_id: id },
    });
    return { retried: true };
  }

  /** Key versions and their envelope counts, and re-wrap progress: no key material. */
  async vaultStatus(): Promise<VaultStatusDto> {
    const [{ value: status, at }, rewrap] = await Promise.all([
      this.vaultCounts.get(),
      this.rewrapStatus(),
    ]);
    return {
      activeVersion: status.activeVersion,
      encryptionLimit: KEK_ENCRYPTION_LIMIT,
      versions: status.versions.map((v) => ({
        ...v,
        rotateSoon: v.encryptions >= KEK_ENCRYPTION_WARNING,
      })),
      countedAt: at.toISOString(),
      rewrap: { ...rewrap, remaining: envelopesToRewrap(status) },
    };
  }

  /** Queues a re-wrap now (the nightly one otherwise); one job at most, cluster-wide. */
  async startRewrap(
    admin: AuthenticatedUser,
    context: AuditRequestContext,
  ): Promise<RewrapStartedDto> {
    const queued = await this.scheduler.runNow('vault-rewrap');
    const remaining = envelopesToRewrap((await this.vaultCounts.get()).value);
    await this.audit.record({
      action: 'admin.rewrap_started',
      actor: { kind: 'admin', id: admin.id },
      context,
      details: { queued, remaining },
    });
    return { queued, remaining };
  }

  private async rewrapStatus(): Promise<Omit<RewrapStatusDto, 'remaining'>> {
    const [queued, last] = await Promise.all([
      this.queue.hasPending(QUEUES.vaultRewrap),
      this.audit.latest(VAULT_REWRAPPED),
    ]);
    const counts = last?.details as { rewrapped?: unknown; remaining?: unknown } | undefined;
    return {
      queued,
      lastRun: last
        ? {
            finishedAt: last.occurredAt.toISOString(),
            rewrapped: Number(counts?.rewrapped ?? 0),
            remaining: Number(counts?.remaining ?? 0),
          }
        : null,
    };
  }

  private async queueStats(name: QueueName): Promise<QueueStatsDto> {
    const stats = await this.queue.stats(name);
    return {
      name,
      available: stats !== undefined,
      deferred: stats?.deferredCount ?? 0,
      queued: stats?.queuedCount ?? 0,
      active: stats?.activeCount ?? 0,
      failed: stats?.failedCount ?? 0,
      total: stats?.totalCount ?? 0,
    };
  }
}

/** Envelopes still sealed under a key version other than the active one. */
function envelopesToRewrap(status: Awaited<ReturnType<VaultService['status']>>): number {
  return status.versions
    .filter((v) => v.version !== status.activeVersion)
    .reduce((sum, v) => sum + v.envelopes, 0);
}

import { Injectable } from '@nestjs/common';
import { JobQueue, QUEUES, type QueueName, UserTasksService } from '@grantkeeper/scheduler';
import { VaultService } from '@grantkeeper/vault';
import type { JobsOverviewDto, QueueStatsDto, VaultStatusDto } from './dto/operations.dto.js';
import { RecentValue } from './recent-value.js';

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
    private readonly tasks: UserTasksService,
    private readonly vault: VaultService,
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
    return {
      queues,
      tasks: tasks.value,
      tasksCountedAt: tasks.at.toISOString(),
      recentRuns: runs.map((run) => ({
        id: run.id,
        userId: run.userId,
        taskName: run.taskName,
        attempt: run.attempt,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        outcome: run.outcome,
        error: run.error,
      })),
    };
  }

  /** Key versions and their envelope counts: no key material. */
  async vaultStatus(): Promise<VaultStatusDto> {
    const { value: status, at } = await this.vaultCounts.get();
    return {
      activeVersion: status.activeVersion,
      versions: status.versions.map((v) => ({ ...v })),
      countedAt: at.toISOString(),
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

import { Injectable } from '@nestjs/common';
import { JobQueue, QUEUES, type QueueName, UserTasksService } from '@grantkeeper/scheduler';
import { VaultService } from '@grantkeeper/vault';
import type { JobsOverviewDto, QueueStatsDto, VaultStatusDto } from './dto/operations.dto.js';

/** What the operations pages show: the job queues, offline task runs, the vault's keys. */
@Injectable()
export class AdminOperationsService {
  constructor(
    private readonly queue: JobQueue,
    private readonly tasks: UserTasksService,
    private readonly vault: VaultService,
  ) {}

  async jobs(): Promise<JobsOverviewDto> {
    const [queues, tasks, runs] = await Promise.all([
      Promise.all(Object.values(QUEUES).map((name) => this.queueStats(name))),
      this.tasks.countsByState(),
      this.tasks.recentRuns(50),
    ]);
    return {
      queues,
      tasks,
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
    const status = await this.vault.status();
    return {
      activeVersion: status.activeVersion,
      versions: status.versions.map((v) => ({ ...v })),
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

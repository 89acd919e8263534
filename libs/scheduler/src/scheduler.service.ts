import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import { CronJob } from 'cron';
import { type JobHandler, JobQueue, type WorkOptions } from './job-queue.js';
import { type KeepAliveJob, KeepAliveWorker } from './keep-alive.worker.js';
import { MaintenanceWorker } from './maintenance.worker.js';
import { QUEUES, type QueueName } from './queues.js';
import { SchedulerMetrics } from './scheduler.metrics.js';
import { TaskRunner } from './task-runner.js';
import { UserTasksService } from './user-tasks.service.js';

/** The periodic work, each started by a cron trigger in every instance. */
export type Sweep = 'keep-alive' | 'tasks' | 'purge' | 'vault-rewrap';

const SWEEP_QUEUES: Record<Sweep, QueueName> = {
  'keep-alive': QUEUES.keepAliveSweep,
  tasks: QUEUES.taskSweep,
  purge: QUEUES.purge,
  'vault-rewrap': QUEUES.vaultRewrap,
};

const TASK_PAGE = 1_000;

/**
 * Wires the scheduler together: cron triggers (@nestjs/schedule) fire in every instance and
 * only queue a sweep job; the job queue's `exclusive` policy keeps one per sweep cluster-wide.
 * Workers in every instance then share the units of work a sweep queued.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduler');
  private readonly settings: AppConfig['scheduler'];
  /**
   * Keep-alive jobs (batches of grants) per fetch: two, so a worker fetches again at once while
   * the queue has work (pg-boss waits a polling interval after a short fetch) and a sweep still
   * spreads over every worker. A batch that runs long hands its rest to a new job.
   */
  private readonly keepAliveJobsPerFetch = 2;

  constructor(
    config: ConfigService,
    private readonly queue: JobQueue,
    private readonly registry: SchedulerRegistry,
    private readonly keepAlive: KeepAliveWorker,
    private readonly maintenance: MaintenanceWorker,
    private readonly runner: TaskRunner,
    private readonly tasks: UserTasksService,
    private readonly metrics: SchedulerMetrics,
  ) {
    this.settings = config.get('scheduler');
    metrics.setCollectors({
      tasks: () => this.tasks.countsByState(),
      queues: () => this.queueCounts(),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.enabled) return;
    // A sweep queue has at most one job active cluster-wide (one singleton key, `exclusive`):
    // one worker each. Sixteen idle workers per sweep queue polled PostgreSQL for nothing.
    const sweep = { concurrency: 1 };
    await this.work(
      QUEUES.keepAliveSweep,
      () => this.keepAlive.sweep().then(() => undefined),
      sweep,
    );
    await this.work(
      QUEUES.keepAlive,
      (data: KeepAliveJob, _job, deadline) => this.keepAlive.refresh(data, deadline),
      { batchSize: this.keepAliveJobsPerFetch },
    );
    await this.work(QUEUES.taskSweep, () => this.sweepTasks(), sweep);
    await this.work(QUEUES.offlineTask, (data: { userTaskId: string }, job) =>
      this.runner.run(data.userTaskId, job).then(() => undefined),
    );
    await this.work(QUEUES.purge, () => this.maintenance.purge().then(() => undefined), sweep);
    await this.work(
      QUEUES.vaultRewrap,
      () => this.maintenance.rewrap().then(() => undefined),
      sweep,
    );
    this.trigger('keep-alive', this.settings.keepAliveCron);
    this.trigger('tasks', this.settings.taskSweepCron);
    this.trigger('purge', this.settings.purgeCron);
    this.trigger('vault-rewrap', this.settings.purgeCron);
    // A key rotation takes effect at restart: start re-wrapping then, not at the next night.
    await this.runNow('vault-rewrap');
  }

  /** Queues a sweep now (operators, the dashboard, tests); false if one is already queued. */
  async runNow(sweep: Sweep): Promise<boolean> {
    const id = await this.queue.send(SWEEP_QUEUES[sweep], {}, { singletonKey: sweep });
    return id !== null;
  }

  private async sweepTasks(): Promise<void> {
    await this.tasks.resumeReconnected();
    const due = await this.tasks.due(new Date(), TASK_PAGE);
    for (const userTaskId of due) {
      await this.queue.send(QUEUES.offlineTask, { userTaskId }, { singletonKey: userTaskId });
    }
  }

  private trigger(sweep: Sweep, schedule: string): void {
    const job = CronJob.from({
      cronTime: schedule,
      onTick: () => {
        this.runNow(sweep).catch((error: unknown) =>
          this.logger.warn({ msg: 'Could not queue a sweep', sweep, err: error }),
        );
      },
      start: true,
    });
    this.registry.addCronJob(`grantkeeper:${sweep}`, job);
  }

  // Times every job and labels it by outcome; a throw makes pg-boss retry it with backoff.
  private work<T extends object>(
    queue: QueueName,
    handler: JobHandler<T>,
    options?: WorkOptions,
  ): Promise<void> {
    const timed: JobHandler<T> = async (data, job, deadline) => {
      const end = this.metrics.jobDuration.startTimer({ queue });
      try {
        await handler(data, job, deadline);
        end({ outcome: 'completed' });
      } catch (error) {
        end({ outcome: 'failed' });
        throw error;
      }
    };
    return this.queue.work<T>(queue, timed, options);
  }

  private async queueCounts(): Promise<Array<[string, Record<string, number>]>> {
    const counts: Array<[string, Record<string, number>]> = [];
    for (const name of Object.values(QUEUES)) {
      const stats = await this.queue.stats(name);
      if (!stats) continue;
      counts.push([
        name,
        {
          queued: stats.queuedCount,
          active: stats.activeCount,
          deferred: stats.deferredCount,
          failed: stats.failedCount,
        },
      ]);
    }
    return counts;
  }
}

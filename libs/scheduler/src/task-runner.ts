import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UsersService } from '@grantkeeper/identity';
import { AccessTokenBroker, OfflineAccessError } from '@grantkeeper/offline-access';
import { CronTime } from 'cron';
import type { Job } from 'pg-boss';
import type { Repository } from 'typeorm';
import { type OfflineTask, OfflineTaskError, type OfflineTaskErrorCode } from './offline-task.js';
import { SchedulerMetrics } from './scheduler.metrics.js';
import { TaskRunEntity, type TaskRunOutcome } from './task-run.entity.js';
import { UserTaskEntity } from './user-task.entity.js';
import { UserTasksService } from './user-tasks.service.js';

/** First retry of a failed run; doubles per consecutive failure, up to six hours. */
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 6 * 3600_000;

/** Grant problems the user must fix: the task waits, it does not fail. */
const PAUSING_CODES: ReadonlySet<OfflineTaskErrorCode> = new Set<OfflineTaskErrorCode>([
  'grant_not_found',
  'grant_revoked',
  'grant_suspended',
  'scope_not_granted',
  'wrong_hosted_domain',
]);

/**
 * A run's stored error code: a task's {@link OfflineTaskErrorCode}, `unknown_task` (the task is
 * no longer registered) or `task_error` (the task threw something else).
 */
export type TaskRunErrorCode = OfflineTaskErrorCode | 'unknown_task' | 'task_error';

type Finished = {
  outcome: TaskRunOutcome;
  error?: TaskRunErrorCode;
  retryable?: boolean;
  details?: object;
};

/**
 * Runs one user's task once (one `offline-task` job): gets an access token from the broker, calls
 * the task, and records the run. Failures back off per user (`next_run_at`), so one user's
 * broken mailbox never delays the others; the job itself completes.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger('OfflineTasks');

  constructor(
    @InjectRepository(UserTaskEntity) private readonly userTasks: Repository<UserTaskEntity>,
    @InjectRepository(TaskRunEntity) private readonly runs: Repository<TaskRunEntity>,
    private readonly tasks: UserTasksService,
    private readonly broker: AccessTokenBroker,
    private readonly users: UsersService,
    private readonly metrics: SchedulerMetrics,
  ) {}

  async run(userTaskId: string, job: Job<object>): Promise<TaskRunOutcome | 'skipped'> {
    const row = await this.userTasks.findOneBy({ id: userTaskId });
    // Turned off, paused or already run for this slot by the time the job came up.
    if (!row || !row.enabled || row.state !== 'active' || !isDue(row)) return 'skipped';
    const task = this.tasks.task(row.taskName);
    if (!task)
      return this.finish(row, job, new Date(), { outcome: 'paused', error: 'unknown_task' });
    const startedAt = new Date();
    this.logger.debug({
      msg: 'Offline task run',
      task: task.name,
      userTaskId: row.id,
      attempt: job.retryCount,
    });
    const finished = await this.attempt(row, task, job.signal);
    this.metrics.taskRuns.inc({ task: task.name, outcome: finished.outcome });
    return this.finish(row, job, startedAt, finished, task);
  }

  private async attempt(
    row: UserTaskEntity,
    task: OfflineTask,
    signal: AbortSignal,
  ): Promise<Finished> {
    let accessToken: string;
    try {
      accessToken = (await this.broker.accessTokenFor(row.userId, task.scopes)).accessToken;
    } catch (error) {
      if (!(error instanceof OfflineAccessError)) throw error;
      if (PAUSING_CODES.has(error.code)) return { outcome: 'paused', error: error.code };
      return { outcome: 'failed', error: error.code, retryable: true };
    }
    const user = await this.users.findById(row.userId);
    const renewAccessToken = () => this.renew(row.userId, task.scopes, accessToken);
    try {
      const details = await task.run({
        userId: row.userId,
        email: user?.email ?? null,
        name: user?.name ?? null,
        accessToken,
        renewAccessToken,
        settings: row.settings,
        signal,
        logger: this.logger,
      });
      return { outcome: 'succeeded', details };
    } catch (error) {
      if (error instanceof OfflineTaskError) {
        // The upstream status (Gmail's 503, say) is data of the run, not part of its code.
        const details =
          error.upstreamStatus === undefined ? {} : { upstreamStatus: error.upstreamStatus };
        if (PAUSING_CODES.has(error.code)) return { outcome: 'paused', error: error.code, details };
        return { outcome: 'failed', error: error.code, retryable: error.retryable, details };
      }
      this.logger.warn({
        msg: 'Offline task failed',
        task: task.name,
        userId: row.userId,
        err: error,
      });
      return { outcome: 'failed', error: 'task_error', retryable: true };
    }
  }

  // The token the run was given was refused by Google: one renewal through the broker.
  private async renew(userId: string, scopes: readonly string[], rejected: string) {
    try {
      return (await this.broker.renewRejected(userId, scopes, rejected)).accessToken;
    } catch (error) {
      if (!(error instanceof OfflineAccessError)) throw error;
      throw new OfflineTaskError(error.code, error.message, !PAUSING_CODES.has(error.code), {
        cause: error,
      });
    }
  }

  private async finish(
    row: UserTaskEntity,
    job: Job<object>,
    startedAt: Date,
    result: Finished,
    task?: OfflineTask,
  ): Promise<TaskRunOutcome> {
    const now = new Date();
    row.updatedAt = now;
    row.lastRunAt = now;
    row.lastError = result.error ?? null;
    if (result.outcome === 'succeeded') {
      row.consecutiveFailures = 0;
      row.nextRunAt = task ? nextOccurrence(task.schedule, now) : null;
    } else if (result.outcome === 'paused') {
      row.state = 'paused';
      row.pausedReason = result.error ?? 'paused';
    } else {
      row.consecutiveFailures += 1;
      const scheduled = task ? nextOccurrence(task.schedule, now) : null;
      const retry = new Date(now.getTime() + backoff(row.consecutiveFailures));
      row.nextRunAt = result.retryable && (!scheduled || retry < scheduled) ? retry : scheduled;
    }
    await this.userTasks.manager.transaction(async (manager) => {
      await manager.save(row, { reload: false });
      await manager.getRepository(TaskRunEntity).save(
        manager.getRepository(TaskRunEntity).create({
          userTaskId: row.id,
          userId: row.userId,
          taskName: row.taskName,
          jobId: job.id,
          attempt: job.retryCount,
          startedAt,
          finishedAt: now,
          outcome: result.outcome,
          error: result.error ?? null,
          details: (result.details ?? {}) as Record<string, unknown>,
        }),
        { reload: false },
      );
    });
    return result.outcome;
  }
}

function isDue(row: UserTaskEntity): boolean {
  return row.nextRunAt !== null && row.nextRunAt.getTime() <= Date.now();
}

function backoff(failures: number): number {
  const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1));
  return delay / 2 + Math.random() * (delay / 2);
}

/** The first time the cron expression fires after `after`. */
export function nextOccurrence(schedule: string, after: Date): Date {
  const next = new CronTime(schedule).getNextDateFrom(after);
  return next.toJSDate();
}

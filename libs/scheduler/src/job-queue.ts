import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import { type AppConfig, ConfigService } from '@grantkeeper/config';
import { type Job, type JobResult, PgBoss, type SendOptions } from 'pg-boss';
import { type QueueName, queueDefinitions } from './queues.js';
import { SchedulerError } from './scheduler.errors.js';

/**
 * What a worker does with one job; throwing makes pg-boss retry it with backoff. `deadline`
 * (epoch ms) is half the job's timeout after it was fetched: work past it risks the job
 * expiring and being retried elsewhere while it still runs.
 */
export type JobHandler<T> = (data: T, job: Job<T>, deadline: number) => Promise<void>;

export interface WorkOptions {
  /** Jobs per fetch (see {@link JobQueue.work}); 1 by default. */
  readonly batchSize?: number;
  /**
   * Jobs worked on at once in this instance: `SCHEDULER_CONCURRENCY` by default. Each one is a
   * loop of its own that polls PostgreSQL every `SCHEDULER_POLLING_SECONDS` while idle, so a
   * queue that can only ever have one job active (a sweep) takes 1.
   */
  readonly concurrency?: number;
}

/**
 * pg-boss in its own schema (`pgboss`) of our PostgreSQL: jobs survive restarts, each is worked
 * on by one instance at a time, a job whose instance died is retried once it expires, and jobs
 * that fail every retry land in the dead-letter queue. Stopped before the database pool closes
 * (`beforeApplicationShutdown` runs ahead of TypeORM's own shutdown), so no job is cut off by a
 * closed pool.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly boss: PgBoss;
  private readonly settings: AppConfig['scheduler'];
  private started = false;

  constructor(private readonly config: ConfigService) {
    this.settings = config.get('scheduler');
    this.boss = new PgBoss({
      connectionString: config.get('database').url,
      schema: 'pgboss',
      max: Math.max(2, Math.min(10, this.settings.concurrency + 2)),
      application_name: 'grantkeeper-scheduler',
      // Expired jobs (their instance died mid-job) are found by the supervisor: check often
      // enough that a retry starts within a fraction of the job timeout.
      superviseIntervalSeconds: supervisionInterval(this.settings.jobTimeoutSeconds),
      monitorIntervalSeconds: supervisionInterval(this.settings.jobTimeoutSeconds),
    });
    // pg-boss reports lost connections here and reconnects on its own (PostgreSQL restarts).
    this.boss.on('error', (error: Error) =>
      this.logger.warn({ msg: 'Job queue error', err: error }),
    );
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.boss.start();
    this.started = true;
    for (const queue of queueDefinitions(
      this.settings.jobTimeoutSeconds,
      this.settings.retryDelaySeconds,
    )) {
      if (!(await this.boss.getQueue(queue.name))) await this.boss.createQueue(queue.name, queue);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Graceful: active jobs get a chance to finish; any left are retried by another instance.
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }

  /** Queues a job; null when an equal job (same singleton key) is already queued or active. */
  async send<T extends object>(queue: QueueName, data: T, options: SendOptions = {}) {
    if (!this.started) return null;
    return this.boss.send(queue, data, options);
  }

  /**
   * Queues many jobs in one statement; returns how many were queued (a job whose singleton key
   * is already queued or active is skipped, as with {@link send}).
   */
  async sendMany<T extends object>(
    queue: QueueName,
    jobs: ReadonlyArray<{ data: T; singletonKey: string }>,
  ): Promise<number> {
    if (!this.started || jobs.length === 0) return 0;
    const ids = await this.boss.insert(queue, [...jobs], { returnId: true });
    return ids?.length ?? 0;
  }

  /**
   * Works on `queue` in this instance, up to `concurrency` jobs at once. With
   * `batchSize` > 1 each worker takes that many jobs per fetch, runs them one after another and
   * fetches again at once while fetches come back full: pg-boss otherwise waits a polling
   * interval between two fetches of a worker, which bounds a queue of short jobs (keep-alive
   * refreshes) at `concurrency / pollingSeconds` jobs per second. Each job still succeeds or
   * fails (and is retried) on its own.
   */
  async work<T extends object>(
    queue: QueueName,
    handler: JobHandler<T>,
    { batchSize = 1, concurrency = this.settings.concurrency }: WorkOptions = {},
  ): Promise<void> {
    if (!this.started) return;
    const polling = {
      localConcurrency: concurrency,
      pollingIntervalSeconds: this.settings.pollingSeconds,
    };
    const deadline = () => Date.now() + this.settings.jobTimeoutSeconds * 500;
    if (batchSize <= 1) {
      await this.boss.work<T>(queue, polling, async ([job]) => {
        if (job) await handler(job.data, job, deadline());
      });
      return;
    }
    await this.boss.work<T>(
      queue,
      { ...polling, batchSize, burstWhenBatchFull: true, perJobResults: true },
      async (jobs) => {
        // Every job of the batch was claimed at the fetch, and expires counting from there.
        const fetched = deadline();
        const results: JobResult[] = [];
        for (const job of jobs) {
          try {
            await handler(job.data, job, fetched);
            results.push({ id: job.id, status: 'completed' });
          } catch (error) {
            results.push({ id: job.id, status: 'failed', output: failureOutput(error) });
          }
        }
        return results;
      },
    );
  }

  /** Counts per queue, for the dashboard and `/metrics`. */
  async stats(queue: QueueName) {
    if (!this.started) return undefined;
    return (await this.boss.getQueueStats(queue))[0];
  }

  /**
   * Whether a job of `queue` is due or runs now (one deferred to later is not), read from the
   * job table itself: pg-boss's queue
   * counts (`stats`) are refreshed by its maintenance, so a job queued a moment ago is missing
   * from them, and a dashboard that has just queued one must not say "nothing queued".
   */
  async hasPending(queue: QueueName): Promise<boolean> {
    if (!this.started) return false;
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT EXISTS (
         SELECT 1 FROM pgboss.job
          WHERE name = $1
            AND (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now()))
       ) AS pending`,
      [queue],
    );
    return (rows as Array<{ pending: boolean }>)[0]?.pending === true;
  }

  /** The pg-boss instance itself, for the operations pages (jobs, retries of dead ones). */
  get raw(): PgBoss {
    return this.boss;
  }

  /**
   * Jobs of `queues` that failed every retry (pg-boss keeps them until their retention ends;
   * the dead-letter queue holds a copy), newest first. Only the failure's message is returned:
   * stacks stay in the database.
   */
  async failedJobs(queues: readonly QueueName[], limit = 100): Promise<FailedJob[]> {
    if (!this.started) return [];
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id, name, singleton_key, retry_count, created_on, completed_on,
              left(output->>'message', 500) AS error
         FROM pgboss.job
        WHERE state = 'failed' AND name = ANY($1)
        ORDER BY completed_on DESC NULLS LAST, id DESC
        LIMIT $2`,
      [queues, limit],
    );
    return (rows as FailedJobRow[]).map((row) => ({
      id: row.id,
      queue: row.name as QueueName,
      singletonKey: row.singleton_key,
      retryCount: row.retry_count,
      createdOn: new Date(row.created_on),
      completedOn: row.completed_on === null ? null : new Date(row.completed_on),
      error: row.error,
    }));
  }

  /**
   * Puts a failed job back in its queue to run again now (with one more retry allowed).
   * `job_not_found` for an unknown job, `job_not_failed` for one that is not failed, and
   * `job_already_queued` when an equal job (same singleton key) is queued or running.
   */
  async retryFailed(queue: QueueName, id: string): Promise<void> {
    if (!this.started)
      throw new SchedulerError('job_not_found', 'This instance runs no job queue.');
    if (!UUID.test(id)) throw new SchedulerError('job_not_found', 'No such job.');
    let affected: number;
    try {
      // pg-boss's declared CommandResponse is empty; at run time it carries `affected`.
      const response = (await this.boss.retry(queue, id)) as { affected?: number };
      affected = response.affected ?? 0;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new SchedulerError(
          'job_already_queued',
          'An equal job is already queued or running.',
          {
            cause: error,
          },
        );
      }
      throw error;
    }
    if (affected > 0) return;
    const [job] = await this.boss.findJobs(queue, { id });
    if (!job) throw new SchedulerError('job_not_found', 'No such job.');
    throw new SchedulerError('job_not_failed', `The job is ${job.state}, not failed.`);
  }
}

/** A job that failed every retry, as the operations pages show it. */
export interface FailedJob {
  readonly id: string;
  readonly queue: QueueName;
  /** The grant or user task it was about (`exclusive` queues key jobs by it). */
  readonly singletonKey: string | null;
  readonly retryCount: number;
  readonly createdOn: Date;
  readonly completedOn: Date | null;
  readonly error: string | null;
}

interface FailedJobRow {
  id: string;
  name: string;
  singleton_key: string | null;
  retry_count: number;
  created_on: string | Date;
  completed_on: string | Date | null;
  error: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What pg-boss itself stores for a handler that throws. */
function failureOutput(error: unknown): { message: string; stack?: string } {
  return error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };
}

function supervisionInterval(jobTimeoutSeconds: number): number {
  return Math.max(1, Math.min(60, Math.floor(jobTimeoutSeconds / 4)));
}

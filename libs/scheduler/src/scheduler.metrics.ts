import { Inject, Injectable } from '@nestjs/common';
import { GoogleClientBreaker } from '@grantkeeper/offline-access';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The scheduler's Prometheus metrics. Counters and histograms are per instance (Prometheus sums
 * them); gauges of shared state (queue depth, tasks by state) are read from PostgreSQL at scrape
 * time through `collectors`, so every instance reports the same cluster-wide figures.
 */
@Injectable()
export class SchedulerMetrics {
  readonly refreshes: Counter<'outcome'>;
  readonly taskRuns: Counter<'task' | 'outcome'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  private readonly queueDepth: Gauge<'queue' | 'state'>;
  private readonly tasksByState: Gauge<'state'>;
  private collectors: {
    queues?: () => Promise<Array<[string, Record<string, number>]>>;
    tasks?: () => Promise<Record<string, number>>;
  } = {};

  constructor(
    @Inject(Registry) registry: Registry,
    @Inject(GoogleClientBreaker) breaker: GoogleClientBreaker,
  ) {
    // Per instance, as the breaker is: 1 while Google refuses our OAuth client (alert on it).
    new Gauge({
      name: 'grantkeeper_google_client_rejected',
      help: 'Whether Google refuses our OAuth client (401 invalid_client): 1 while refreshes are held back.',
      registers: [registry],
      collect() {
        this.set(breaker.state().rejected ? 1 : 0);
      },
    });
    this.refreshes = new Counter({
      name: 'grantkeeper_grant_refreshes_total',
      help: 'Keep-alive refreshes of grants, by outcome (refreshed, revoked, unavailable).',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.taskRuns = new Counter({
      name: 'grantkeeper_task_runs_total',
      help: 'Runs of offline tasks, by task and outcome.',
      labelNames: ['task', 'outcome'],
      registers: [registry],
    });
    this.jobDuration = new Histogram({
      name: 'grantkeeper_job_duration_seconds',
      help: 'Time spent on one job, by queue and outcome.',
      labelNames: ['queue', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
      registers: [registry],
    });
    const collectors = () => this.collectors;
    this.queueDepth = new Gauge({
      name: 'grantkeeper_queue_jobs',
      help: 'Jobs per queue and state (queued, active, deferred, failed), cluster-wide.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const [queue, counts] of (await collectors().queues?.()) ?? []) {
          for (const [state, value] of Object.entries(counts)) this.set({ queue, state }, value);
        }
      },
    });
    this.tasksByState = new Gauge({
      name: 'grantkeeper_user_tasks',
      help: 'Users’ offline tasks by state (active, paused, disabled), cluster-wide.',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        this.reset();
        const counts = (await collectors().tasks?.()) ?? {};
        for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
      },
    });
  }

  /** Where the gauges read their values at scrape time. */
  setCollectors(collectors: SchedulerMetrics['collectors']): void {
    this.collectors = collectors;
  }
}

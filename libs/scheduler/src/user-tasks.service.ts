import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { GrantsService, missingScopes } from '@grantkeeper/offline-access';
import { In, IsNull, LessThanOrEqual, MoreThan, Not, type Repository } from 'typeorm';
import { OFFLINE_TASKS, type OfflineTask, OfflineTaskError } from './offline-task.js';
import { SchedulerError } from './scheduler.errors.js';
import { TaskRunEntity } from './task-run.entity.js';
import { UserTaskEntity } from './user-task.entity.js';

/** A task as the user (and the dashboard) sees it. */
export interface UserTaskView {
  readonly name: string;
  readonly title: string;
  readonly scopes: readonly string[];
  readonly enabled: boolean;
  readonly state: 'active' | 'paused';
  readonly pausedReason: string | null;
  readonly settings: Record<string, unknown>;
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
}

/** Reasons a task waits for the user rather than failing. */
const PAUSE_REASONS = ['grant_revoked', 'grant_not_found', 'grant_suspended', 'scope_not_granted'];

/** Users' subscriptions to offline tasks: settings, schedule, pause and resume. */
@Injectable()
export class UserTasksService {
  private readonly byName: ReadonlyMap<string, OfflineTask>;

  constructor(
    @Inject(OFFLINE_TASKS) tasks: readonly OfflineTask[],
    @InjectRepository(UserTaskEntity) private readonly userTasks: Repository<UserTaskEntity>,
    @InjectRepository(TaskRunEntity) private readonly runs: Repository<TaskRunEntity>,
    private readonly grants: GrantsService,
  ) {
    this.byName = new Map(tasks.map((task) => [task.name, task]));
  }

  task(name: string): OfflineTask | undefined {
    return this.byName.get(name);
  }

  /** Every registered task for this user, subscribed or not. */
  async list(userId: string): Promise<UserTaskView[]> {
    const rows = await this.userTasks.findBy({ userId });
    return [...this.byName.values()].map((task) =>
      viewOf(
        task,
        rows.find((row) => row.taskName === task.name),
      ),
    );
  }

  /**
   * Turns a task on or off for the user and saves its settings. Turning it on schedules a first
   * run right away (the next sweep), then the task's own schedule.
   */
  async configure(
    userId: string,
    name: string,
    input: { enabled: boolean; settings?: unknown },
  ): Promise<UserTaskView> {
    const task = this.byName.get(name);
    if (!task) throw new SchedulerError('task_not_found', `There is no task ${name}.`);
    const settings = input.enabled ? parseSettings(task, input.settings) : undefined;
    const existing = await this.userTasks.findOneBy({ userId, taskName: name });
    const row = existing ?? this.userTasks.create({ userId, taskName: name, settings: {} });
    const turningOn = input.enabled && (!existing || !existing.enabled);
    row.enabled = input.enabled;
    if (settings) row.settings = settings;
    if (turningOn) {
      row.state = 'active';
      row.pausedReason = null;
      row.consecutiveFailures = 0;
      row.nextRunAt = new Date();
    }
    row.updatedAt = new Date();
    await this.userTasks.save(row);
    return viewOf(task, row);
  }

  /** Ids of tasks due now (enabled, active, next run reached), oldest due first. */
  async due(now: Date, limit: number): Promise<string[]> {
    const rows = await this.userTasks.find({
      select: { id: true },
      where: { enabled: true, state: 'active', nextRunAt: LessThanOrEqual(now) },
      order: { nextRunAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /** Pauses every enabled task of the user (their grant died or was switched off). */
  async pauseForUser(userId: string, reason: string): Promise<number> {
    const result = await this.userTasks.update(
      { userId, enabled: true, state: 'active' },
      { state: 'paused', pausedReason: reason, updatedAt: new Date() },
    );
    return result.affected ?? 0;
  }

  /**
   * Resumes paused tasks whose user has reconnected: their grant is active again and carries the
   * task's scopes. Returns how many resumed.
   */
  async resumeReconnected(limit = 500): Promise<number> {
    const paused = await this.userTasks.find({
      where: { enabled: true, state: 'paused', pausedReason: In(PAUSE_REASONS) },
      take: limit,
    });
    let resumed = 0;
    for (const row of paused) {
      const task = this.byName.get(row.taskName);
      const grant = await this.grants.forUser(row.userId);
      if (!task || grant?.status !== 'active') continue;
      if (missingScopes(grant.scopes, task.scopes).length > 0) continue;
      await this.userTasks.update(
        { id: row.id, state: 'paused' },
        { state: 'active', pausedReason: null, nextRunAt: new Date(), updatedAt: new Date() },
      );
      resumed += 1;
    }
    return resumed;
  }

  /** The newest runs, newest first; of one user when `userId` is given. */
  recentRuns(limit = 50, userId?: string): Promise<TaskRunEntity[]> {
    return this.runs.find({
      where: userId ? { userId } : { id: Not(IsNull()) },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Enabled tasks whose last run failed (one failure or more in a row), for the dashboard. */
  failingCount(): Promise<number> {
    return this.userTasks.count({ where: { enabled: true, consecutiveFailures: MoreThan(0) } });
  }

  /** Tasks by state, for `/metrics` and the dashboard. */
  async countsByState(): Promise<Record<string, number>> {
    const rows = await this.userTasks
      .createQueryBuilder('t')
      .select(`CASE WHEN t.enabled THEN t.state ELSE 'disabled' END`, 'state')
      .addSelect('count(*)::int', 'count')
      .groupBy('1')
      .getRawMany<{ state: string; count: number }>();
    return Object.fromEntries(rows.map((row) => [row.state, row.count]));
  }
}

function parseSettings(task: OfflineTask, input: unknown): Record<string, unknown> {
  try {
    return task.parseSettings(input);
  } catch (error) {
    const message = error instanceof OfflineTaskError ? error.message : 'The settings are invalid.';
    throw new SchedulerError('invalid_task_settings', message, { cause: error });
  }
}

function viewOf(task: OfflineTask, row: UserTaskEntity | undefined): UserTaskView {
  return {
    name: task.name,
    title: task.title,
    scopes: task.scopes,
    enabled: row?.enabled ?? false,
    state: row?.state ?? 'active',
    pausedReason: row?.pausedReason ?? null,
    settings: row?.settings ?? {},
    nextRunAt: row?.nextRunAt?.toISOString() ?? null,
    lastRunAt: row?.lastRunAt?.toISOString() ?? null,
    lastError: row?.lastError ?? null,
    consecutiveFailures: row?.consecutiveFailures ?? 0,
  };
}

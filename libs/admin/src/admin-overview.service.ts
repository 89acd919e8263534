import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { GoogleClientBreaker, GrantStatisticsService, utcDays } from '@grantkeeper/offline-access';
import { UsersService } from '@grantkeeper/identity';
import { UserTasksService } from '@grantkeeper/scheduler';
import type { OverviewDto, OverviewHeadlineDto } from './dto/overview.dto.js';

const REFRESH_SUCCEEDED = 'offline_access.refresh_succeeded';
const REFRESH_FAILED = 'offline_access.refresh_failed';
const SIGN_IN = 'sign_in.succeeded';

/**
 * The overview page's headline numbers and charts: every series has one entry per UTC day, zeros
 * included.
 */
@Injectable()
export class AdminOverviewService {
  constructor(
    private readonly grants: GrantStatisticsService,
    private readonly audit: AuditService,
    private readonly tasks: UserTasksService,
    private readonly breaker: GoogleClientBreaker,
    private readonly users: UsersService,
  ) {}

  async overview(days: number, now = new Date()): Promise<OverviewDto> {
    const lastDay = now.toISOString().slice(0, 10);
    const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // One day more than shown: the revocations of the period are the difference of two totals.
    const dayBefore = new Date(Date.parse(`${firstDay}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [[before, ...grantsByStatus], events, tasksByState, users, failingTasks] =
      await Promise.all([
        this.grants.statusByDay(dayBefore, lastDay),
        this.audit.countsByDay(
          [REFRESH_SUCCEEDED, REFRESH_FAILED, SIGN_IN],
          new Date(`${firstDay}T00:00:00Z`),
        ),
        this.tasks.countsByState(),
        this.users.count(),
        this.tasks.failingCount(),
      ]);
    const count = new Map(events.map((row) => [`${row.action} ${row.date}`, row.count]));
    const of = (action: string, date: string) => count.get(`${action} ${date}`) ?? 0;
    const dates = utcDays(firstDay, lastDay);
    const client = this.breaker.state();
    const refreshOutcomes = dates.map((date) => ({
      date,
      succeeded: of(REFRESH_SUCCEEDED, date),
      failed: of(REFRESH_FAILED, date),
    }));
    const last = grantsByStatus.at(-1);
    const headline: OverviewHeadlineDto = {
      users,
      liveGrants: last?.active ?? 0,
      suspendedGrants: last?.suspended ?? 0,
      failingTasks,
      revokedInPeriod: (last?.revoked ?? 0) - (before?.revoked ?? 0),
      refreshSuccessRate: successRate(refreshOutcomes),
    };
    return {
      days,
      headline,
      googleClient: {
        rejected: client.rejected,
        since: client.since?.toISOString() ?? null,
        refusals: client.refusals,
      },
      grantsByStatus,
      refreshOutcomes,
      signIns: dates.map((date) => ({ date, count: of(SIGN_IN, date) })),
      tasksByState,
    };
  }
}

/** Succeeded over all refreshes of the period, 0–1; null when there was none. */
function successRate(days: ReadonlyArray<{ succeeded: number; failed: number }>): number | null {
  const succeeded = days.reduce((sum, day) => sum + day.succeeded, 0);
  const all = succeeded + days.reduce((sum, day) => sum + day.failed, 0);
  return all === 0 ? null : succeeded / all;
}

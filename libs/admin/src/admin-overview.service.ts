import { Injectable } from '@nestjs/common';
import { AuditService } from '@grantkeeper/audit';
import { GoogleClientBreaker, GrantStatisticsService, utcDays } from '@grantkeeper/offline-access';
import { UserTasksService } from '@grantkeeper/scheduler';
import type { OverviewDto } from './dto/overview.dto.js';

const REFRESH_SUCCEEDED = 'offline_access.refresh_succeeded';
const REFRESH_FAILED = 'offline_access.refresh_failed';
const SIGN_IN = 'sign_in.succeeded';

/** The overview page's charts: every series has one entry per UTC day, zeros included. */
@Injectable()
export class AdminOverviewService {
  constructor(
    private readonly grants: GrantStatisticsService,
    private readonly audit: AuditService,
    private readonly tasks: UserTasksService,
    private readonly breaker: GoogleClientBreaker,
  ) {}

  async overview(days: number, now = new Date()): Promise<OverviewDto> {
    const lastDay = now.toISOString().slice(0, 10);
    const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (days - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [grantsByStatus, events, tasksByState] = await Promise.all([
      this.grants.statusByDay(firstDay, lastDay),
      this.audit.countsByDay(
        [REFRESH_SUCCEEDED, REFRESH_FAILED, SIGN_IN],
        new Date(`${firstDay}T00:00:00Z`),
      ),
      this.tasks.countsByState(),
    ]);
    const count = new Map(events.map((row) => [`${row.action} ${row.date}`, row.count]));
    const of = (action: string, date: string) => count.get(`${action} ${date}`) ?? 0;
    const dates = utcDays(firstDay, lastDay);
    const client = this.breaker.state();
    return {
      days,
      googleClient: {
        rejected: client.rejected,
        since: client.since?.toISOString() ?? null,
        refusals: client.refusals,
      },
      grantsByStatus,
      refreshOutcomes: dates.map((date) => ({
        date,
        succeeded: of(REFRESH_SUCCEEDED, date),
        failed: of(REFRESH_FAILED, date),
      })),
      signIns: dates.map((date) => ({ date, count: of(SIGN_IN, date) })),
      tasksByState,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Grants by status at the end of one UTC day. */
export interface GrantStatusDay {
  readonly date: string;
  readonly active: number;
  readonly revoked: number;
  readonly suspended: number;
}

/**
 * Grant counts over time for the dashboard, rebuilt from each grant's `created_at`,
 * `revoked_at` and `suspended_at`: counts before the first day, then per-day changes, each an
 * index range (the status index, `grants_revoked_at_idx`, `grants_suspended_at_idx`), so the cost
 * follows the days shown rather than the number of grants.
 *
 * Only current suspensions have a start time: a suspension since lifted leaves no trace (the
 * grant counts as active throughout), and a grant revoked while suspended counts as active until
 * its revocation.
 */
@Injectable()
export class GrantStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

  /** One entry per UTC day from `firstDay` to `lastDay` (both `YYYY-MM-DD`), oldest first. */
  async statusByDay(firstDay: string, lastDay: string): Promise<GrantStatusDay[]> {
    const start = `${firstDay}T00:00:00Z`;
    const [[before], created, revoked, suspended] = await Promise.all([
      this.dataSource.query<Array<{ created: number; revoked: number; suspended: number }>>(
        `SELECT (SELECT count(*) FROM grants WHERE created_at < $1)::int AS created,
                (SELECT count(*) FROM grants WHERE revoked_at < $1)::int AS revoked,
                (SELECT count(*) FROM grants
                  WHERE status = 'suspended' AND suspended_at < $1)::int AS suspended`,
        [start],
      ),
      this.perDay(`created_at`, `created_at >= $1`, start),
      this.perDay(`revoked_at`, `revoked_at >= $1`, start),
      this.perDay(`suspended_at`, `status = 'suspended' AND suspended_at >= $1`, start),
    ]);
    let totals = { ...before };
    const days: GrantStatusDay[] = [];
    for (const date of utcDays(firstDay, lastDay)) {
      totals = {
        created: totals.created + (created.get(date) ?? 0),
        revoked: totals.revoked + (revoked.get(date) ?? 0),
        suspended: totals.suspended + (suspended.get(date) ?? 0),
      };
      days.push({
        date,
        active: totals.created - totals.revoked - totals.suspended,
        revoked: totals.revoked,
        suspended: totals.suspended,
      });
    }
    return days;
  }

  private async perDay(column: string, where: string, start: string): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ day: string; count: number }>>(
      `SELECT to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS count
         FROM grants WHERE ${where} GROUP BY 1`,
      [start],
    );
    return new Map(rows.map((row) => [row.day, row.count]));
  }
}

/** `YYYY-MM-DD` for every UTC day from `first` to `last`, inclusive. */
export function utcDays(first: string, last: string): string[] {
  const days: string[] = [];
  for (
    let day = Date.parse(`${first}T00:00:00Z`);
    day <= Date.parse(`${last}T00:00:00Z`);
    day += 86_400_000
  ) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

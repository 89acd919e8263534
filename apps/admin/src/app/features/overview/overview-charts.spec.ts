import { describe, expect, it } from 'vitest';
import { overviewCharts } from './overview-charts';

describe('overviewCharts', () => {
  it('turns the API series into the four charts, one label per day', () => {
    const charts = overviewCharts({
      days: 2,
      grantsByStatus: [
        { date: '2026-11-30', active: 3, revoked: 1, suspended: 0 },
        { date: '2026-12-01', active: 2, revoked: 2, suspended: 1 },
      ],
      refreshOutcomes: [
        { date: '2026-11-30', succeeded: 5, failed: 1 },
        { date: '2026-12-01', succeeded: 4, failed: 0 },
      ],
      signIns: [
        { date: '2026-11-30', count: 7 },
        { date: '2026-12-01', count: 9 },
      ],
      tasksByState: { active: 4, paused: 1 },
      googleClient: { rejected: false, since: null, refusals: 0 },
    });
    expect(charts.grants.labels).toEqual(['2026-11-30', '2026-12-01']);
    expect(charts.grants.series.map((s) => [s.label, s.data])).toEqual([
      ['active', [3, 2]],
      ['suspended', [0, 1]],
      ['revoked', [1, 2]],
    ]);
    expect(charts.refreshes.stacked).toBe(true);
    expect(charts.signIns.series[0]?.data).toEqual([7, 9]);
    expect(charts.tasks.labels).toEqual(['active', 'paused']);
    expect(charts.tasks.series[0]?.data).toEqual([4, 1]);
    expect(charts.tasks.sliceColors).toHaveLength(2);
  });
});

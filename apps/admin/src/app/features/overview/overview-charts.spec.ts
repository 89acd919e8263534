import { describe, expect, it } from 'vitest';
import type { Overview } from '../../api/api-types';
import { isEmptyChart, overviewCharts, overviewHeadline } from './overview-charts';

const HEADLINE = {
  users: 1234,
  liveGrants: 17,
  suspendedGrants: 2,
  failingTasks: 3,
  revokedInPeriod: 4,
  refreshSuccessRate: 0.9876,
};

function overviewWith(changes: Partial<Overview>): Overview {
  return {
    days: 30,
    headline: HEADLINE,
    grantsByStatus: [],
    refreshOutcomes: [],
    signIns: [],
    tasksByState: {},
    googleClient: { rejected: false, since: null, refusals: 0 },
    ...changes,
  };
}

describe('overviewCharts', () => {
  it('colours task states by meaning, whatever their order', () => {
    const charts = overviewCharts(
      overviewWith({ tasksByState: { disabled: 1, paused: 2, active: 3, unheard: 4 } }),
    );
    expect(charts.tasks.labels).toEqual(['disabled', 'paused', 'active', 'unheard']);
    expect(charts.tasks.sliceColors).toEqual(['#757575', '#f9a825', '#2e7d32', '#1565c0']);
  });

  it('calls a chart of zeros or of no days empty', () => {
    const zeros = overviewCharts(
      overviewWith({ signIns: [{ date: '2026-12-01', count: 0 }], tasksByState: {} }),
    );
    expect(isEmptyChart(zeros.signIns)).toBe(true);
    expect(isEmptyChart(zeros.tasks)).toBe(true);
    const some = overviewCharts(overviewWith({ signIns: [{ date: '2026-12-01', count: 1 }] }));
    expect(isEmptyChart(some.signIns)).toBe(false);
  });

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
      headline: HEADLINE,
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

describe('overviewHeadline', () => {
  it('formats the five numbers, the rate rounded down so 99.99 % never shows as 100 %', () => {
    const tiles = overviewHeadline(
      overviewWith({ headline: { ...HEADLINE, refreshSuccessRate: 0.99999 } }),
    );
    expect(tiles.map((t) => [t.label, t.value, t.hint])).toEqual([
      ['Users', '1,234', 'signed in at least once'],
      ['Live grants', '17', '2 more suspended'],
      ['Failing tasks', '3', 'enabled, last run failed'],
      ['Revoked', '4', 'in the last 30 days'],
      ['Refresh success', '99.9 %', 'in the last 30 days'],
    ]);
    expect(tiles.find((t) => t.id === 'failing')?.tone).toBe('warn');
  });

  it('shows a dash, not 0 %, when nothing was refreshed', () => {
    const tiles = overviewHeadline(
      overviewWith({ days: 1, headline: { ...HEADLINE, refreshSuccessRate: null } }),
    );
    expect(tiles.at(-1)).toMatchObject({ value: '—', hint: 'no refresh today' });
  });
});

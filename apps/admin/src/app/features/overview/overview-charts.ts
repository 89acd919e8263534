import type { Overview } from '../../api/api-types';
import type { ChartSpec } from '../../shared/chart.component';

export { isEmptyChart } from '../../shared/chart.component';

const GREEN = '#2e7d32';
const RED = '#c62828';
const AMBER = '#f9a825';
const BLUE = '#1565c0';
const GREY = '#757575';

/** Each task state's colour, by what it means: fine, needs a look, off, broken. */
const STATE_COLORS: Readonly<Record<string, string>> = {
  active: GREEN,
  paused: AMBER,
  disabled: GREY,
  failing: RED,
};

/** The colour of a task state; an unknown state gets blue, never a colour that means something. */
export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? BLUE;
}

/** One headline number above the charts. */
export interface HeadlineTile {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly hint: string;
  readonly tone: 'ok' | 'warn' | 'neutral';
}

/** The headline numbers, formatted: users, live grants, failing, revoked, refresh success rate. */
export function overviewHeadline(overview: Overview): HeadlineTile[] {
  const h = overview.headline;
  const rate = h.refreshSuccessRate;
  const period = overview.days === 1 ? 'today' : `in the last ${overview.days} days`;
  const count = (n: number) => n.toLocaleString('en');
  return [
    {
      id: 'users',
      label: 'Users',
      value: count(h.users),
      hint: 'signed in at least once',
      tone: 'neutral',
    },
    {
      id: 'live-grants',
      label: 'Live grants',
      value: count(h.liveGrants),
      hint: h.suspendedGrants ? `${count(h.suspendedGrants)} more suspended` : 'none suspended',
      tone: 'neutral',
    },
    {
      id: 'failing',
      label: 'Failing tasks',
      value: count(h.failingTasks),
      hint: 'enabled, last run failed',
      tone: h.failingTasks ? 'warn' : 'ok',
    },
    {
      id: 'revoked',
      label: 'Revoked',
      value: count(h.revokedInPeriod),
      hint: period,
      tone: 'neutral',
    },
    {
      id: 'refresh-rate',
      label: 'Refresh success',
      value: rate === null ? '—' : `${(Math.floor(rate * 1000) / 10).toString()} %`,
      hint: rate === null ? `no refresh ${period}` : period,
      tone: rate === null ? 'neutral' : rate < 0.95 ? 'warn' : 'ok',
    },
  ];
}

/** The overview's four charts from the API's series. */
export function overviewCharts(overview: Overview): {
  grants: ChartSpec;
  refreshes: ChartSpec;
  signIns: ChartSpec;
  tasks: ChartSpec;
} {
  const grants = overview.grantsByStatus;
  const refreshes = overview.refreshOutcomes;
  const tasks = Object.entries(overview.tasksByState);
  return {
    grants: {
      type: 'line',
      labels: grants.map((d) => d.date),
      series: [
        { label: 'active', data: grants.map((d) => d.active), color: GREEN },
        { label: 'suspended', data: grants.map((d) => d.suspended), color: AMBER },
        { label: 'revoked', data: grants.map((d) => d.revoked), color: RED },
      ],
    },
    refreshes: {
      type: 'bar',
      stacked: true,
      labels: refreshes.map((d) => d.date),
      series: [
        { label: 'succeeded', data: refreshes.map((d) => d.succeeded), color: GREEN },
        { label: 'failed', data: refreshes.map((d) => d.failed), color: RED },
      ],
    },
    signIns: {
      type: 'bar',
      labels: overview.signIns.map((d) => d.date),
      series: [{ label: 'sign-ins', data: overview.signIns.map((d) => d.count), color: BLUE }],
    },
    tasks: {
      type: 'doughnut',
      labels: tasks.map(([state]) => state),
      series: [{ label: 'tasks', data: tasks.map(([, count]) => count), color: BLUE }],
      sliceColors: tasks.map(([state]) => stateColor(state)),
    },
  };
}

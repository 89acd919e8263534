import type { Overview } from '../../api/api-types';
import type { ChartSpec } from '../../shared/chart.component';

const GREEN = '#2e7d32';
const RED = '#c62828';
const AMBER = '#f9a825';
const BLUE = '#1565c0';
const GREY = '#757575';

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
  const palette = [GREEN, AMBER, GREY, BLUE, RED];
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
      sliceColors: tasks.map((_, i) => palette[i % palette.length] ?? GREY),
    },
  };
}

import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterRenderEffect,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the overview draws (tree-shaken). Chart.js draws on a canvas and sets sizes through
// element.style (CSSOM), which the CSP allows; it inserts no stylesheet and evaluates no code.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

export interface ChartSeries {
  readonly label: string;
  readonly data: readonly number[];
  readonly color: string;
}

export interface ChartSpec {
  readonly type: 'line' | 'bar' | 'doughnut';
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly stacked?: boolean;
  /** Doughnut charts: one colour per label. */
  readonly sliceColors?: readonly string[];
}

/** Whether a chart has nothing to draw: no labels, or only zeros. */
export function isEmptyChart(spec: ChartSpec): boolean {
  return spec.labels.length === 0 || spec.series.every((s) => s.data.every((n) => n === 0));
}

/**
 * A Chart.js chart (or "No data" when it would only draw zeros) with its numbers also in a visually hidden table, so screen readers get the
 * data the canvas draws.
 */
@Component({
  selector: 'gk-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .frame {
      position: relative;
      height: 240px;
    }
    .no-data {
      display: flex;
      align-items: center;
      justify-content: center;
      height: 240px;
      margin: 0;
    }
  `,
  template: `
    @if (empty()) {
      <p class="no-data muted" data-testid="no-data">{{ emptyText() }}</p>
    } @else {
      <div class="frame">
        <canvas #canvas role="img" [attr.aria-label]="label()"></canvas>
      </div>
    }
    <table class="visually-hidden">
      <caption>
        {{
          label()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ spec().type === 'doughnut' ? 'State' : 'Date' }}</th>
          @for (series of spec().series; track series.label) {
            <th scope="col">{{ series.label }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of spec().labels; track row; let i = $index) {
          <tr>
            <th scope="row">{{ row }}</th>
            @for (series of spec().series; track series.label) {
              <td>{{ series.data[i] }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ChartComponent {
  readonly spec = input.required<ChartSpec>();
  readonly label = input.required<string>();
  readonly emptyText = input('No data for this period.');
  protected readonly empty = computed(() => isEmptyChart(this.spec()));
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
    afterRenderEffect(() => this.draw(this.spec(), this.canvas()));
  }

  private draw(spec: ChartSpec, canvas: ElementRef<HTMLCanvasElement> | undefined): void {
    this.chart?.destroy();
    this.chart = undefined;
    const context = canvas?.nativeElement.getContext('2d');
    if (!context) return; // no canvas (unit tests under jsdom)
    const doughnut = spec.type === 'doughnut';
    this.chart = new Chart(context, {
      type: spec.type,
      data: {
        labels: [...spec.labels],
        datasets: spec.series.map((series) => ({
          label: series.label,
          data: [...series.data],
          borderColor: doughnut ? undefined : series.color,
          backgroundColor: doughnut ? [...(spec.sliceColors ?? [])] : series.color,
          tension: 0.2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: doughnut
          ? {}
          : {
              x: { stacked: spec.stacked ?? false },
              y: { stacked: spec.stacked ?? false, beginAtZero: true, ticks: { precision: 0 } },
            },
      },
    });
  }
}

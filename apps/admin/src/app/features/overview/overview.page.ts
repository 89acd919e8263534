import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { Overview } from '../../api/api-types';
import { OperationsApi } from '../../api/operations-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { ChartComponent } from '../../shared/chart.component';
import { LoadState } from '../../shared/load-state';
import { overviewCharts, overviewHeadline } from './overview-charts';

/**
 * Headline numbers, then grants by status over time, refresh outcomes, sign-ins per day and
 * tasks by state.
 */
@Component({
  selector: 'gk-overview-page',
  imports: [
    FormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    ApiErrorComponent,
    ChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .headline {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(130px, 1fr));
      gap: 12px;
      margin: 16px 0;
      padding: 0;
      list-style: none;
    }
    .tile {
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .tile-label {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .tile-value {
      font: var(--mat-sys-headline-medium);
      margin: 4px 0;
    }
    .tile-hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tone-warn {
      border-color: #f9a825;
      background: light-dark(#fff8e1, #3d3000);
    }
    .tone-warn .tile-value {
      color: light-dark(#8c1d18, #ffb4ab);
    }
  `,
  template: `
    <section class="page">
      <h1 class="page-title">Overview</h1>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Period</mat-label>
        <mat-select name="days" [ngModel]="days()" (ngModelChange)="setDays($event)">
          @for (option of periods; track option) {
            <mat-option [value]="option">last {{ option }} days</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (overview.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the overview" />
      }
      <gk-api-error [error]="overview.error()" />
      @if (overview.value()?.googleClient?.rejected) {
        <p class="status status-failed" role="alert" id="google-client-rejected">
          Google refuses our OAuth client (401 invalid_client) since
          {{ overview.value()?.googleClient?.since }}: check GOOGLE_CLIENT_IDS and
          GOOGLE_CLIENT_SECRET. Refreshes are held back and no grant is changed; Google is asked
          again every minute.
        </p>
      }
      @if (headline(); as tiles) {
        <ul class="headline" aria-label="Headline numbers">
          @for (tile of tiles; track tile.id) {
            <li
              class="tile"
              [class]="'tone-' + tile.tone"
              [attr.data-testid]="'headline-' + tile.id"
            >
              <div class="tile-label">{{ tile.label }}</div>
              <div class="tile-value">{{ tile.value }}</div>
              <div class="tile-hint">{{ tile.hint }}</div>
            </li>
          }
        </ul>
      }
      @if (charts(); as charts) {
        <div class="cards">
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Grants by status</mat-card-title></mat-card-header>
            <mat-card-content>
              <gk-chart [spec]="charts.grants" label="Grants by status per day" />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Token refreshes</mat-card-title></mat-card-header>
            <mat-card-content>
              <gk-chart [spec]="charts.refreshes" label="Refresh outcomes per day" />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Sign-ins</mat-card-title></mat-card-header>
            <mat-card-content>
              <gk-chart [spec]="charts.signIns" label="Sign-ins per day" />
            </mat-card-content>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Tasks by state</mat-card-title></mat-card-header>
            <mat-card-content>
              <gk-chart
                [spec]="charts.tasks"
                label="Users' offline tasks by state"
                emptyText="No offline tasks yet."
              />
            </mat-card-content>
          </mat-card>
        </div>
      }
    </section>
  `,
})
export class OverviewPage {
  private readonly api = inject(OperationsApi);
  protected readonly periods = [7, 30, 90, 365];
  protected readonly days = signal(30);
  protected readonly overview = new LoadState<Overview>();
  protected readonly charts = computed(() => {
    const overview = this.overview.value();
    return overview ? overviewCharts(overview) : undefined;
  });
  protected readonly headline = computed(() => {
    const overview = this.overview.value();
    return overview ? overviewHeadline(overview) : undefined;
  });

  constructor() {
    void this.load();
  }

  protected setDays(days: number): void {
    this.days.set(days);
    void this.load();
  }

  private load(): Promise<Overview | undefined> {
    return this.overview.run(() => this.api.overview(this.days()));
  }
}

import { DatePipe, KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { FailedJob, FailedJobs, JobsOverview } from '../../api/api-types';
import { OperationsApi } from '../../api/operations-api.service';
import { describeTaskError } from '../../shared/task-health';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { LoadState } from '../../shared/load-state';

/** The job queue: counts per queue, tasks by state, recent runs, failed jobs to retry. */
@Component({
  selector: 'gk-jobs-page',
  imports: [
    DatePipe,
    KeyValuePipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs.page.html',
})
export class JobsPage {
  private readonly api = inject(OperationsApi);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly jobs = new LoadState<JobsOverview>();
  protected readonly failed = new LoadState<FailedJobs>();
  protected readonly retryError = signal<ApiError | undefined>(undefined);
  protected readonly retrying = signal<string | undefined>(undefined);
  protected readonly queueColumns = ['name', 'queued', 'active', 'deferred', 'failed', 'total'];
  protected readonly describeTaskError = describeTaskError;
  protected readonly runColumns = ['task', 'user', 'finished', 'attempt', 'outcome', 'error'];

  constructor() {
    void this.refresh();
  }

  protected async refresh(): Promise<void> {
    await Promise.all([
      this.jobs.run(() => this.api.jobs()),
      this.failed.run(() => this.api.failedJobs()),
    ]);
  }

  protected async retry(job: FailedJob): Promise<void> {
    this.retrying.set(job.id);
    this.retryError.set(undefined);
    try {
      await this.api.retryJob(job.queue, job.id);
      this.snackBar.open(`Job ${job.name} queued again.`, 'OK', { duration: 4000 });
      await this.refresh();
    } catch (failure) {
      this.retryError.set(apiErrorOf(failure));
    } finally {
      this.retrying.set(undefined);
    }
  }
}

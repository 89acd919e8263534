import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { VaultStatus } from '../../api/api-types';
import { OperationsApi } from '../../api/operations-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { plural } from '../../shared/labels';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';

/** Key versions, envelopes per version, and the re-wrap onto the active version. */
@Component({
  selector: 'gk-vault-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title">Vault keys</h1>
      @if (vault.loading() && !vault.value()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the vault" />
      }
      <gk-api-error [error]="vault.error()" />
      @if (vault.value(); as vault) {
        <p>
          Active key version: <strong id="active-version">{{ vault.activeVersion }}</strong>
        </p>
        <div class="table-wrap">
          <table mat-table [dataSource]="vault.versions" aria-label="Key versions">
            <ng-container matColumnDef="version">
              <th mat-header-cell *matHeaderCellDef>Version</th>
              <td mat-cell *matCellDef="let row">
                {{ row.version }}
                @if (row.version === vault.activeVersion) {
                  <span class="status status-active">active</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="envelopes">
              <th mat-header-cell *matHeaderCellDef>Envelopes</th>
              <td mat-cell *matCellDef="let row">{{ row.envelopes }}</td>
            </ng-container>
            <ng-container matColumnDef="configured">
              <th mat-header-cell *matHeaderCellDef>In the keyring</th>
              <td mat-cell *matCellDef="let row">{{ row.configured ? 'yes' : 'missing' }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>

        <h2>Re-wrap</h2>
        <p id="rewrap-progress">
          {{ total() - remaining() }} of {{ envelopes(total()) }} on version
          {{ vault.activeVersion }}; {{ remaining() === 0 ? 'nothing' : envelopes(remaining()) }} to
          re-wrap.
        </p>
        <mat-progress-bar
          mode="determinate"
          [value]="percent()"
          [attr.aria-label]="'Re-wrapped ' + percent() + '%'"
        />
        @let rewrap = vault.rewrap;
        <p class="muted" id="rewrap-status">
          @if (rewrap.queued) {
            A re-wrap job is queued or running.
          }
          @if (rewrap.lastRun; as last) {
            Last run {{ last.finishedAt | date: 'medium' }} re-wrapped
            {{ envelopes(last.rewrapped) }}.
          } @else {
            No re-wrap has run yet.
          }
        </p>
        <div class="actions">
          <!-- The main action only when envelopes wait on older key versions. -->
          <button
            [matButton]="remaining() > 0 ? 'filled' : 'outlined'"
            type="button"
            id="start-rewrap"
            (click)="startRewrap()"
            [disabled]="busy() || vault.rewrap.queued"
          >
            Start re-wrap
          </button>
          <button mat-button type="button" (click)="load()">Refresh</button>
        </div>
        <gk-api-error [error]="rewrapError()" />
        @if (started(); as started) {
          <p role="status">{{ started }}</p>
        }
      }
    </section>
  `,
})
export class VaultPage {
  private readonly api = inject(OperationsApi);
  private readonly dialog = inject(ReasonDialog);
  protected readonly vault = new LoadState<VaultStatus>();
  protected readonly columns = ['version', 'envelopes', 'configured'];
  protected readonly busy = signal(false);
  protected readonly rewrapError = signal<ApiError | undefined>(undefined);
  protected readonly started = signal<string | undefined>(undefined);
  protected readonly total = computed(() =>
    (this.vault.value()?.versions ?? []).reduce((sum, v) => sum + v.envelopes, 0),
  );
  protected readonly remaining = computed(() => this.vault.value()?.rewrap.remaining ?? 0);
  protected readonly percent = computed(() =>
    this.total() === 0 ? 100 : Math.round(((this.total() - this.remaining()) / this.total()) * 100),
  );

  protected readonly envelopes = (n: number) => plural(n, 'envelope');

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    await this.vault.run(() => this.api.vault());
  }

  protected async startRewrap(): Promise<void> {
    const confirmed = await this.dialog.ask({
      title: 'Start a re-wrap?',
      message: `The ${plural(this.remaining(), 'envelope')} on older key versions are re-wrapped onto the active version in resumable batches, in the background.`,
      confirmLabel: 'Start re-wrap',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    this.busy.set(true);
    this.rewrapError.set(undefined);
    try {
      const { queued, remaining } = await this.api.startRewrap();
      this.started.set(
        queued
          ? `Re-wrap queued: ${plural(remaining, 'envelope')} to go.`
          : `A re-wrap is already queued or running: ${plural(remaining, 'envelope')} to go.`,
      );
      await this.load();
    } catch (failure) {
      this.rewrapError.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
  }
}

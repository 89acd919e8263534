import { DatePipe, DecimalPipe } from '@angular/common';
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
    DecimalPipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTableModule,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .encryptions .status {
      margin-left: 8px;
    }
  `,
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
            <ng-container matColumnDef="encryptions">
              <th mat-header-cell *matHeaderCellDef>Encryptions</th>
              <td mat-cell *matCellDef="let row" class="encryptions">
                {{ row.encryptions | number }}
                <span class="muted"
                  >({{ shareOfLimit(row.encryptions, vault.encryptionLimit) }} of 2³²)</span
                >
                @if (row.rotateSoon) {
                  <span class="status status-warning">rotate soon</span>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>

        @if (rotateSoon().length > 0) {
          <p class="warning" role="alert" id="rotate-soon">
            Key version {{ rotateSoon().join(', ') }} has made over a quarter of the 2³² encryptions
            AES-GCM allows one key with random nonces: add a new key version to VAULT_KEYS, make it
            active, then re-wrap.
          </p>
        }
        <p class="muted">
          Every seal, reseal (a refresh) and re-wrap is one encryption under the active key; the
          vault warns at 2³⁰.
        </p>

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
            Last run {{ last.finishedAt | date: 'MMM d, y, HH:mm z' }} re-wrapped
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
  protected readonly columns = ['version', 'envelopes', 'configured', 'encryptions'];
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
  protected readonly rotateSoon = computed(() =>
    (this.vault.value()?.versions ?? []).filter((v) => v.rotateSoon).map((v) => v.version),
  );

  constructor() {
    void this.load();
  }

  /** `0.01%`, `25%`: how much of the per-key bound a version has used. */
  protected shareOfLimit(encryptions: number, limit: number): string {
    const share = (encryptions / limit) * 100;
    if (share === 0) return '0%';
    return share < 0.01 ? '<0.01%' : `${share < 10 ? share.toFixed(2) : share.toFixed(0)}%`;
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

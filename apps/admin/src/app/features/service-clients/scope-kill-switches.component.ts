import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { ScopeKillSwitch, ScopeKillSwitchList } from '../../api/api-types';
import { IssuanceControlsApi } from '../../api/issuance-controls-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { fullScope, shortScope } from '../../shared/labels';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';

/**
 * "Scope kill switches": the Google scopes no token may include now, for any client; "Stop a
 * scope…" (short name or URL, and a reason) and "Clear".
 */
@Component({
  selector: 'gk-scope-kill-switches',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .scope-field {
      min-width: 320px;
    }
    .danger {
      color: var(--mat-sys-error);
    }
    mat-card {
      max-width: 1100px;
      margin: 24px 0 0;
    }
  `,
  template: `
    <mat-card appearance="outlined" id="scope-kill-switches">
      <mat-card-header>
        <mat-card-title>Scope kill switches</mat-card-title>
        <mat-card-subtitle
          >While a scope is stopped, no client gets a token that includes it (403
          <span class="mono">issuance_stopped</span>).</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        <gk-api-error [error]="switches.error()" />
        @if (switches.value(); as list) {
          @if (list.items.length === 0) {
            <p class="muted" role="status" id="no-scope-switches">No scope is stopped.</p>
          } @else {
            <div class="table-wrap">
              <table mat-table [dataSource]="list.items" aria-label="Stopped scopes">
                <ng-container matColumnDef="scope">
                  <th mat-header-cell *matHeaderCellDef>Scope</th>
                  <td mat-cell *matCellDef="let stop" class="mono" [attr.title]="stop.scope">
                    {{ shortScope(stop.scope) }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="reason">
                  <th mat-header-cell *matHeaderCellDef>Reason</th>
                  <td mat-cell *matCellDef="let stop">{{ stop.reason }}</td>
                </ng-container>
                <ng-container matColumnDef="since">
                  <th mat-header-cell *matHeaderCellDef>Since</th>
                  <td mat-cell *matCellDef="let stop">
                    {{ stop.since | date: 'MMM d, y, HH:mm z' }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="by">
                  <th mat-header-cell *matHeaderCellDef>By</th>
                  <td mat-cell *matCellDef="let stop">
                    @if (stop.by) {
                      <a [routerLink]="['/users', stop.by]" [attr.title]="stop.by">an admin</a>
                    } @else {
                      —
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="actions">
                  <th mat-header-cell *matHeaderCellDef>
                    <span class="visually-hidden">Actions</span>
                  </th>
                  <td mat-cell *matCellDef="let stop">
                    <button
                      mat-button
                      type="button"
                      (click)="clear(stop)"
                      [attr.aria-label]="'Clear the switch of ' + shortScope(stop.scope)"
                    >
                      Clear…
                    </button>
                  </td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="columns"></tr>
                <tr mat-row *matRowDef="let row; columns: columns"></tr>
              </table>
            </div>
          }
        }
        <form class="inline-form" aria-label="Stop a scope" (ngSubmit)="stop()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="scope-field">
            <mat-label>Scope to stop (gmail.send or its URL)</mat-label>
            <input matInput name="scope" placeholder="gmail.send" [(ngModel)]="scope" />
          </mat-form-field>
          <button mat-stroked-button type="submit" class="danger" [disabled]="busy()">
            Stop a scope…
          </button>
        </form>
        <gk-api-error [error]="actionError()" />
      </mat-card-content>
    </mat-card>
  `,
})
export class ScopeKillSwitchesComponent {
  private readonly api = inject(IssuanceControlsApi);
  private readonly dialog = inject(ReasonDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly switches = new LoadState<ScopeKillSwitchList>();
  protected readonly busy = signal(false);
  protected readonly actionError = signal<ApiError | undefined>(undefined);
  protected readonly columns = ['scope', 'reason', 'since', 'by', 'actions'];
  protected readonly shortScope = shortScope;
  protected scope = '';

  constructor() {
    void this.load();
  }

  private load(): Promise<ScopeKillSwitchList | undefined> {
    return this.switches.run(() => this.api.scopeSwitches());
  }

  protected async stop(): Promise<void> {
    this.actionError.set(undefined);
    if (this.scope.trim() === '') {
      this.actionError.set({
        statusCode: 0,
        error: 'scope_required',
        message: 'Say which scope: a short name such as gmail.send, or its URL.',
      });
      return;
    }
    const scope = fullScope(this.scope);
    const reason = await this.dialog.ask({
      title: `Stop the scope ${shortScope(scope)}?`,
      message: `No client gets a token that includes ${scope} (403 issuance_stopped) within seconds, until an admin clears the switch. The services are told the reason.`,
      confirmLabel: 'Stop the scope',
    });
    if (reason === undefined) return;
    await this.act(
      () => this.api.stopScope(scope, reason),
      `Tokens with ${shortScope(scope)} stopped.`,
    );
    if (!this.actionError()) this.scope = '';
  }

  protected async clear(stop: ScopeKillSwitch): Promise<void> {
    const confirmed = await this.dialog.ask({
      title: `Clear the switch of ${shortScope(stop.scope)}?`,
      message: 'Tokens that include the scope are issued again within seconds.',
      confirmLabel: 'Clear',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    await this.act(() => this.api.clearScope(stop.scope), `${shortScope(stop.scope)} cleared.`);
  }

  private async act(change: () => Promise<unknown>, done: string): Promise<void> {
    this.busy.set(true);
    this.actionError.set(undefined);
    try {
      await change();
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (failure) {
      this.actionError.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
    await this.load();
  }
}

import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf, isApiError } from '../../api/api-error';
import type { ServiceClientControls, SetServiceRateLimits } from '../../api/api-types';
import { IssuanceControlsApi } from '../../api/issuance-controls-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';

/** The API's bound on a client's limits (SetServiceRateLimitsDto). */
export const MAX_LIMIT = 1_000_000;

export interface LimitsForm {
  perMinute: string;
  perUserPerMinute: string;
}

/** The form's text as the API takes it: empty is null (the default); else a whole number in range. */
export function limitsBodyOf(form: LimitsForm): SetServiceRateLimits | ApiError {
  const problems: string[] = [];
  const parse = (text: string, label: string): number | null => {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    const value = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || value < 1 || value > MAX_LIMIT) {
      problems.push(
        `${label} must be a whole number from 1 to ${MAX_LIMIT.toLocaleString('en')}, or empty for the default.`,
      );
    }
    return value;
  };
  const body = {
    perMinute: parse(form.perMinute, 'Calls per minute'),
    perUserPerMinute: parse(form.perUserPerMinute, 'Token requests per user per minute'),
  };
  if (problems.length > 0) {
    return {
      statusCode: 0,
      error: 'invalid_limits',
      message: 'Check the limits.',
      details: problems,
    };
  }
  return body;
}

/**
 * A service client's "Limits and kill switch": the limits in force (its own or the defaults), a
 * form to set them, and the switch that stops its token issuance at once (a reason asked, shown
 * prominently while on) and resumes it.
 */
@Component({
  selector: 'gk-service-client-controls',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .stopped {
      border: 2px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      border-radius: 8px;
      padding: 12px 16px;
      margin: 8px 0 12px;
      max-width: 900px;
      h3 {
        margin: 0 0 4px;
        font: var(--mat-sys-title-medium);
      }
      p {
        margin: 4px 0;
      }
      a {
        color: inherit;
      }
    }
    .danger {
      color: var(--mat-sys-error);
    }
  `,
  template: `
    <gk-api-error [error]="controls.error()" />
    @if (controls.value(); as value) {
      @if (value.killSwitch; as stop) {
        <section
          class="stopped"
          role="alert"
          id="kill-switch-on"
          aria-labelledby="kill-switch-title"
        >
          <h3 id="kill-switch-title">Token issuance is stopped</h3>
          <p>
            Every token request of {{ clientName() }} is refused (403
            <span class="mono">issuance_stopped</span>); its keys still work for the other calls.
          </p>
          <p class="reason">Reason: {{ stop.reason }}</p>
          <p>
            Since {{ stop.since | date: 'MMM d, y, HH:mm z' }}, by
            @if (stop.by) {
              <a [routerLink]="['/users', stop.by]" [attr.title]="stop.by">an admin</a>
            } @else {
              an admin no longer on record
            }
          </p>
          <div class="actions">
            <button mat-flat-button type="button" id="resume-issuance" (click)="resume()">
              Resume issuance
            </button>
          </div>
        </section>
      }
      <mat-card appearance="outlined">
        <mat-card-content>
          <dl class="details" id="limits-in-force">
            <dt>Calls per minute</dt>
            <dd>
              {{ value.effective.perMinute.toLocaleString('en') }}
              <span class="muted">{{
                value.rateLimits.perMinute === null ? '(the default)' : '(its own)'
              }}</span>
            </dd>
            <dt>Token requests per user per minute</dt>
            <dd>
              {{ value.effective.perUserPerMinute.toLocaleString('en') }}
              <span class="muted">{{
                value.rateLimits.perUserPerMinute === null ? '(the default)' : '(its own)'
              }}</span>
            </dd>
          </dl>
          <form class="inline-form" aria-label="Rate limits" (ngSubmit)="saveLimits()">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Calls per minute</mat-label>
              <input
                matInput
                name="perMinute"
                inputmode="numeric"
                placeholder="default"
                [(ngModel)]="limits.perMinute"
              />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Per user per minute</mat-label>
              <input
                matInput
                name="perUserPerMinute"
                inputmode="numeric"
                placeholder="default"
                [(ngModel)]="limits.perUserPerMinute"
              />
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy()">Set limits</button>
            <span class="muted">Empty: the default.</span>
          </form>
          @if (!value.killSwitch) {
            <div class="actions">
              <button
                mat-stroked-button
                type="button"
                class="danger"
                id="stop-issuance"
                (click)="stop()"
              >
                Stop issuing tokens…
              </button>
            </div>
          }
          <gk-api-error [error]="actionError()" />
        </mat-card-content>
      </mat-card>
    }
  `,
})
export class ServiceClientControlsComponent {
  readonly clientId = input.required<string>();
  readonly clientName = input.required<string>();
  private readonly api = inject(IssuanceControlsApi);
  private readonly dialog = inject(ReasonDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly controls = new LoadState<ServiceClientControls>();
  protected readonly busy = signal(false);
  protected readonly actionError = signal<ApiError | undefined>(undefined);
  protected readonly limits: LimitsForm = { perMinute: '', perUserPerMinute: '' };

  constructor() {
    effect(() => void this.load(this.clientId()));
  }

  private async load(id: string): Promise<void> {
    const controls = await this.controls.run(() => this.api.controls(id));
    if (controls) this.fill(controls);
  }

  private fill(controls: ServiceClientControls): void {
    this.controls.value.set(controls);
    this.limits.perMinute = controls.rateLimits.perMinute?.toString() ?? '';
    this.limits.perUserPerMinute = controls.rateLimits.perUserPerMinute?.toString() ?? '';
  }

  protected async saveLimits(): Promise<void> {
    const body = limitsBodyOf(this.limits);
    if (isApiError(body)) {
      this.actionError.set(body);
      return;
    }
    await this.act(() => this.api.setRateLimits(this.clientId(), body), 'Limits set.');
  }

  protected async stop(): Promise<void> {
    const reason = await this.dialog.ask({
      title: `Stop issuing tokens to ${this.clientName()}?`,
      message:
        'Every token request of the service is refused (403 issuance_stopped) within seconds, until an admin resumes it. Its keys keep working for the other calls. The service is told the reason.',
      confirmLabel: 'Stop issuing tokens',
    });
    if (reason === undefined) return;
    await this.act(() => this.api.stopClient(this.clientId(), reason), 'Token issuance stopped.');
  }

  protected async resume(): Promise<void> {
    const confirmed = await this.dialog.ask({
      title: `Resume issuance to ${this.clientName()}?`,
      message: 'The service gets tokens again within seconds.',
      confirmLabel: 'Resume issuance',
      requireReason: false,
    });
    if (confirmed === undefined) return;
    await this.act(() => this.api.resumeClient(this.clientId()), 'Token issuance resumed.');
  }

  private async act(change: () => Promise<ServiceClientControls>, done: string): Promise<void> {
    this.busy.set(true);
    this.actionError.set(undefined);
    try {
      this.fill(await change());
      this.snackBar.open(done, 'OK', { duration: 4000 });
    } catch (failure) {
      this.actionError.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
  }
}

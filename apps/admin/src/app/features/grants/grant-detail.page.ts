import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { AdminGrantDetail } from '../../api/api-types';
import { GrantsApi } from '../../api/grants-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { AuditListComponent } from '../../shared/audit-list.component';
import { labelOf, shortScope } from '../../shared/labels';
import { LoadState } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';

const UPSTREAM: Readonly<Record<string, string>> = {
  revoked: 'Google confirmed the revocation.',
  already_invalid: 'Google no longer knew the token: it was already invalid.',
  pending: "Google's revoke endpoint failed; the purge job retries it. Revoked here already.",
};

/** One grant: its state, scopes, audit timeline, and the revoke button. */
@Component({
  selector: 'gk-grant-detail-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    RouterLink,
    ApiErrorComponent,
    AuditListComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <p><a routerLink="/grants">← Grants</a></p>
      @if (detail.loading() && !detail.value()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the grant" />
      }
      <gk-api-error [error]="detail.error()" />
      @if (detail.value(); as detail) {
        <h1 class="page-title">Grant of {{ detail.grant.email ?? detail.grant.userId }}</h1>
        <mat-card appearance="outlined">
          <mat-card-content>
            <dl class="details">
              <dt>Status</dt>
              <dd>
                <span class="status status-{{ detail.grant.status }}" id="grant-status">{{
                  detail.grant.status
                }}</span>
              </dd>
              <dt>User</dt>
              <dd>
                <a [routerLink]="['/users', detail.grant.userId]">{{ detail.grant.email }}</a>
              </dd>
              <dt>Scopes</dt>
              <dd>
                @for (scope of detail.grant.scopes; track scope) {
                  <div class="mono scope" [attr.title]="scope">{{ shortScope(scope) }}</div>
                }
              </dd>
              <dt>Health</dt>
              <dd>
                @for (flag of detail.grant.healthFlags; track flag) {
                  <div [attr.title]="flag">{{ labelOf(flag) }}</div>
                } @empty {
                  no flags
                }
              </dd>
              <dt>Created</dt>
              <dd>{{ detail.grant.createdAt | date: 'MMM d, y, HH:mm z' }}</dd>
              <dt>Last used</dt>
              <dd>
                {{
                  detail.grant.lastUsedAt
                    ? (detail.grant.lastUsedAt | date: 'MMM d, y, HH:mm z')
                    : 'never'
                }}
              </dd>
              <dt>Last refreshed</dt>
              <dd>
                {{
                  detail.grant.lastRefreshedAt
                    ? (detail.grant.lastRefreshedAt | date: 'MMM d, y, HH:mm z')
                    : 'never'
                }}
              </dd>
              <dt>Failures</dt>
              <dd>{{ detail.grant.failureCount }}</dd>
              <dt>Refresh token expires</dt>
              <dd>
                {{
                  detail.grant.refreshTokenExpiresAt
                    ? (detail.grant.refreshTokenExpiresAt | date: 'MMM d, y, HH:mm z')
                    : 'never (Google sent no expiry)'
                }}
              </dd>
              @if (detail.grant.reauthRequiredAt) {
                <dt>Sign-in needed</dt>
                <dd>
                  Google has asked the user to sign in again since
                  {{ detail.grant.reauthRequiredAt | date: 'MMM d, y, HH:mm z' }} (invalid_rapt);
                  the grant is kept.
                </dd>
              }
              @if (detail.grant.revokedAt) {
                <dt>Revoked</dt>
                <dd>
                  {{ detail.grant.revokedAt | date: 'MMM d, y, HH:mm z' }} by
                  <span id="revoked-by" [attr.title]="detail.grant.revokedBy">{{
                    detail.revokedByEmail ?? detail.grant.revokedBy
                  }}</span>: “{{ detail.grant.revocationReason }}”
                </dd>
              }
            </dl>
          </mat-card-content>
          @if (detail.grant.status !== 'revoked') {
            <mat-card-actions>
              <button
                mat-flat-button
                type="button"
                class="revoke"
                (click)="revoke()"
                [disabled]="busy()"
              >
                Revoke grant…
              </button>
            </mat-card-actions>
          }
        </mat-card>
        <gk-api-error [error]="revokeError()" />
        @if (upstream(); as upstream) {
          <p role="status" id="revoke-result">Revoked. {{ upstream }}</p>
        }
        <h2>Timeline</h2>
        <gk-audit-list [events]="detail.timeline" />
      }
    </section>
  `,
})
export class GrantDetailPage {
  readonly id = input.required<string>();
  private readonly api = inject(GrantsApi);
  private readonly dialog = inject(ReasonDialog);
  protected readonly detail = new LoadState<AdminGrantDetail>();
  protected readonly revokeError = signal<ApiError | undefined>(undefined);
  protected readonly upstream = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly shortScope = shortScope;
  protected readonly labelOf = labelOf;

  constructor() {
    effect(() => void this.detail.run(() => this.api.detail(this.id())));
  }

  protected async revoke(): Promise<void> {
    const grant = this.detail.value()?.grant;
    if (!grant) return;
    const reason = await this.dialog.ask({
      title: 'Revoke this grant?',
      message: `Offline access of ${grant.email ?? grant.userId} ends here at once and is revoked at Google; their tasks pause until they consent again.`,
      confirmLabel: 'Revoke',
    });
    if (reason === undefined) return;
    this.busy.set(true);
    this.revokeError.set(undefined);
    try {
      const result = await this.api.revoke(grant.id, reason);
      this.upstream.set(UPSTREAM[result.upstream] ?? '');
      await this.detail.run(() => this.api.detail(grant.id));
    } catch (failure) {
      this.revokeError.set(apiErrorOf(failure));
    } finally {
      this.busy.set(false);
    }
  }
}

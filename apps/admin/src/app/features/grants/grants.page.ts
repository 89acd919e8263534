import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { type ApiError, apiErrorOf } from '../../api/api-error';
import type { AdminGrant } from '../../api/api-types';
import { GrantsApi } from '../../api/grants-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { PagedList } from '../../shared/load-state';
import { ReasonDialog } from '../../shared/reason-dialog.service';
import {
  EMPTY_GRANT_FILTER,
  type GrantFilterForm,
  grantFilterOf,
  grantQueryOf,
} from './grant-filter';

const PAGE_SIZE = 50;
export const HEALTH_FLAGS = [
  'testing_mode_expiry',
  'idle_near_expiry',
  'refresh_token_churn',
  'reauth_required',
];

/** Grants by status, scope, health flag, use and creation; sort; revoke all a filter matches. */
@Component({
  selector: 'gk-grants-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './grants.page.html',
})
export class GrantsPage {
  private readonly api = inject(GrantsApi);
  private readonly dialog = inject(ReasonDialog);
  protected readonly list = new PagedList<AdminGrant>();
  protected readonly form: GrantFilterForm = { ...EMPTY_GRANT_FILTER };
  protected readonly flags = HEALTH_FLAGS;
  protected readonly columns = ['email', 'status', 'scopes', 'flags', 'created', 'lastUsed'];
  protected readonly bulkError = signal<ApiError | undefined>(undefined);
  protected readonly bulkResult = signal<string | undefined>(undefined);
  protected readonly bulkBusy = signal(false);

  constructor() {
    void this.search();
  }

  protected search(): Promise<void> {
    return this.list.load((cursor) => this.api.search(grantQueryOf(this.form, PAGE_SIZE, cursor)));
  }

  protected more(): Promise<void> {
    return this.list.load(
      (cursor) => this.api.search(grantQueryOf(this.form, PAGE_SIZE, cursor)),
      true,
    );
  }

  protected reset(): Promise<void> {
    Object.assign(this.form, EMPTY_GRANT_FILTER);
    return this.search();
  }

  /** A dry run counts what the filter would revoke; the admin then confirms with a reason. */
  protected async revokeMatching(): Promise<void> {
    const filter = grantFilterOf(this.form);
    this.bulkError.set(undefined);
    this.bulkResult.set(undefined);
    if (Object.keys(filter).length === 0) {
      this.bulkError.set({
        statusCode: 0,
        error: 'empty_filter',
        message: 'Bulk revocation needs at least one filter.',
      });
      return;
    }
    this.bulkBusy.set(true);
    try {
      const { count = 0 } = await this.api.revokeBulk(filter, 'dry run', true);
      if (count === 0) {
        this.bulkResult.set('No live grant matches these filters: nothing to revoke.');
        return;
      }
      const reason = await this.dialog.ask({
        title: `Revoke ${count} grant${count === 1 ? '' : 's'}?`,
        message: `Every live grant matching the filters (${count}) is revoked here at once and at Google. The users must consent again.`,
        confirmLabel: `Revoke ${count}`,
      });
      if (reason === undefined) return;
      const { revoked = 0 } = await this.api.revokeBulk(filter, reason, false);
      this.bulkResult.set(`${revoked} grant${revoked === 1 ? '' : 's'} revoked.`);
      await this.search();
    } catch (failure) {
      this.bulkError.set(apiErrorOf(failure));
    } finally {
      this.bulkBusy.set(false);
    }
  }
}

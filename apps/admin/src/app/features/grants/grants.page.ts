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
import type { AdminGrant, GrantHealthFlag } from '../../api/api-types';
import { GrantsApi } from '../../api/grants-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { PagedList } from '../../shared/load-state';
import { HEALTH_FLAG_LABELS, labelOf, shortScope } from '../../shared/labels';
import { ReasonDialog } from '../../shared/reason-dialog.service';
import { UrlQuery } from '../../shared/url-query';
import {
  EMPTY_GRANT_FILTER,
  type GrantFilterForm,
  grantFilterOf,
  grantQueryOf,
} from './grant-filter';

const PAGE_SIZE = 50;
/** The flags to filter by: every one the api declares (the label table is typed by them). */
export const HEALTH_FLAGS = Object.keys(HEALTH_FLAG_LABELS) as GrantHealthFlag[];

/**
 * Grants by status, scope, health flag, use and creation; sort; revoke all a filter matches. The
 * filters live in the URL.
 */
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
  protected readonly labelOf = labelOf;
  protected readonly shortScope = shortScope;
  private readonly url = new UrlQuery(this.form, EMPTY_GRANT_FILTER, () => this.search());

  /** Writes the filters to the URL, which loads them. */
  protected apply(): Promise<void> {
    return this.url.apply();
  }

  /** A column header: sort by it, newest first; again, the other way round. */
  protected sortBy(column: GrantFilterForm['sort']): Promise<void> {
    if (this.form.sort === column) {
      this.form.order = this.form.order === 'desc' ? 'asc' : 'desc';
    } else {
      this.form.sort = column;
      this.form.order = 'desc';
    }
    return this.apply();
  }

  protected ariaSort(column: GrantFilterForm['sort']): string {
    if (this.form.sort !== column) return 'none';
    return this.form.order === 'desc' ? 'descending' : 'ascending';
  }

  private search(): Promise<void> {
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
    return this.apply();
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

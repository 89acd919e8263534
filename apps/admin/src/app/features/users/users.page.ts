import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AdminUser, UserQuery } from '../../api/api-types';
import { UsersApi } from '../../api/users-api.service';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { PagedList } from '../../shared/load-state';
import { UrlQuery } from '../../shared/url-query';

const PAGE_SIZE = 50;

type UsersForm = {
  q: string;
  sort: NonNullable<UserQuery['sort']>;
  order: NonNullable<UserQuery['order']>;
};

const EMPTY_USERS_FORM: UsersForm = { q: '', sort: 'created_at', order: 'desc' };

/**
 * Users, newest first or sorted by joining or last sign-in either way; search by part of the
 * email or name, or the exact Google `sub`.
 */
@Component({
  selector: 'gk-users-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    FormsModule,
    RouterLink,
    ApiErrorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title">Users</h1>
      <form class="filters" role="search" (ngSubmit)="url.apply()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search-field">
          <mat-label>Email, name or Google sub</mat-label>
          <input matInput name="q" type="search" [(ngModel)]="form.q" autocomplete="off" />
        </mat-form-field>
        <button mat-flat-button type="submit">Search</button>
      </form>
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading users" />
      }
      <gk-api-error [error]="list.error()" />
      @if (list.loaded() && list.items().length === 0) {
        <p class="muted" role="status">No users match.</p>
      }
      @if (list.items().length) {
        <p class="muted list-count" role="status">{{ list.count('user') }}</p>
        <div class="table-wrap">
          <table mat-table [dataSource]="list.items()" aria-label="Users">
            <ng-container matColumnDef="email">
              <th mat-header-cell *matHeaderCellDef>Email</th>
              <td mat-cell *matCellDef="let user">
                <a [routerLink]="['/users', user.id]">{{ user.email ?? user.sub }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Name</th>
              <td mat-cell *matCellDef="let user">{{ user.name }}</td>
            </ng-container>
            <ng-container matColumnDef="role">
              <th mat-header-cell *matHeaderCellDef>Role</th>
              <td mat-cell *matCellDef="let user">{{ user.role }}</td>
            </ng-container>
            <ng-container matColumnDef="grant">
              <th mat-header-cell *matHeaderCellDef>Offline access</th>
              <td mat-cell *matCellDef="let user">
                <span class="status status-{{ user.grantStatus }}">{{ user.grantStatus }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="created">
              <th mat-header-cell *matHeaderCellDef [attr.aria-sort]="ariaSort('created_at')">
                <button type="button" class="sort" (click)="sortBy('created_at')">
                  Joined{{ arrow('created_at') }}
                </button>
              </th>
              <td mat-cell *matCellDef="let user">
                {{ user.createdAt | date: 'MMM d, y, HH:mm z' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="lastSignIn">
              <th mat-header-cell *matHeaderCellDef [attr.aria-sort]="ariaSort('last_sign_in_at')">
                <button type="button" class="sort" (click)="sortBy('last_sign_in_at')">
                  Last sign-in{{ arrow('last_sign_in_at') }}
                </button>
              </th>
              <td mat-cell *matCellDef="let user">
                {{ user.lastSignInAt ? (user.lastSignInAt | date: 'MMM d, y, HH:mm z') : 'never' }}
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
      @if (list.nextCursor()) {
        <div class="actions">
          <button mat-stroked-button type="button" (click)="more()" [disabled]="list.loading()">
            Load more
          </button>
        </div>
      }
    </section>
  `,
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  protected readonly list = new PagedList<AdminUser>();
  protected readonly form: UsersForm = { ...EMPTY_USERS_FORM };
  protected readonly columns = ['email', 'name', 'role', 'grant', 'created', 'lastSignIn'];
  /** The search and the order live in the URL: Back returns to the previous one, a link shares it. */
  protected readonly url = new UrlQuery(this.form, EMPTY_USERS_FORM, () => this.search());

  /** A column header: sort by it, newest first; again, the other way round. */
  protected sortBy(column: UsersForm['sort']): Promise<void> {
    if (this.form.sort === column) {
      this.form.order = this.form.order === 'desc' ? 'asc' : 'desc';
    } else {
      this.form.sort = column;
      this.form.order = 'desc';
    }
    return this.url.apply();
  }

  protected ariaSort(column: UsersForm['sort']): string {
    if (this.form.sort !== column) return 'none';
    return this.form.order === 'desc' ? 'descending' : 'ascending';
  }

  protected arrow(column: UsersForm['sort']): string {
    if (this.form.sort !== column) return '';
    return this.form.order === 'desc' ? ' ↓' : ' ↑';
  }

  private search(): Promise<void> {
    return this.list.load((cursor) => this.api.search(this.query(cursor)));
  }

  protected more(): Promise<void> {
    return this.list.load((cursor) => this.api.search(this.query(cursor)), true);
  }

  private query(cursor: string | undefined): UserQuery {
    const { sort, order } = this.form;
    return { q: this.form.q.trim() || undefined, sort, order, limit: PAGE_SIZE, cursor };
  }
}

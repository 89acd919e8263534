import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type AuditFilter, AuditApi } from '../../api/audit-api.service';
import type { AuditEvent } from '../../api/api-types';
import { ApiErrorComponent } from '../../shared/api-error.component';
import { AuditListComponent } from '../../shared/audit-list.component';
import { PagedList } from '../../shared/load-state';
import { UrlQuery } from '../../shared/url-query';

const PAGE_SIZE = 50;
const ACTOR_KINDS = ['user', 'admin', 'service', 'system', 'google', 'anonymous'];

type AuditForm = {
  actorKind: string;
  actorId: string;
  action: string;
  userId: string;
  from: string;
  to: string;
  order: 'desc' | 'asc';
};

const EMPTY_AUDIT_FORM: AuditForm = {
  actorKind: '',
  actorId: '',
  action: '',
  userId: '',
  from: '',
  to: '',
  order: 'desc',
};

/** The form's criteria as the API's filter: only those set; `to` includes its day. */
export function auditFilterOf(form: AuditForm): AuditFilter {
  const filter: Record<string, string> = {};
  for (const key of ['actorKind', 'actorId', 'action', 'userId', 'from'] as const) {
    const value = form[key].trim();
    if (value) filter[key] = value;
  }
  if (form.to) {
    const day = new Date(`${form.to}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1);
    filter['to'] = Number.isNaN(day.getTime()) ? form.to : day.toISOString().slice(0, 10);
  }
  return filter;
}

/**
 * The audit log by actor, action, user and time, newest or oldest first, with the CSV export of
 * the same filters (newest first).
 */
@Component({
  selector: 'gk-audit-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ApiErrorComponent,
    AuditListComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1 class="page-title">Audit log</h1>
      <form class="filters" role="search" aria-label="Audit filters" (ngSubmit)="url.apply()">
        <mat-form-field appearance="outline">
          <mat-label>Actor kind</mat-label>
          <mat-select name="actorKind" [(ngModel)]="form.actorKind">
            <mat-option value="">any</mat-option>
            @for (kind of actorKinds; track kind) {
              <mat-option [value]="kind">{{ kind }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Actor id</mat-label>
          <input matInput name="actorId" [(ngModel)]="form.actorId" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Action</mat-label>
          <input
            matInput
            name="action"
            [(ngModel)]="form.action"
            placeholder="admin.grant_revoked"
          />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Subject user id</mat-label>
          <input matInput name="userId" [(ngModel)]="form.userId" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>From</mat-label>
          <input matInput type="date" name="from" [(ngModel)]="form.from" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>To (inclusive)</mat-label>
          <input matInput type="date" name="to" [(ngModel)]="form.to" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Order</mat-label>
          <mat-select name="order" [(ngModel)]="form.order">
            <mat-option value="desc">Newest first</mat-option>
            <mat-option value="asc">Oldest first</mat-option>
          </mat-select>
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit">Apply filters</button>
          <a mat-stroked-button [href]="csvUrl()" download="audit.csv" id="audit-csv">Export CSV</a>
        </div>
      </form>
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading events" />
      }
      <gk-api-error [error]="list.error()" />
      @if (list.loaded()) {
        @if (list.items().length) {
          <p class="muted list-count" role="status">{{ list.count('event') }}</p>
        }
        <gk-audit-list [events]="list.items()" />
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
export class AuditPage {
  private readonly api = inject(AuditApi);
  protected readonly list = new PagedList<AuditEvent>();
  protected readonly actorKinds = ACTOR_KINDS;
  protected readonly form: AuditForm = { ...EMPTY_AUDIT_FORM };
  /** The filter and order last applied: "Load more" follows a cursor in the order it was made for. */
  private readonly applied = signal<{ filter: AuditFilter; order: AuditForm['order'] }>({
    filter: {},
    order: EMPTY_AUDIT_FORM.order,
  });
  protected readonly csvUrl = computed(() => this.api.csvUrl(this.applied().filter));
  /** The filters live in the URL: Back returns to the previous ones, a link shares them. */
  protected readonly url = new UrlQuery(this.form, EMPTY_AUDIT_FORM, () => this.search());

  private search(): Promise<void> {
    this.applied.set({ filter: auditFilterOf(this.form), order: this.form.order });
    return this.list.load((cursor) => this.api.search(this.query(cursor)));
  }

  protected more(): Promise<void> {
    return this.list.load((cursor) => this.api.search(this.query(cursor)), true);
  }

  private query(cursor: string | undefined) {
    const { filter, order } = this.applied();
    return { ...filter, order, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type AuditEventPage, type AuditQuery, csvUrlOf, paramsOf } from './api-types';

/** The criteria (the CSV export takes them too); the order and the page are the list's own. */
export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit' | 'order'>;

/** `/api/admin/audit`: the log, and the CSV export of the same filters. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  search(query: AuditQuery): Promise<AuditEventPage> {
    return firstValueFrom(
      this.http.get<AuditEventPage>('/api/admin/audit', { params: paramsOf(query) }),
    );
  }

  /** The export link: a plain GET the browser downloads with the session cookie. */
  csvUrl(filter: AuditFilter): string {
    return csvUrlOf('/api/admin/audit.csv', filter);
  }
}

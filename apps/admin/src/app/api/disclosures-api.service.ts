import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type DisclosurePage, type DisclosureQuery, csvUrlOf, paramsOf } from './api-types';

export type DisclosureFilter = Omit<DisclosureQuery, 'cursor' | 'limit'>;

/** `/api/admin/disclosures`: every read of users' Google access by a service, and its CSV. */
@Injectable({ providedIn: 'root' })
export class DisclosuresApi {
  private readonly http = inject(HttpClient);

  search(query: DisclosureQuery): Promise<DisclosurePage> {
    return firstValueFrom(
      this.http.get<DisclosurePage>('/api/admin/disclosures', { params: paramsOf(query) }),
    );
  }

  /** The export link: a plain GET the browser downloads with the session cookie. */
  csvUrl(filter: DisclosureFilter): string {
    return csvUrlOf('/api/admin/disclosures.csv', filter);
  }
}

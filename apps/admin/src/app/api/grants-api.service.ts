import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  type AdminGrantDetail,
  type AdminGrantPage,
  type BulkRevokeResult,
  type GrantFilter,
  type GrantQuery,
  type RevokedGrant,
  paramsOf,
} from './api-types';

/** `/api/admin/grants`: the list, a grant's timeline, revoking one or many. */
@Injectable({ providedIn: 'root' })
export class GrantsApi {
  private readonly http = inject(HttpClient);

  search(query: GrantQuery): Promise<AdminGrantPage> {
    return firstValueFrom(
      this.http.get<AdminGrantPage>('/api/admin/grants', { params: paramsOf(query) }),
    );
  }

  detail(id: string): Promise<AdminGrantDetail> {
    return firstValueFrom(
      this.http.get<AdminGrantDetail>(`/api/admin/grants/${encodeURIComponent(id)}`),
    );
  }

  revoke(id: string, reason: string): Promise<RevokedGrant> {
    return firstValueFrom(
      this.http.post<RevokedGrant>(`/api/admin/grants/${encodeURIComponent(id)}/revoke`, {
        reason,
      }),
    );
  }

  /** With `dryRun`, only counts the live grants the filter matches. */
  revokeBulk(filter: GrantFilter, reason: string, dryRun: boolean): Promise<BulkRevokeResult> {
    return firstValueFrom(
      this.http.post<BulkRevokeResult>('/api/admin/grants/revoke-bulk', {
        filter,
        reason,
        dryRun,
      }),
    );
  }
}

import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { JobsOverview, VaultStatus } from './api-types';
import type { FailedJob, Overview, RewrapStatus } from './operations-contract';

export type VaultView = VaultStatus & { rewrap?: RewrapStatus };

/** `/api/admin/overview`, `/jobs`, `/vault`: the operational pages. */
@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);

  overview(days: number): Promise<Overview> {
    return firstValueFrom(this.http.get<Overview>('/api/admin/overview', { params: { days } }));
  }

  jobs(): Promise<JobsOverview> {
    return firstValueFrom(this.http.get<JobsOverview>('/api/admin/jobs'));
  }

  failedJobs(queue?: string): Promise<{ items: FailedJob[] }> {
    return firstValueFrom(
      this.http.get<{ items: FailedJob[] }>('/api/admin/jobs/failed', {
        params: queue ? { queue } : {},
      }),
    );
  }

  retryJob(queue: string, id: string): Promise<{ retried: boolean }> {
    return firstValueFrom(
      this.http.post<{ retried: boolean }>(
        `/api/admin/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/retry`,
        {},
      ),
    );
  }

  vault(): Promise<VaultView> {
    return firstValueFrom(this.http.get<VaultView>('/api/admin/vault'));
  }

  startRewrap(): Promise<{ queued: boolean; remaining: number }> {
    return firstValueFrom(
      this.http.post<{ queued: boolean; remaining: number }>('/api/admin/vault/rewrap', {}),
    );
  }
}

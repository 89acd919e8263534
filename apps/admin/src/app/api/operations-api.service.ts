import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  FailedJobs,
  JobsOverview,
  Overview,
  RetriedJob,
  RewrapStarted,
  VaultStatus,
} from './api-types';

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

  failedJobs(queue?: string): Promise<FailedJobs> {
    return firstValueFrom(
      this.http.get<FailedJobs>('/api/admin/jobs/failed', { params: queue ? { queue } : {} }),
    );
  }

  retryJob(queue: string, id: string): Promise<RetriedJob> {
    return firstValueFrom(
      this.http.post<RetriedJob>(
        `/api/admin/jobs/${encodeURIComponent(queue)}/${encodeURIComponent(id)}/retry`,
        {},
      ),
    );
  }

  vault(): Promise<VaultStatus> {
    return firstValueFrom(this.http.get<VaultStatus>('/api/admin/vault'));
  }

  startRewrap(): Promise<RewrapStarted> {
    return firstValueFrom(this.http.post<RewrapStarted>('/api/admin/vault/rewrap', {}));
  }
}

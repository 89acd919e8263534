import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  ScopeKillSwitch,
  ScopeKillSwitchList,
  ServiceClientControls,
  SetServiceRateLimits,
} from './api-types';

const CLIENTS = '/api/admin/service-clients';
const SCOPES = '/api/admin/scope-kill-switches';

/**
 * A service client's rate limits and kill switch, and the scope kill switches: what stops token
 * issuance (for one client, or for every client asking for a scope) during an incident.
 */
@Injectable({ providedIn: 'root' })
export class IssuanceControlsApi {
  private readonly http = inject(HttpClient);

  controls(id: string): Promise<ServiceClientControls> {
    return firstValueFrom(
      this.http.get<ServiceClientControls>(`${CLIENTS}/${encodeURIComponent(id)}/controls`),
    );
  }

  /** Null limits: the configured defaults. */
  setRateLimits(id: string, body: SetServiceRateLimits): Promise<ServiceClientControls> {
    return firstValueFrom(
      this.http.put<ServiceClientControls>(
        `${CLIENTS}/${encodeURIComponent(id)}/rate-limits`,
        body,
      ),
    );
  }

  stopClient(id: string, reason: string): Promise<ServiceClientControls> {
    return firstValueFrom(
      this.http.put<ServiceClientControls>(`${CLIENTS}/${encodeURIComponent(id)}/kill-switch`, {
        reason,
      }),
    );
  }

  resumeClient(id: string): Promise<ServiceClientControls> {
    return firstValueFrom(
      this.http.delete<ServiceClientControls>(`${CLIENTS}/${encodeURIComponent(id)}/kill-switch`),
    );
  }

  scopeSwitches(): Promise<ScopeKillSwitchList> {
    return firstValueFrom(this.http.get<ScopeKillSwitchList>(SCOPES));
  }

  /** `scope` is the full scope (URL, or openid, email, profile). */
  stopScope(scope: string, reason: string): Promise<ScopeKillSwitch> {
    return firstValueFrom(
      this.http.put<ScopeKillSwitch>(`${SCOPES}/${encodeURIComponent(scope)}`, { reason }),
    );
  }

  clearScope(scope: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${SCOPES}/${encodeURIComponent(scope)}`));
  }
}

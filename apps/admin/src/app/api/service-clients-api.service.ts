import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CreateServiceClient,
  CreateServiceKey,
  CreatedServiceKey,
  ServiceClient,
  ServiceClientDetail,
  ServiceClientList,
  UpdateServiceClient,
} from './api-types';

const BASE = '/api/admin/service-clients';

/** `/api/admin/service-clients`: other teams' services, and their API keys. */
@Injectable({ providedIn: 'root' })
export class ServiceClientsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<ServiceClientList> {
    return firstValueFrom(this.http.get<ServiceClientList>(BASE));
  }

  detail(id: string): Promise<ServiceClientDetail> {
    return firstValueFrom(this.http.get<ServiceClientDetail>(`${BASE}/${encodeURIComponent(id)}`));
  }

  create(body: CreateServiceClient): Promise<ServiceClient> {
    return firstValueFrom(this.http.post<ServiceClient>(BASE, body));
  }

  /** Changes the fields given; `status` suspends or resumes the client. */
  update(id: string, body: UpdateServiceClient): Promise<ServiceClient> {
    return firstValueFrom(
      this.http.patch<ServiceClient>(`${BASE}/${encodeURIComponent(id)}`, body),
    );
  }

  /** Deletes the client and revokes its keys (204); its disclosures stay. */
  remove(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}`));
  }

  /** A new key: the answer is the only place its secret ever appears. */
  createKey(id: string, body: CreateServiceKey): Promise<CreatedServiceKey> {
    return firstValueFrom(
      this.http.post<CreatedServiceKey>(`${BASE}/${encodeURIComponent(id)}/keys`, body),
    );
  }

  revokeKey(id: string, keyId: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}/keys/${encodeURIComponent(keyId)}`),
    );
  }
}

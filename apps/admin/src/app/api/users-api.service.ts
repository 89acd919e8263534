import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  type AdminUserDetail,
  type AdminUserPage,
  type RevokedSessions,
  type UserProfile,
  type UserQuery,
  paramsOf,
} from './api-types';

/** `/api/admin/users`: search, a user's page, ending sessions, the role. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  search(query: UserQuery): Promise<AdminUserPage> {
    return firstValueFrom(
      this.http.get<AdminUserPage>('/api/admin/users', { params: paramsOf(query) }),
    );
  }

  detail(id: string): Promise<AdminUserDetail> {
    return firstValueFrom(
      this.http.get<AdminUserDetail>(`/api/admin/users/${encodeURIComponent(id)}`),
    );
  }

  endSessions(id: string): Promise<RevokedSessions> {
    return firstValueFrom(
      this.http.post<RevokedSessions>(
        `/api/admin/users/${encodeURIComponent(id)}/sessions/revoke`,
        {},
      ),
    );
  }

  setRole(id: string, role: UserProfile['role']): Promise<UserProfile> {
    return firstValueFrom(
      this.http.put<UserProfile>(`/api/admin/users/${encodeURIComponent(id)}/role`, { role }),
    );
  }
}

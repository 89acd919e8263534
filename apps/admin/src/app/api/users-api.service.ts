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

/** `/api/admin/users`: search, a user's page, ending one or all sessions, the role. */
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

  /** Ends one live session of the user (204; 404 when it is not one of theirs any more). */
  endSession(id: string, sessionId: string): Promise<void> {
    return firstValueFrom(
      this.http.delete<void>(
        `/api/admin/users/${encodeURIComponent(id)}/sessions/${encodeURIComponent(sessionId)}`,
      ),
    );
  }

  setRole(id: string, role: UserProfile['role']): Promise<UserProfile> {
    return firstValueFrom(
      this.http.put<UserProfile>(`/api/admin/users/${encodeURIComponent(id)}/role`, { role }),
    );
  }
}

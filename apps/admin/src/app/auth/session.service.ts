import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { UserProfile } from '../api/api-types';

/**
 * Who is signed in, from `GET /api/v1/me` (the session cookie): `null` when nobody is,
 * `undefined` until asked. Sign-in posts Google's ID token to the same endpoint the public page
 * uses; the api sets the HttpOnly session cookie.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<UserProfile | null | undefined>(undefined);
  readonly user = this.current.asReadonly();

  /** The signed-in user, asking the api once per page load (or after sign-in and sign-out). */
  async load(): Promise<UserProfile | null> {
    const known = this.current();
    if (known !== undefined) return known;
    try {
      const user = await firstValueFrom(this.http.get<UserProfile>('/api/v1/me'));
      this.current.set(user);
      return user;
    } catch (failure) {
      if (failure instanceof HttpErrorResponse && failure.status === 401) {
        this.current.set(null);
        return null;
      }
      throw failure;
    }
  }

  async signIn(credential: string): Promise<UserProfile | null> {
    await firstValueFrom(this.http.post('/auth/google/id-token', { credential }));
    this.forget();
    return this.load();
  }

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.post('/auth/sign-out', {}));
    this.current.set(null);
  }

  /** Ask again next time: the session may have ended or the role changed. */
  forget(): void {
    this.current.set(undefined);
  }
}

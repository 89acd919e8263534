import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  Router,
  type RouterStateSnapshot,
  type UrlTree,
  provideRouter,
} from '@angular/router';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminGuard } from './admin.guard';

describe('adminGuard', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function guard(me: { status: number; body: object }) {
    const result = TestBed.runInInjectionContext(() =>
      adminGuard(
        {} as ActivatedRouteSnapshot,
        { url: '/grants?status=active' } as RouterStateSnapshot,
      ),
    ) as Promise<boolean | UrlTree>;
    await Promise.resolve();
    http
      .expectOne('/api/v1/me')
      .flush(me.body, { status: me.status, statusText: me.status === 200 ? 'OK' : 'Unauthorized' });
    const outcome = await result;
    return outcome === true ? true : TestBed.inject(Router).serializeUrl(outcome as UrlTree);
  }

  it('sends anonymous visitors to sign-in, coming back where they were going', async () => {
    await expect(
      guard({ status: 401, body: { statusCode: 401, error: 'unauthenticated', message: 'x' } }),
    ).resolves.toBe('/sign-in?returnTo=%2Fgrants%3Fstatus%3Dactive');
  });

  it('sends a signed-in user without the admin role to the not-an-admin page', async () => {
    await expect(
      guard({ status: 200, body: { role: 'user', email: 'bob@corp.example' } }),
    ).resolves.toBe('/not-admin');
  });

  it('lets admins in', async () => {
    await expect(guard({ status: 200, body: { role: 'admin' } })).resolves.toBe(true);
  });
});

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { GrantsApi } from './grants-api.service';
import { requestedWithInterceptor } from './requested-with.interceptor';

describe(GrantsApi.name, () => {
  let api: GrantsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([requestedWithInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    api = TestBed.inject(GrantsApi);
    http = TestBed.inject(HttpTestingController);
  });

  it('lists with the query as parameters, leaving out what is not set', async () => {
    const page = api.search({ status: 'active', scope: undefined, limit: 50, sort: 'created_at' });
    const request = http.expectOne((r) => r.url === '/api/admin/grants');
    expect(request.request.params.keys().sort()).toEqual(['limit', 'sort', 'status']);
    expect(request.request.headers.has('X-Requested-With')).toBe(false);
    request.flush({ items: [], nextCursor: null });
    await expect(page).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('revokes with the reason as JSON and the header the CSRF guard wants', async () => {
    const revoked = api.revoke('g/1', 'Left the company');
    const request = http.expectOne('/api/admin/grants/g%2F1/revoke');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ reason: 'Left the company' });
    expect(request.request.headers.get('X-Requested-With')).toBe('XmlHttpRequest');
    request.flush({ id: 'g/1', status: 'revoked', upstream: 'revoked' });
    await expect(revoked).resolves.toMatchObject({ upstream: 'revoked' });
  });

  it('dry-runs a bulk revocation with the filter', async () => {
    const counted = api.revokeBulk({ status: 'active' }, 'dry run', true);
    const request = http.expectOne('/api/admin/grants/revoke-bulk');
    expect(request.request.body).toEqual({
      filter: { status: 'active' },
      reason: 'dry run',
      dryRun: true,
    });
    request.flush({ count: 3 });
    await expect(counted).resolves.toEqual({ count: 3 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import { concretePath, enumerateRoutes, type Route } from '../support/routes.js';

/** Routes deliberately open to anonymous callers. Adding one means adding it here, on purpose. */
const PUBLIC_ROUTES = [
  'GET /',
  'GET /account',
  // A consent request's page: signed out, it only offers to sign in and come back.
  'GET /consent/:id',
  'GET /health',
  'GET /metrics',
  'GET /auth/google',
  'GET /auth/google/callback',
  'POST /auth/google/id-token',
  'POST /auth/sign-out',
  'POST /offline-access/code',
  'POST /risc/events',
  // Open to the user guard, closed by the service credential guard instead (a service API key):
  // test/integration/service-api.test.ts proves every /api/v1/ route refuses without one.
  'POST /api/v1/tokens',
  'GET /api/v1/users/:id/grant',
  'GET /api/v1/users/by-google-sub/:sub/grant',
  'GET /api/v1/grants',
  // The token endpoint of private_key_jwt clients: the client assertion in the body is the
  // credential (test/integration/service-api-jwt.test.ts).
  'POST /api/v1/oauth/token',
  'POST /api/v1/consent-requests',
  'GET /api/v1/consent-requests/:id',
  // The sign-in button's font (Roboto Medium), served from our origin.
  'GET /assets/fonts/roboto-latin-500-normal.woff2',
  // The dashboard's static files and index.html: the admin API behind it checks the role.
  'GET /admin',
  'GET /admin/*',
];

/**
 * State-changing routes no browser calls with the session cookie, so without the same-site check:
 * Google's own deliveries, and the service API, which ignores cookies and admits only a service's
 * API key in the Authorization header (test/integration/service-api.test.ts).
 */
const CROSS_SITE_WRITES = [
  'POST /risc/events',
  'POST /api/v1/tokens',
  'POST /api/v1/oauth/token',
  'POST /api/v1/consent-requests',
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

describe('Route protection', () => {
  let api: ApiUnderTest;
  let routes: Route[];

  beforeAll(async () => {
    api = await startApiUnderTest();
    routes = enumerateRoutes(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('finds the routes from Nest metadata', () => {
    expect(routes.length).toBeGreaterThanOrEqual(PUBLIC_ROUTES.length + 1);
  });

  it('opens exactly the listed routes to anonymous callers', () => {
    const open = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('checks that every other state-changing route comes from our own pages', () => {
    const writes = routes.filter((r) => !SAFE_METHODS.has(r.method));
    expect(writes.length).toBeGreaterThan(CROSS_SITE_WRITES.length);
    const unchecked = writes.filter((r) => !r.sameSite).map((r) => `${r.method} ${r.path}`);
    expect(unchecked.sort()).toEqual([...CROSS_SITE_WRITES].sort());
  });

  it('answers 401 to an anonymous call of every other route', async () => {
    const guarded = routes.filter((r) => !r.isPublic);
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const response = await request(`${api.url}${concretePath(route)}`, {
        method: route.method,
        json: route.method === 'GET' ? undefined : {},
      });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });
});

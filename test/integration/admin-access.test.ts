import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_SUB,
  type ApiUnderTest,
  startApiUnderTest,
  WEB_CLIENT_ID,
} from '../support/api-under-test.js';
import {
  adminCall,
  ADMIN_EMAIL,
  ADMIN_SUB,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import { SESSION_COOKIE, signInAs } from '../support/offline-access-client.js';
import { readFileSync } from 'node:fs';
import { concretePath, enumerateRoutes, fastifyRoutes, type Route } from '../support/routes.js';

/** The admin routes the README's table lists, as `METHOD /path`. */
function readmeAdminRoutes(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/^\| `(GET|POST|PUT|DELETE|PATCH) (\/api\/admin\/[^`?\s]+)/gm)].map(
    (match) => `${match[1]} ${match[2]}`,
  );
}

// Who may call the admin API: every route, read from Nest's metadata, is for admins only.
describe('Admin API access', () => {
  let api: ApiUnderTest;
  let adminRoutes: Route[];
  let alice: string;
  let admin: string;

  const call = (route: Route, headers: Record<string, string>) =>
    request(`${api.url}${concretePath(route)}`, {
      method: route.method,
      json: route.method === 'GET' ? undefined : {},
      headers: { 'x-requested-with': 'XmlHttpRequest', ...headers },
    });

  beforeAll(async () => {
    api = await startApiUnderTest();
    adminRoutes = enumerateRoutes(api).filter((r) => r.path.startsWith('/api/admin/'));
    alice = await signInAs(api, ALICE_SUB);
    admin = await signInAdmin(api);
  });
  afterAll(() => api.close());

  it('finds the admin routes, each requiring the admin role and none public', () => {
    // The README's list, Nest's metadata and Fastify's own route table name the same routes:
    // none is registered on Fastify behind Nest's back, none is undocumented.
    const documented = readmeAdminRoutes().sort();
    expect(documented).toHaveLength(33);
    expect(adminRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented);
    expect(
      fastifyRoutes(api)
        .filter((route) => route.split(' ')[1].startsWith('/api/admin'))
        .sort(),
    ).toEqual(documented);
    for (const route of adminRoutes) {
      expect({ route: route.path, role: route.role, isPublic: route.isPublic }).toEqual({
        route: route.path,
        role: 'admin',
        isPublic: false,
      });
    }
  });

  it('answers 401 to anonymous callers of every admin route', async () => {
    for (const route of adminRoutes) {
      const response = await call(route, {});
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('answers 403 forbidden to a signed-in user who is not an admin', async () => {
    for (const route of adminRoutes) {
      const response = await call(route, { cookie: `${SESSION_COOKIE}=${alice}` });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
      expect(response.body).toMatchObject({ error: 'forbidden' });
    }
  });

  it("answers 403 to a non-admin's Bearer ID token", async () => {
    const token = await api.mintIdToken({ sub: ALICE_SUB, aud: WEB_CLIENT_ID });
    for (const route of adminRoutes) {
      const response = await call(route, { authorization: `Bearer ${token}` });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
    }
  });

  it('lets the bootstrap admin in, by session or Bearer token', async () => {
    expect((await adminCall(api, admin, 'users')).status).toBe(200);
    const token = await api.mintIdToken({ sub: ADMIN_SUB, email: ADMIN_EMAIL });
    const bearer = await request(`${api.url}/api/admin/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('refuses a session write without X-Requested-With (403 cross_site_request)', async () => {
    const aliceId = await userIdOf(api, ALICE_SUB);
    const response = await adminCall(api, admin, `users/${aliceId}/sessions/revoke`, {
      json: {},
      headers: {},
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'cross_site_request' });
    expect(
      (await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: alice } })).status,
    ).toBe(200);
  });

  it('refuses a session write from a foreign Origin', async () => {
    const aliceId = await userIdOf(api, ALICE_SUB);
    const response = await adminCall(api, admin, `users/${aliceId}/sessions/revoke`, {
      json: {},
      headers: { 'x-requested-with': 'XmlHttpRequest', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it('accepts a Bearer write without X-Requested-With: browsers never send it on their own', async () => {
    const token = await api.mintIdToken({ sub: ADMIN_SUB, email: ADMIN_EMAIL });
    const aliceId = await userIdOf(api, ALICE_SUB);
    const response = await request(`${api.url}/api/admin/users/${aliceId}/sessions/revoke`, {
      method: 'POST',
      json: {},
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ revoked: 1 });
  });
});

// Admin API calls as the dashboard makes them, and rows seeded straight into the database.
import type { ApiUnderTest } from './api-under-test.js';
import { cookieValue, type HttpResponse, request, setCookies } from './http-client.js';
import { GMAIL_SEND, SESSION_COOKIE, XHR } from './offline-access-client.js';

/** What the admin helpers need of an api: an ApiUnderTest, or a ProcessStack's `targetOf`. */
type ApiUrl = Pick<ApiUnderTest, 'url'>;
type SignInTarget = Pick<ApiUnderTest, 'url' | 'mintIdToken'>;
type Database = Pick<ApiUnderTest, 'db'>;

export const ADMIN_SUB = '100000000000000000002';
export const ADMIN_EMAIL = 'admin@grantkeeper.test';

/** Signs a test account in with explicit claims; returns the session cookie's value. */
export async function signInWith(api: SignInTarget, claims: Record<string, unknown>) {
  const credential = await api.mintIdToken({ email_verified: true, ...claims });
  const response = await request(`${api.url}/auth/google/id-token`, { json: { credential } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return cookieValue(setCookies(response).get(SESSION_COOKIE));
}

export function signInAdmin(api: SignInTarget): Promise<string> {
  return signInWith(api, { sub: ADMIN_SUB, email: ADMIN_EMAIL, name: 'Ada Admin' });
}

/** A call with the session cookie; writes carry X-Requested-With and JSON like the dashboard. */
export function adminCall<T = Record<string, unknown>>(
  api: ApiUrl,
  session: string,
  path: string,
  options: { method?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResponse<T>> {
  const method = options.method ?? (options.json === undefined ? 'GET' : 'POST');
  const write = method !== 'GET';
  return request<T>(`${api.url}/api/admin/${path}`, {
    method,
    json: write ? (options.json ?? {}) : undefined,
    headers: options.headers ?? (write ? XHR : {}),
    cookies: { [SESSION_COOKIE]: session },
  });
}

export async function userIdOf(api: Database, sub: string): Promise<string> {
  const [row] = await api.db.query<{ id: string }>('SELECT id FROM users WHERE google_sub = $1', [
    sub,
  ]);
  return row.id;
}

/**
 * Registers a service client as the dashboard does (Growth's, for gmail.send and the weekly
 * digest, unless `extra` says otherwise); returns its id, or throws with the api's answer.
 */
export async function registerServiceClient(
  api: ApiUrl,
  session: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await adminCall<{ id: string }>(api, session, 'service-clients', {
    json: {
      name,
      team: 'Growth',
      contact: 'growth@example.com',
      allowedScopes: [GMAIL_SEND],
      purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest by email' }],
      ...extra,
    },
  });
  if (created.status !== 201) {
    throw new Error(`registering ${name} failed: ${created.status} ${created.text}`);
  }
  return created.body.id;
}

/** A new API key of the client (`json`: its apiScopes), or throws with the api's answer. */
export async function newServiceKey(
  api: ApiUrl,
  session: string,
  clientId: string,
  json: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  const created = await adminCall<{ id: string; key: string }>(
    api,
    session,
    `service-clients/${clientId}/keys`,
    { json },
  );
  if (created.status !== 201) {
    throw new Error(`a key for ${clientId} failed: ${created.status} ${created.text}`);
  }
  return created.body;
}

/** A call to the service API (`/api/v1/`) with a service's credential: a POST when `json`. */
export function serviceCall<T = Record<string, unknown>>(
  api: ApiUrl,
  bearer: string,
  path: string,
  json?: unknown,
): Promise<HttpResponse<T>> {
  return request<T>(`${api.url}/api/v1/${path}`, {
    json,
    headers: { authorization: `Bearer ${bearer}` },
  });
}

/**
 * `count` users created at the same instant (so pages must break ties by id), with grants for
 * every other one; emails `seed-<n>@example.org`, names `Seed Person <n>`.
 */
export async function seedUsers(api: Database, count: number, clientId: string) {
  await api.db.query(
    `INSERT INTO users (google_sub, email, email_verified, name, created_at)
     SELECT '2000000000' || lpad(n::text, 11, '0'), 'seed-' || n || '@example.org', true,
            'Seed Person ' || n, '2026-01-01T00:00:00Z'::timestamptz + (n / 10) * interval '1 second'
       FROM generate_series(1, $1) AS n`,
    [count],
  );
  await api.db.query(
    `INSERT INTO grants (user_id, client_id, scopes, status, created_at, last_used_at)
     SELECT u.id, $1, ARRAY['openid', CASE WHEN n % 4 = 0 THEN 'scope:b' ELSE 'scope:a' END],
            CASE WHEN n % 3 = 0 THEN 'revoked' ELSE 'active' END,
            u.created_at,
            CASE WHEN n % 5 = 0 THEN NULL
                 ELSE '2026-06-01T00:00:00Z'::timestamptz + (n % 7) * interval '1 day' END
       FROM (SELECT id, created_at, substr(google_sub, 11)::int AS n FROM users
              WHERE google_sub LIKE '2000000000%') u
      WHERE n % 2 = 0`,
    [clientId],
  );
}

/** Every page of a list, following `nextCursor`. */
export async function allPages<T>(
  api: ApiUrl,
  session: string,
  path: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${separator}cursor=${cursor}` : path;
    const response = await adminCall<{ items: T[]; nextCursor: string | null }>(api, session, url);
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.text}`);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items, pages };
}

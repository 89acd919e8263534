// The service API as another team's service uses it: a client an admin registered, its API
// keys, and POST /api/v1/tokens with every refusal, each recorded as a disclosure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  adminCall,
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { eventually } from '../support/eventually.js';
import { concretePath, enumerateRoutes } from '../support/routes.js';
import { type HttpResponse, request } from '../support/http-client.js';
import { accessToken, newSigner } from '../support/jwt-client.js';
import {
  authorizationCode,
  GMAIL_SEND,
  postCode,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const PURPOSES = [{ id: 'weekly-digest', feature: 'Your weekly digest by email' }];

interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_at: string;
  expires_in: number;
  scopes: string[];
  grant: { id: string; status: string; granted_scopes: string[] };
  disclosure_id: string;
  error?: string;
  missing_scopes?: string[];
}

describe('Service API: clients, keys and tokens', () => {
  let api: ApiUnderTest;
  let admin: string;
  let aliceId: string;
  let clientId: string;
  let key: string;

  const tokens = (body: unknown, bearer: string | null = key, path = 'tokens') =>
    request<TokenAnswer>(`${api.url}/api/v1/${path}`, {
      json: body,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
  const forAlice = (extra: Record<string, unknown> = {}) => ({
    user: { id: aliceId },
    scopes: [GMAIL_SEND],
    purpose: 'weekly-digest',
    ...extra,
  });
  const newClient = (name: string, extra: Record<string, unknown> = {}) =>
    registerServiceClient(api, admin, name, {
      allowedScopes: [GMAIL_SEND, CALENDAR],
      purposes: PURPOSES,
      ...extra,
    });
  const newKey = (client: string, json: Record<string, unknown> = {}) =>
    newServiceKey(api, admin, client, json);
  const disclosures = () =>
    api.db.query<Record<string, unknown>>('SELECT * FROM disclosures ORDER BY id');

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    const alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    const consented = await postCode(api, alice, await authorizationCode(api));
    expect(consented.status).toBe(200);
    clientId = await newClient('newsletter');
    key = (await newKey(clientId)).key;
  });
  afterAll(() => api.close());

  describe('registration', () => {
    it('registers a client and shows its keys without their secrets, on the record', async () => {
      expect(key).toMatch(/^gk_test_[0-9A-Za-z]{71}$/);
      const detail = await adminCall<{ client: { name: string }; keys: object[] }>(
        api,
        admin,
        `service-clients/${clientId}`,
      );
      expect(detail.body.client.name).toBe('newsletter');
      expect(detail.body.keys).toHaveLength(1);
      // The list counts the keys that work now (the dashboard's "Active keys").
      const list = await adminCall<{ items: Array<{ name: string; activeKeys: number }> }>(
        api,
        admin,
        'service-clients',
      );
      expect(list.body.items.find((item) => item.name === 'newsletter')?.activeKeys).toBe(1);
      expect(detail.text).not.toContain(key.slice(8));
      const stored = JSON.stringify(await api.db.query('SELECT * FROM service_api_keys'));
      expect(stored).not.toContain(key.slice(20));
      const actions = await api.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE action LIKE 'service_%' ORDER BY id`,
      );
      expect(actions.map((row) => row.action)).toEqual([
        'service_client.created',
        'service_key.created',
      ]);
    });

    it('refuses a duplicate name, a third active key and malformed input', async () => {
      const dup = await adminCall(api, admin, 'service-clients', {
        json: {
          name: 'newsletter',
          team: 'Other',
          contact: 'someone',
          allowedScopes: [],
          purposes: [],
        },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toBe('name_taken');
      const client = await newClient('rotation');
      await newKey(client);
      await newKey(client);
      const third = await adminCall(api, admin, `service-clients/${client}/keys`, { json: {} });
      expect([third.status, third.body.error]).toEqual([409, 'too_many_keys']);
      for (const json of [
        { name: 'x' },
        {
          name: 'bad-cidr',
          team: 'tt',
          contact: 'ccc',
          allowedScopes: [],
          purposes: [],
          ipAllowlist: ['10.0.0.0/99'],
        },
        {
          name: 'bad-purpose',
          team: 'tt',
          contact: 'ccc',
          allowedScopes: [],
          purposes: [{ id: 'Not Kebab', feature: 'f' }],
        },
        {
          name: 'bad-scope',
          team: 'tt',
          contact: 'ccc',
          allowedScopes: ['gmail.send'],
          purposes: [],
        },
      ]) {
        const refused = await adminCall(api, admin, 'service-clients', { json });
        expect([refused.status, refused.body.error]).toEqual([400, 'validation_failed']);
      }
      expect((await adminCall(api, admin, 'service-clients/nope')).status).toBe(404);
    });

    it('refuses a cookie-authenticated write without X-Requested-With', async () => {
      const response = await request(`${api.url}/api/admin/service-clients`, {
        json: { name: 'forged', team: 'tt', contact: 'ccc', allowedScopes: [], purposes: [] },
        cookies: { [SESSION_COOKIE]: admin },
      });
      expect(response.status).toBe(403);
      expect(
        (await api.db.query(`SELECT 1 FROM service_clients WHERE name = 'forged'`)).length,
      ).toBe(0);
    });
  });

  it('guards every /api/v1/ route: 401 without or with a dead key or JWT-issued token, 403 without the API scope', async () => {
    // /api/v1/oauth/token is where a JWT client gets its credential (service-api-jwt.test.ts).
    const routes = enumerateRoutes(api).filter(
      (route) =>
        route.path.startsWith('/api/v1/') &&
        route.path !== '/api/v1/me' &&
        route.path !== '/api/v1/oauth/token',
    );
    expect(routes.map((route) => `${route.method} ${route.path}`)).toContain('POST /api/v1/tokens');
    // The same for the access tokens of private_key_jwt clients: one without API scopes, one
    // expired, one of a client suspended since.
    const signer = await newSigner();
    const jwks = { keys: [signer.jwk] };
    const jwtClient = await newClient('guarded-jwt', { jwks });
    const scopelessJwt = await accessToken(
      api,
      signer,
      await newClient('guarded-jwt-scopeless', { jwks, jwtApiScopes: [] }),
    );
    const expiredJwt = await accessToken(api, signer, jwtClient);
    await api.db.query(
      `UPDATE service_access_tokens SET expires_at = now() - interval '1 second'
        WHERE client_id = $1`,
      [jwtClient],
    );
    const suspendedClient = await newClient('guarded-jwt-suspended', { jwks });
    const suspendedJwt = await accessToken(api, signer, suspendedClient);
    expect(
      (
        await adminCall(api, admin, `service-clients/${suspendedClient}`, {
          method: 'PATCH',
          json: { status: 'suspended' },
        })
      ).status,
    ).toBe(200);
    const client = await newClient('guarded');
    const scopeless = await newKey(client, { apiScopes: [] });
    const dead = await newKey(client);
    await adminCall(api, admin, `service-clients/${client}/keys/${dead.id}`, {
      method: 'DELETE',
      headers: XHR,
    });
    const call = (route: (typeof routes)[number], bearer?: string) =>
      request(`${api.url}${concretePath(route)}`, {
        method: route.method,
        json: route.method === 'GET' ? undefined : forAlice(),
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
    for (const route of routes) {
      const anonymous = await call(route);
      expect([route.path, anonymous.status, anonymous.body.error]).toEqual([
        route.path,
        401,
        'invalid_credentials',
      ]);
      expect(anonymous.headers.get('www-authenticate')).toBe(
        'Bearer realm="grantkeeper-service-api"',
      );
      const revoked = await eventually(
        () => call(route, dead.key),
        (response) => response.status === 401,
        10_000,
      );
      expect(revoked.headers.get('www-authenticate')).toContain('error="invalid_token"');
      for (const dead of [expiredJwt, suspendedJwt]) {
        const refused = await eventually(
          () => call(route, dead),
          (response) => response.status === 401,
          10_000,
        );
        expect([route.path, refused.body.error]).toEqual([route.path, 'invalid_credentials']);
      }
      for (const bearer of [scopeless.key, scopelessJwt]) {
        const unscoped = await call(route, bearer);
        expect([route.path, unscoped.status, unscoped.body.error]).toEqual([
          route.path,
          403,
          'insufficient_api_scope',
        ]);
      }
    }
  });

  describe('grant lookups', () => {
    const lookup = <T = Record<string, unknown>>(path: string, bearer = key) =>
      serviceCall<T>(api, bearer, path);

    it("shows a user's grant by id and by Google sub, only the scopes this service may use", async () => {
      const byId = await lookup<{ id: string; status: string; granted_scopes: string[] }>(
        `users/${aliceId}/grant`,
      );
      expect(byId.status).toBe(200);
      expect(byId.body.status).toBe('active');
      expect(byId.body.granted_scopes).toEqual([GMAIL_SEND]); // not openid, email, profile
      expect(byId.text).not.toMatch(/token|envelope/i);
      const bySub = await lookup(`users/by-google-sub/${ALICE_SUB}/grant`);
      expect(bySub.body).toEqual(byId.body);
      for (const path of [
        'users/00000000-0000-0000-0000-000000000000/grant',
        'users/nope/grant',
        'users/by-google-sub/999999999/grant',
        'users/by-google-sub/x/grant',
      ]) {
        const missing = await lookup(path);
        expect([path, missing.status, missing.body.error]).toEqual([path, 404, 'no_grant']);
      }
    });

    it('hides the grant from a service allowed none of its scopes', async () => {
      const client = await newClient('calendar-only', { allowedScopes: [CALENDAR] });
      const other = await newKey(client);
      const response = await lookup(`users/${aliceId}/grant`, other.key);
      expect([response.status, response.body.error]).toEqual([404, 'no_grant']);
      const list = await lookup<{ items: unknown[] }>('grants', other.key);
      expect(list.body.items).toEqual([]);
    });

    it('pages the grants with an allowed scope, refusing a scope it may not use', async () => {
      const page = await lookup<{ items: Array<{ user_id: string }>; next_cursor: null }>(
        `grants?scope=${encodeURIComponent(GMAIL_SEND)}&status=active&limit=1`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.map((grant) => grant.user_id)).toEqual([aliceId]);
      const refused = await lookup(
        `grants?scope=${encodeURIComponent('https://www.googleapis.com/auth/drive')}`,
      );
      expect([refused.status, refused.body.error]).toEqual([403, 'scope_not_allowed']);
      const badCursor = await lookup('grants?cursor=%25%25');
      expect([badCursor.status, badCursor.body.error]).toEqual([400, 'invalid_cursor']);
    });
  });

  describe('POST /api/v1/tokens', () => {
    it('gives a Google token for an allowed scope and purpose, recorded by fingerprint only', async () => {
      const response = await tokens(forAlice({ purpose_detail: 'job 42' }));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = response.body;
      expect(body.token_type).toBe('Bearer');
      expect(body.access_token.length).toBeGreaterThan(10);
      expect(body.scopes).toContain(GMAIL_SEND);
      expect(body.expires_in).toBeGreaterThan(300);
      expect(body.grant.status).toBe('active');
      expect(body.grant.granted_scopes).toContain(GMAIL_SEND);
      const [row] = await api.db.query<Record<string, unknown>>(
        'SELECT * FROM disclosures WHERE id = $1',
        [body.disclosure_id],
      );
      expect(row).toMatchObject({
        client_id: clientId,
        user_id: aliceId,
        grant_id: body.grant.id,
        purpose: 'weekly-digest',
        purpose_detail: 'job 42',
        outcome: 'issued',
        refusal: null,
      });
      expect(String(row.token_fingerprint)).toMatch(/^sha256:[\w-]{43}$/);
      const everything = JSON.stringify([
        await disclosures(),
        await api.db.query('SELECT * FROM audit_events'),
      ]);
      expect(everything).not.toContain(body.access_token);
      // By Google account id, the same grant.
      const bySub = await tokens({ ...forAlice(), user: { google_sub: ALICE_SUB } });
      expect([bySub.status, bySub.body.grant?.id]).toEqual([200, body.grant.id]);
    });

    it.each([
      ['no credential', null],
      ['a Google ID token', 'eyJhbGciOiJSUzI1NiJ9.e30.sig'],
      ['a key with a wrong checksum', 'gk_test_' + '0'.repeat(71)],
      ['an unknown key', 'unknown'],
    ])('answers 401 invalid_credentials to %s', async (_what, bearer) => {
      const presented =
        bearer === 'unknown' ? `gk_test_${'1'.repeat(71)}`.replace(/1{6}$/, '000000') : bearer;
      const response = await tokens(forAlice(), presented);
      expect([response.status, response.body.error]).toEqual([401, 'invalid_credentials']);
    });

    it('refuses a key sent in the query string, even with a valid header', async () => {
      const response = await tokens(forAlice(), key, `tokens?api_key=${key}`);
      expect([response.status, response.body.error]).toEqual([400, 'credentials_in_query']);
    });

    it.each([
      [
        'a scope the client may not ask for',
        { scopes: ['https://www.googleapis.com/auth/drive'] },
        403,
        'scope_not_allowed',
      ],
      ['a purpose outside its catalogue', { purpose: 'ads' }, 403, 'purpose_not_allowed'],
      ['an unknown user', { user: { google_sub: '999999999999' } }, 404, 'no_grant'],
      [
        'both user ids',
        { user: { id: '00000000-0000-0000-0000-000000000000', google_sub: '1' } },
        400,
        'validation_failed',
      ],
      ['a scope that is not a scope', { scopes: ['gmail.send'] }, 400, 'validation_failed'],
      [
        'a longer min_ttl than any token keeps',
        { min_ttl_seconds: 3600 },
        400,
        'validation_failed',
      ],
    ])('refuses %s', async (_what, change, status, code) => {
      const before = (await disclosures()).length;
      const response = await tokens({ ...forAlice(), ...change });
      expect([response.status, response.body.error]).toEqual([status, code]);
      expect(response.text).not.toMatch(/ya29\./);
      if (status !== 400) {
        const rows = await disclosures();
        expect(rows).toHaveLength(before + 1);
        expect(rows.at(-1)).toMatchObject({
          outcome: 'refused',
          refusal: code,
          token_fingerprint: null,
        });
      }
    });

    it('names the scopes the user has not granted (403 insufficient_scope)', async () => {
      const response = await tokens(forAlice({ scopes: [GMAIL_SEND, CALENDAR] }));
      expect([response.status, response.body.error]).toEqual([403, 'insufficient_scope']);
      expect(response.body.missing_scopes).toEqual([CALENDAR]);
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    });

    it('refuses a key without the tokens:issue API scope (403)', async () => {
      const client = await newClient('reader');
      const reader = await newKey(client, { apiScopes: ['grants:read'] });
      const response = await tokens(forAlice(), reader.key);
      expect([response.status, response.body.error]).toEqual([403, 'insufficient_api_scope']);
    });

    it('refuses callers outside the IP allowlist', async () => {
      const client = await newClient('fenced', { ipAllowlist: ['10.0.0.0/8'] });
      const fenced = await newKey(client);
      const response = await tokens(forAlice(), fenced.key);
      expect([response.status, response.body.error]).toEqual([403, 'address_not_allowed']);
    });

    it('stops a revoked key and a suspended client within seconds', async () => {
      const client = await newClient('short-lived');
      const first = await newKey(client);
      const second = await newKey(client);
      expect((await tokens(forAlice(), first.key)).status).toBe(200);
      const revoked = await adminCall(api, admin, `service-clients/${client}/keys/${first.id}`, {
        method: 'DELETE',
        headers: XHR,
      });
      expect(revoked.status).toBe(204);
      await eventually(
        () => tokens(forAlice(), first.key),
        (r: HttpResponse<TokenAnswer>) => r.status === 401,
        10_000,
      );
      expect((await tokens(forAlice(), second.key)).status).toBe(200);
      const suspended = await adminCall(api, admin, `service-clients/${client}`, {
        method: 'PATCH',
        json: { status: 'suspended' },
      });
      expect(suspended.status).toBe(200);
      await eventually(
        () => tokens(forAlice(), second.key),
        (r: HttpResponse<TokenAnswer>) => r.status === 401,
        10_000,
      );
    });

    it('answers 409 grant_revoked with the reason and since when, once the user switched off', async () => {
      const alice = await signInAs(api, ALICE_SUB);
      const off = await request(`${api.url}/offline-access`, {
        method: 'DELETE',
        headers: XHR,
        cookies: { [SESSION_COOKIE]: alice },
      });
      expect(off.status).toBeLessThan(300);
      const response = await serviceCall<{
        error: string;
        reason: string | null;
        since: string | null;
      }>(api, key, 'tokens', forAlice());
      expect([response.status, response.body.error]).toEqual([409, 'grant_revoked']);
      expect(response.body.since).toMatch(/^\d{4}-/);
    });
  });

  it('lists the disclosures for admins, by client and outcome, and exports them as CSV', async () => {
    const page = await adminCall<{
      items: Array<{
        clientName: string;
        userEmail: string | null;
        outcome: string;
        refusal: string | null;
      }>;
    }>(api, admin, `disclosures?clientId=${clientId}&outcome=refused&limit=200`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.every((item) => item.outcome === 'refused' && item.refusal)).toBe(true);
    expect(page.body.items.every((item) => item.clientName === 'newsletter')).toBe(true);
    const issued = await adminCall<{ items: Array<{ userEmail: string | null }> }>(
      api,
      admin,
      `disclosures?userId=${aliceId}&outcome=issued`,
    );
    expect(issued.body.items[0].userEmail).toContain('@');
    const csv = await adminCall(api, admin, `disclosures.csv?clientId=${clientId}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurred_at,client_id,client_name,/);
    expect(lines.length).toBeGreaterThan(page.body.items.length);
    expect((await adminCall(api, admin, 'disclosures?outcome=maybe')).status).toBe(400);
    // By refusal code: only that code's refusals, the others left out.
    const codes = new Set(page.body.items.map((item) => item.refusal));
    expect(codes.size).toBeGreaterThan(1);
    const code = page.body.items[0].refusal!;
    const byCode = await adminCall<{ items: Array<{ refusal: string | null }> }>(
      api,
      admin,
      `disclosures?clientId=${clientId}&refusal=${code}&limit=200`,
    );
    expect(byCode.body.items.length).toBeGreaterThan(0);
    expect(byCode.body.items.every((item) => item.refusal === code)).toBe(true);
    expect(byCode.body.items.length).toBeLessThan(page.body.items.length);
    const refusal = await adminCall<{ error: string }>(
      api,
      admin,
      'disclosures?refusal=Not%20a%20code',
    );
    expect([refusal.status, refusal.body.error]).toEqual([400, 'validation_failed']);
  });
});

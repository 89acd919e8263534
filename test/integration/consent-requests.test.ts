// Consent requests (incremental authorization) as a service and its user meet them: the API
// (shapes, refusals, reuse, another client's request, expiry), the consent link that a refused
// token request carries, and the page /consent/:id through Google's consent at the emulator.
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
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  GMAIL_SEND,
  postCode,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const DRIVE = 'https://www.googleapis.com/auth/drive.readonly';
const BINDING_COOKIE = '__Host-gk_oauth';
const RETURN_COOKIE = '__Host-gk_consent';
const ORIGIN = 'https://newsletter.example.com';

interface ConsentAnswer {
  id: string;
  url: string;
  status: string;
  expires_at: string;
  scopes: string[];
  return_url: string | null;
  granted_scopes: string[] | null;
  missing_scopes: string[];
  error?: string;
  consent_url?: string;
  consent_request_id?: string;
  missing?: string[];
}

describe('Consent requests', () => {
  let api: ApiUnderTest;
  let admin: string;
  let alice: string;
  let aliceId: string;
  let key: string;
  let otherKey: string;

  const call = (path: string, body?: unknown, bearer = key) =>
    serviceCall<ConsentAnswer>(api, bearer, path, body);
  const ask = (extra: Record<string, unknown> = {}, bearer = key) =>
    call(
      'consent-requests',
      { user: { id: aliceId }, scopes: [CALENDAR], purpose: 'weekly-digest', ...extra },
      bearer,
    );
  const page = (id: string, session?: string, suffix = '') =>
    request(`${api.url}/consent/${id}${suffix}`, {
      cookies: session ? { [SESSION_COOKIE]: session } : undefined,
      headers: { accept: 'text/html' },
    });
  const action = (id: string, what: 'continue' | 'decline', session = alice) =>
    request<{ location: string }>(`${api.url}/consent/${id}/${what}`, {
      method: 'POST',
      cookies: { [SESSION_COOKIE]: session },
      headers: XHR,
    });
  const newClient = async (name: string, extra: Record<string, unknown> = {}) => {
    const id = await registerServiceClient(api, admin, name, {
      allowedScopes: [GMAIL_SEND, CALENDAR, DRIVE],
      returnOrigins: [ORIGIN],
      ...extra,
    });
    return (await newServiceKey(api, admin, id)).key;
  };

  /** Walks "Continue to Google" → the emulator's consent for `granted` → back here. */
  async function consentAtGoogle(id: string, granted: readonly string[] | 'cancel') {
    const started = await action(id, 'continue');
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.location);
    const binding = cookieValue(setCookies(started).get(BINDING_COOKIE));
    const state = authorize.searchParams.get('state')!;
    const params: Record<string, string> =
      granted === 'cancel'
        ? { error: 'access_denied', state }
        : {
            state,
            code: (
              (await api.control('authorization-code', {
                sub: ALICE_SUB,
                scopes: ['openid', 'email', 'profile', ...granted],
                redirect_uri: authorize.searchParams.get('redirect_uri'),
                access_type: 'offline',
                include_granted_scopes: true,
                code_challenge: authorize.searchParams.get('code_challenge'),
                code_challenge_method: 'S256',
              })) as { code: string }
            ).code,
          };
    const callback = await request(
      `${api.url}/auth/google/callback?${new URLSearchParams(params)}`,
      { cookies: { [BINDING_COOKIE]: binding, [SESSION_COOKIE]: alice } },
    );
    expect(callback.status).toBe(302);
    const back = callback.headers.get('location')!;
    const nonce = cookieValue(setCookies(started).get(RETURN_COOKIE));
    const done = await request(`${api.url}${back}`, {
      cookies: { [SESSION_COOKIE]: alice, [RETURN_COOKIE]: nonce },
    });
    return { authorize, back, done };
  }

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    key = await newClient('newsletter');
    otherKey = await newClient('calendar-sync', { returnOrigins: [] });
  });
  afterAll(() => api.close());

  describe('registered return origins', () => {
    it('keeps them on the client and on the record, refusing what is not an origin', async () => {
      const clients = await adminCall<{ items: Array<{ name: string; returnOrigins: string[] }> }>(
        api,
        admin,
        'service-clients',
      );
      expect(clients.body.items.find((c) => c.name === 'newsletter')?.returnOrigins).toEqual([
        ORIGIN,
      ]);
      const [audit] = await api.db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_events WHERE action = 'service_client.created'
          AND details->>'name' = 'newsletter'`,
      );
      expect(audit.details.return_origins).toEqual([ORIGIN]);
      for (const origin of [`${ORIGIN}/path`, 'ftp://example.com', 'newsletter.example.com']) {
        const refused = await adminCall(api, admin, 'service-clients', {
          json: {
            name: `bad-${origin.length}`,
            team: 'Growth',
            contact: 'growth@example.com',
            allowedScopes: [],
            purposes: [],
            returnOrigins: [origin],
          },
        });
        expect([origin, refused.status, refused.body.error]).toEqual([
          origin,
          400,
          'invalid_return_origin',
        ]);
      }
    });
  });

  describe('POST and GET /api/v1/consent-requests', () => {
    it('opens a request with a link to its page, a week to answer, on the record', async () => {
      const created = await ask({ return_url: `${ORIGIN}/settings?tab=mail` });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: `${api.url}/consent/${created.body.id}`,
        status: 'pending',
        scopes: [CALENDAR],
        return_url: `${ORIGIN}/settings?tab=mail`,
        missing_scopes: [CALENDAR],
      });
      const week = Date.parse(created.body.expires_at) - Date.now();
      expect(week).toBeGreaterThan(6.9 * 86_400_000);
      expect(week).toBeLessThanOrEqual(7 * 86_400_000);
      const fetched = await call(`consent-requests/${created.body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ id: created.body.id, status: 'pending' });
      const events = await api.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE details->>'consent_request_id' = $1`,
        [created.body.id],
      );
      expect(events.map((e) => e.action)).toEqual(['consent_request.created']);
    });

    it('reuses the pending request for the same scopes and purpose instead of adding one', async () => {
      const first = await ask({ scopes: [CALENDAR, DRIVE] });
      const again = await ask({ scopes: [DRIVE, CALENDAR], user: { google_sub: ALICE_SUB } });
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      const [{ count }] = await api.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM consent_requests WHERE id = $1 OR scopes = $2`,
        [first.body.id, [CALENDAR, DRIVE]],
      );
      expect(count).toBe(1);
    });

    it('refuses scopes, purposes and return URLs the service is not allowed, and unknown users', async () => {
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [
          { scopes: ['https://www.googleapis.com/auth/admin.directory.user'] },
          403,
          'scope_not_allowed',
        ],
        [{ purpose: 'ads' }, 403, 'purpose_not_allowed'],
        [{ return_url: 'https://evil.example/phish' }, 400, 'return_url_not_allowed'],
        [{ return_url: `${ORIGIN}.evil.example/x` }, 400, 'return_url_not_allowed'],
        [{ return_url: `https://user:pw@newsletter.example.com/` }, 400, 'return_url_not_allowed'],
        [{ return_url: 'javascript:alert(1)' }, 400, 'return_url_not_allowed'],
        [{ return_url: `${ORIGIN}/x\r\nSet-Cookie: a=b` }, 400, 'validation_failed'],
        [{ user: { id: '00000000-0000-4000-8000-000000000000' } }, 404, 'unknown_user'],
        [{ user: { google_sub: '99999' } }, 404, 'unknown_user'],
        [{ user: { id: aliceId, google_sub: ALICE_SUB } }, 400, 'validation_failed'],
      ];
      for (const [extra, status, error] of cases) {
        const refused = await ask(extra);
        expect([extra, refused.status, refused.body.error]).toEqual([extra, status, error]);
      }
    });

    it("answers another service's request, or a malformed id, as unknown", async () => {
      const mine = await ask();
      const theirs = await call(`consent-requests/${mine.body.id}`, undefined, otherKey);
      expect([theirs.status, theirs.body.error]).toEqual([404, 'consent_request_not_found']);
      const malformed = await call('consent-requests/not-a-uuid');
      expect([malformed.status, malformed.body.error]).toEqual([404, 'consent_request_not_found']);
    });

    it('shows an expired request as expired, and a new ask opens a new one', async () => {
      const created = await ask({ scopes: [DRIVE] }, otherKey);
      await api.db.query(
        `UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [created.body.id],
      );
      const fetched = await call(`consent-requests/${created.body.id}`, undefined, otherKey);
      expect(fetched.body.status).toBe('expired');
      const fresh = await ask({ scopes: [DRIVE] }, otherKey);
      expect(fresh.body.id).not.toBe(created.body.id);
      expect(fresh.body.status).toBe('pending');
      const expiredPage = await page(created.body.id, alice);
      expect(expiredPage.text).toContain('data-status="expired"');
      expect((await action(created.body.id, 'continue')).status).toBe(409);
    });
  });

  it('gives a refused token request a consent link for just the missing scopes, reused', async () => {
    const tokens = () =>
      call(
        'tokens',
        { user: { id: aliceId }, scopes: [GMAIL_SEND, DRIVE], purpose: 'weekly-digest' },
        otherKey,
      );
    const refused = await tokens();
    expect([refused.status, refused.body.error]).toEqual([403, 'insufficient_scope']);
    expect(refused.body.consent_url).toBe(`${api.url}/consent/${refused.body.consent_request_id}`);
    const again = await tokens();
    expect(again.body.consent_request_id).toBe(refused.body.consent_request_id);
    const state = await call(
      `consent-requests/${refused.body.consent_request_id}`,
      undefined,
      otherKey,
    );
    expect(state.body).toMatchObject({ status: 'pending', scopes: [DRIVE], return_url: null });
  });

  describe('the page /consent/:id', () => {
    it('asks a signed-out visitor to sign in and come back, telling nothing of the request', async () => {
      const created = await ask();
      const anonymous = await page(created.body.id);
      expect(anonymous.status).toBe(200);
      expect(anonymous.text).toContain(
        `/auth/google?return_to=${encodeURIComponent(`/consent/${created.body.id}`)}`.replace(
          /&/g,
          '&amp;',
        ),
      );
      expect(anonymous.text).not.toContain('newsletter');
      expect(anonymous.text).not.toContain('weekly digest');
      const signIn = await request(
        `${api.url}/auth/google?return_to=%2Fconsent%2F${created.body.id}`,
      );
      expect(signIn.status).toBe(302);
    });

    it('tells another signed-in user plainly that it is not theirs, and lets them do nothing', async () => {
      const created = await ask();
      const bob = await signInAs(api, BOB_SUB);
      const shown = await page(created.body.id, bob);
      expect(shown.text).toContain('id="consent-wrong-user"');
      expect(shown.text).not.toContain('newsletter');
      expect(shown.text).not.toContain('alice');
      const refused = await action(created.body.id, 'decline', bob);
      expect([refused.status, refused.body]).toMatchObject([403, { error: 'consent_wrong_user' }]);
    });

    it('shows the service, its team, the feature and which scopes are new, in German too', async () => {
      const created = await ask({ scopes: [GMAIL_SEND, CALENDAR] });
      const shown = await page(created.body.id, alice);
      expect(shown.text).toContain('<strong>newsletter</strong> (by Growth)');
      expect(shown.text).toContain('Your weekly digest by email');
      expect(shown.text).toMatch(
        /data-scope="https:\/\/www.googleapis.com\/auth\/calendar.readonly">See your calendars[^<]*<span class="fine">\(new\)/,
      );
      expect(shown.text).toMatch(
        /data-scope="https:\/\/www.googleapis.com\/auth\/gmail.send">[^<]*<span class="fine">\(already allowed\)/,
      );
      const german = await request(`${api.url}/consent/${created.body.id}`, {
        cookies: { [SESSION_COOKIE]: alice },
        headers: { 'accept-language': 'de' },
      });
      expect(german.text).toContain('Weiter zu Google');
      expect(german.text).toContain('<html lang="de"');
    });

    it('refuses a cross-site "Not now" (no X-Requested-With)', async () => {
      const created = await ask();
      const forged = await request(`${api.url}/consent/${created.body.id}/decline`, {
        method: 'POST',
        cookies: { [SESSION_COOKIE]: alice },
      });
      expect([forged.status, forged.body.error]).toEqual([403, 'cross_site_request']);
    });

    it('declines on "Not now" and sends the user back to the service, on the record', async () => {
      const created = await ask({ scopes: [DRIVE], return_url: `${ORIGIN}/done` });
      const declined = await action(created.body.id, 'decline');
      expect(declined.status).toBe(200);
      expect(declined.body.location).toBe(
        `${ORIGIN}/done?consent_request=${created.body.id}&status=declined`,
      );
      expect((await call(`consent-requests/${created.body.id}`)).body.status).toBe('declined');
      expect((await page(created.body.id, alice)).text).toContain('data-status="declined"');
      const [event] = await api.db.query<{ action: string; actor_kind: string }>(
        `SELECT action, actor_kind FROM audit_events
          WHERE details->>'consent_request_id' = $1 ORDER BY id DESC LIMIT 1`,
        [created.body.id],
      );
      expect(event).toEqual({ action: 'consent_request.declined', actor_kind: 'user' });
    });

    it('goes through Google for just its scopes, then completes and the token is given', async () => {
      const created = await ask({ return_url: `${ORIGIN}/settings` });
      const { authorize, back, done } = await consentAtGoogle(created.body.id, [CALENDAR]);
      expect(authorize.searchParams.get('scope')!.split(' ').sort()).toEqual(
        ['openid', 'email', 'profile', CALENDAR].sort(),
      );
      expect(authorize.searchParams.get('include_granted_scopes')).toBe('true');
      expect(authorize.searchParams.get('access_type')).toBe('offline');
      expect(back).toMatch(new RegExp(`^/consent/${created.body.id}/return\\?t=[\\w-]{43}$`));
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe(
        `${ORIGIN}/settings?consent_request=${created.body.id}&status=completed`,
      );
      const state = await call(`consent-requests/${created.body.id}`);
      expect(state.body).toMatchObject({
        status: 'completed',
        granted_scopes: [CALENDAR],
        missing_scopes: [],
      });
      const [grant] = await api.db.query<{ scopes: string[] }>(
        'SELECT scopes FROM grants WHERE user_id = $1',
        [aliceId],
      );
      expect(grant.scopes).toEqual(expect.arrayContaining([GMAIL_SEND, CALENDAR]));
      const token = await call('tokens', {
        user: { id: aliceId },
        scopes: [GMAIL_SEND, CALENDAR],
        purpose: 'weekly-digest',
      });
      expect(token.status).toBe(200);
      const events = await api.db.query<{ action: string; details: Record<string, unknown> }>(
        `SELECT action, details FROM audit_events WHERE details->>'consent_request_id' = $1 ORDER BY id`,
        [created.body.id],
      );
      expect(events.map((e) => e.action)).toEqual([
        'consent_request.created',
        'consent_request.completed',
      ]);
      expect(JSON.stringify(events)).not.toMatch(/ya29|1\/\//);
    });

    it('keeps the request open when the user cancels at Google', async () => {
      const created = await ask({ scopes: [DRIVE] });
      const { done } = await consentAtGoogle(created.body.id, 'cancel');
      expect(done.headers.get('location')).toBe(`/consent/${created.body.id}?google=cancelled`);
      expect((await call(`consent-requests/${created.body.id}`)).body.status).toBe('pending');
      const shown = await page(created.body.id, alice, '?google=cancelled');
      expect(shown.text).toContain('id="consent-google-cancelled"');
    });

    it('completes nothing on a return link opened without the flow (a forged navigation)', async () => {
      const created = await ask({ scopes: [GMAIL_SEND, DRIVE], return_url: `${ORIGIN}/x` });
      const forged = await request(
        `${api.url}/consent/${created.body.id}/return?t=${'a'.repeat(43)}`,
        { cookies: { [SESSION_COOKIE]: alice } },
      );
      expect(forged.headers.get('location')).toBe(`/consent/${created.body.id}`);
      expect((await call(`consent-requests/${created.body.id}`)).body.status).toBe('pending');
    });

    it('completes partially when the user unticks a scope, and says which is still missing', async () => {
      const created = await ask({ scopes: [CALENDAR, DRIVE] });
      const { done } = await consentAtGoogle(created.body.id, [CALENDAR]);
      // No return_url: back to the request's page, which confirms.
      expect(done.headers.get('location')).toBe(`/consent/${created.body.id}`);
      const state = await call(`consent-requests/${created.body.id}`);
      expect(state.body).toMatchObject({
        status: 'completed',
        granted_scopes: [CALENDAR],
        missing_scopes: [DRIVE],
      });
      const shown = await page(created.body.id, alice);
      expect(shown.text).toContain('id="consent-missing"');
      expect(shown.text).toContain(`data-scope="${DRIVE}"`);
    });
  });
});

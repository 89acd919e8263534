import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  callsTo,
  GMAIL_SEND,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

const BINDING_COOKIE = '__Host-gk_oauth';

interface Started {
  readonly authorize: URL;
  readonly binding: string;
}

// GET /auth/google and its callback over real HTTP: what we ask Google for, and the state and
// PKCE checks of RFC 9700 (SECURITY-CASES "Code exchange and sign-in flows").
describe('Redirect flow (GET /auth/google)', () => {
  let api: ApiUnderTest;

  async function start(query = '', session?: string): Promise<Started> {
    const response = await request(`${api.url}/auth/google${query}`, {
      cookies: session ? { [SESSION_COOKIE]: session } : undefined,
    });
    expect(response.status).toBe(302);
    return {
      authorize: new URL(response.headers.get('location')!),
      binding: cookieValue(setCookies(response).get(BINDING_COOKIE)),
    };
  }

  /** What Google would redirect back with after the user consented to `started`. */
  async function consentTo({ authorize }: Started, sub = ALICE_SUB): Promise<string> {
    const { code } = (await api.control('authorization-code', {
      sub,
      scopes: authorize.searchParams.get('scope')!.split(' '),
      redirect_uri: authorize.searchParams.get('redirect_uri'),
      access_type: 'offline',
      code_challenge: authorize.searchParams.get('code_challenge'),
      code_challenge_method: authorize.searchParams.get('code_challenge_method'),
    })) as { code: string };
    return code;
  }

  const callback = (params: Record<string, string>, cookies: Record<string, string> = {}) =>
    request(`${api.url}/auth/google/callback?${new URLSearchParams(params)}`, { cookies });

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await api.db.query('DELETE FROM grants');
    await resetEmulator(api);
  });

  it('asks Google for offline access with PKCE S256, granted scopes and our callback', async () => {
    const { authorize, binding } = await start();

    expect(authorize.origin + authorize.pathname).toBe(`${api.emulatorUrl}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      access_type: 'offline',
      include_granted_scopes: 'true',
      code_challenge_method: 'S256',
      response_type: 'code',
      redirect_uri: `${api.url}/auth/google/callback`,
    });
    expect(authorize.searchParams.get('scope')).toContain(GMAIL_SEND);
    // 256 bits of state and of binding; the PKCE challenge is a SHA-256.
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('takes the redirect URI from configuration, never from request headers', async () => {
    const response = await request(`${api.url}/auth/google`, {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    const authorize = new URL(response.headers.get('location')!);

    expect(authorize.searchParams.get('redirect_uri')).toBe(`${api.url}/auth/google/callback`);
  });

  it('signs a visitor in and stores the grant, then refuses the same state again', async () => {
    const started = await start('?return_to=/account');
    const params = {
      code: await consentTo(started),
      state: started.authorize.searchParams.get('state')!,
    };

    const done = await callback(params, { [BINDING_COOKIE]: started.binding });

    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/account');
    const session = cookieValue(setCookies(done).get(SESSION_COOKIE));
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: session } });
    expect(me.body).toMatchObject({ sub: ALICE_SUB });
    const [grant] = await api.db.query<{ status: string; scopes: string[] }>(
      'SELECT status, scopes FROM grants',
    );
    expect(grant.status).toBe('active');
    expect(grant.scopes).toContain(GMAIL_SEND);

    const replay = await callback(params, { [BINDING_COOKIE]: started.binding });
    expect(replay.status).toBe(403);
    expect(replay.body).toMatchObject({ error: 'invalid_state' });
  });

  it('refuses a missing, unknown or other-browser state with 403, without calling Google', async () => {
    const started = await start();
    const code = await consentTo(started);
    const state = started.authorize.searchParams.get('state')!;

    for (const [params, cookies] of [
      [{ code }, { [BINDING_COOKIE]: started.binding }],
      [{ code, state: 'A'.repeat(43) }, { [BINDING_COOKIE]: started.binding }],
      [{ code, state }, {}],
      [{ code, state }, { [BINDING_COOKIE]: 'B'.repeat(43) }],
    ] as const) {
      const response = await callback(params, cookies);
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: 'invalid_state' });
    }
    expect(await callsTo(api, '/token')).toBe(0);
  });

  it('answers 400 to line breaks in state or return_to, and ignores foreign return targets', async () => {
    expect((await callback({ code: 'x', state: 'a\r\nSet-Cookie: x=y' })).status).toBe(400);
    expect((await request(`${api.url}/auth/google?return_to=%2Fa%0d%0aX:1`)).status).toBe(400);

    for (const target of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const started = await start(`?return_to=${encodeURIComponent(target)}`);
      const done = await callback(
        { code: await consentTo(started), state: started.authorize.searchParams.get('state')! },
        { [BINDING_COOKIE]: started.binding },
      );
      expect(done.headers.get('location')).toBe('/account');
      await api.db.query('DELETE FROM grants');
      await resetEmulator(api);
    }
  });

  it('asks for prompt=consent only when the signed-in user has no live refresh token', async () => {
    const session = await signInAs(api, ALICE_SUB);
    const first = await start('', session);
    expect(first.authorize.searchParams.get('prompt')).toBe('consent');
    await callback(
      { code: await consentTo(first), state: first.authorize.searchParams.get('state')! },
      { [BINDING_COOKIE]: first.binding, [SESSION_COOKIE]: session },
    );

    const second = await start('', session);

    expect(second.authorize.searchParams.get('prompt')).toBeNull();
  });

  it('refuses a code of another account than the signed-in one with 409', async () => {
    const session = await signInAs(api, ALICE_SUB);
    const started = await start('', session);

    const response = await callback(
      {
        code: await consentTo(started, '100000000000000000003'),
        state: started.authorize.searchParams.get('state')!,
      },
      { [BINDING_COOKIE]: started.binding, [SESSION_COOKIE]: session },
    );

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'account_mismatch' });
    expect(await api.db.query('SELECT id FROM grants')).toEqual([]);
  });

  it('returns to the page with offline_access=denied when the user cancels at Google', async () => {
    const started = await start('?return_to=/account');

    const response = await callback(
      { error: 'access_denied', state: started.authorize.searchParams.get('state')! },
      { [BINDING_COOKIE]: started.binding },
    );

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/account?offline_access=denied');
  });

  it.each([
    ['invalid_scope', '/account?offline_access=failed&google_error=invalid_scope'],
    ['server_error', '/account?offline_access=failed&google_error=server_error'],
    ['<script>', '/account?offline_access=failed&google_error=unknown'],
  ])('does not call Google’s %s a cancel', async (error, location) => {
    const started = await start('?return_to=/account');

    const response = await callback(
      { error, state: started.authorize.searchParams.get('state')! },
      { [BINDING_COOKIE]: started.binding },
    );

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(location);
  });

  it('shows an invalid scope on Google’s own page, so the callback never sees it', async () => {
    const started = await start('?return_to=/account');
    const authorize = new URL(started.authorize);
    authorize.searchParams.set('scope', `${authorize.searchParams.get('scope')} bogus`);

    const response = await request(authorize.toString());

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.text).toContain('Error 400: invalid_scope');
  });
});

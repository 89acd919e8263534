import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { readSession } from '../google-session.js';
import { EMAIL_SCOPE, PROFILE_SCOPE } from '../oauth-scopes.js';
import { authorizeInBrowser, consentCheckboxes } from '../testing/oauth-browser.js';
import { TEST_USERS } from '../test-users.js';

const PAGE = 'http://localhost:3000';
const CALLBACK = `${PAGE}/auth/google/callback`;
const CLIENT = {
  clientId: 'web.apps.googleusercontent.com',
  clientSecret: 'secret',
  javascriptOrigins: [PAGE],
  redirectUris: [CALLBACK],
};
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const [alice, ada, bob] = TEST_USERS;
const base = {
  client_id: CLIENT.clientId,
  redirect_uri: CALLBACK,
  response_type: 'code',
  scope: `openid email profile ${GMAIL_SEND}`,
  state: 'state with spaces & symbols',
};

describe('oauthAuthorizeRoutes', () => {
  let app: FastifyInstance;
  const get = (params: Record<string, string>, cookie?: string) =>
    app.inject({
      url: `/o/oauth2/v2/auth?${new URLSearchParams(params)}`,
      headers: cookie ? { cookie } : {},
    });
  const redirected = (location: URL | undefined) => {
    expect(`${location?.origin}${location?.pathname}`).toBe(CALLBACK);
    return Object.fromEntries(location?.searchParams ?? []);
  };

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [CLIENT] }),
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await app.inject({ method: 'POST', url: '/__control/reset' });
  });

  describe('requests it refuses with an error page, never a redirect', () => {
    it.each([
      ['an unknown client', { client_id: 'nope' }, 401, 'invalid_client'],
      ['no client', { client_id: '' }, 400, 'invalid_request'],
      [
        'an unregistered redirect URI',
        { redirect_uri: `${PAGE}/evil` },
        400,
        'redirect_uri_mismatch',
      ],
      ['a trailing slash', { redirect_uri: `${CALLBACK}/` }, 400, 'redirect_uri_mismatch'],
      ['no redirect URI', { redirect_uri: '' }, 400, 'invalid_request'],
      ['postmessage without origin', { redirect_uri: 'postmessage' }, 400, 'origin_mismatch'],
      [
        'postmessage from a foreign origin',
        { redirect_uri: 'postmessage', origin: 'http://evil.example' },
        400,
        'origin_mismatch',
      ],
    ])('%s', async (_case, params, status, error) => {
      const response = await get({ ...base, ...params, response_type: '' });
      expect(response.statusCode).toBe(status);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain(`Error ${status}: ${error}`);
      expect(response.body).not.toContain('postMessage');
    });

    it('shows an invalid scope on its own page, never back at the redirect URI', async () => {
      const response = await get({ ...base, scope: 'openid bogus' });
      expect(response.statusCode).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.body).toContain('Error 400: invalid_scope');
      expect(response.body).toContain('Some requested scopes were invalid.');
    });
  });

  describe('errors once the redirect URI is trusted go back to it, with state', () => {
    it.each([
      [{ response_type: '' }, 'invalid_request', 'Missing required parameter: response_type'],
      [{ response_type: 'token' }, 'unsupported_response_type', 'token'],
      [{ scope: '' }, 'invalid_request', 'Missing required parameter: scope'],
      [{ prompt: 'login' }, 'invalid_request', 'Invalid parameter value for prompt: login'],
      [{ prompt: 'none consent' }, 'invalid_request', expect.stringMatching(/none/) as unknown],
      [{ access_type: 'forever' }, 'invalid_request', 'Invalid access_type: forever'],
      [
        { code_challenge_method: 'S512', code_challenge: 'a'.repeat(43) },
        'invalid_request',
        expect.any(String) as unknown,
      ],
      [{ code_challenge: 'short' }, 'invalid_request', 'Invalid code_challenge'],
    ])('%j → %s', async (params, error, description) => {
      const response = await get({ ...base, ...params });
      expect(response.statusCode).toBe(302);
      expect(redirected(new URL(String(response.headers.location)))).toEqual({
        error,
        error_description: description,
        state: base.state,
      });
    });
  });

  it('shows the chooser, then a consent screen with one checkbox per data scope, then redirects with the code', async () => {
    const chooser = await get(base);
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain('to continue to <strong>localhost:3000</strong>');
    for (const user of TEST_USERS) expect(chooser.body).toContain(`value="${user.sub}"`);

    const outcome = await authorizeInBrowser(app, base);
    expect(outcome.shown).toEqual(['chooser', 'consent']);
    expect(outcome.response.statusCode).toBe(302);
    const result = redirected(outcome.location);
    expect(result).toEqual({
      code: expect.stringMatching(/^4\/0[\w-]+$/) as unknown,
      scope: `email profile openid ${GMAIL_SEND} ${EMAIL_SCOPE} ${PROFILE_SCOPE}`,
      authuser: '0',
      prompt: 'consent',
      state: base.state,
    });
    expect(Object.keys(result)).toEqual(['code', 'scope', 'authuser', 'prompt', 'state']);
    expect(outcome.cookie).toMatch(/^GEMU_SID=/);
  });

  it('offers sign-in scopes ticked and fixed, data scopes as untickable checkboxes', async () => {
    const consent = await get({ ...base, login_hint: alice.email });
    expect(consent.body).toContain('localhost:3000 wants access to your Google Account');
    expect(consentCheckboxes(consent.body)).toEqual([GMAIL_SEND]);
    expect(consent.body.match(/checked disabled/g)).toHaveLength(3);
  });

  it('grants only what the user left ticked', async () => {
    const outcome = await authorizeInBrowser(app, base, { untick: [GMAIL_SEND] });
    expect(redirected(outcome.location).scope).toBe(
      `email profile openid ${EMAIL_SCOPE} ${PROFILE_SCOPE}`,
    );
    const { grants } = (await app.inject({ url: '/__control/grants' })).json<{
      grants: { scopes: string[] }[];
    }>();
    expect(grants[0]?.scopes).toEqual([EMAIL_SCOPE, PROFILE_SCOPE, 'openid']);
  });

  it('answers access_denied when the user cancels, or unticks everything', async () => {
    const cancelled = await authorizeInBrowser(app, base, { action: 'cancel' });
    expect(redirected(cancelled.location)).toEqual({ error: 'access_denied', state: base.state });
    const nothing = await authorizeInBrowser(
      app,
      { ...base, scope: GMAIL_SEND },
      { untick: [GMAIL_SEND] },
    );
    expect(redirected(nothing.location).error).toBe('access_denied');
    expect((await app.inject({ url: '/__control/grants' })).json()).toEqual({ grants: [] });
  });

  it('skips the chooser for login_hint (email or sub) unless prompt=select_account', async () => {
    expect((await authorizeInBrowser(app, { ...base, login_hint: ada.email })).shown).toEqual([
      'consent',
    ]);
    expect((await authorizeInBrowser(app, { ...base, login_hint: bob.sub })).shown).toEqual([
      'consent',
    ]);
    const forced = await get({ ...base, login_hint: ada.sub, prompt: 'select_account' });
    expect(forced.body).toContain('Choose an account');
    expect(forced.body.indexOf(ada.email)).toBeLessThan(forced.body.indexOf(alice.email));
  });

  it('skips consent already given (prompt=none on the redirect) unless prompt=consent', async () => {
    const first = await authorizeInBrowser(app, base);
    const again = await authorizeInBrowser(
      app,
      { ...base, login_hint: alice.sub },
      { cookie: first.cookie },
    );
    expect(again.shown).toEqual([]);
    expect(redirected(again.location)).toMatchObject({ prompt: 'none', authuser: '0' });
    const asked = await authorizeInBrowser(app, {
      ...base,
      login_hint: alice.sub,
      prompt: 'consent',
    });
    expect(asked.shown).toEqual(['consent']);
    const more = await authorizeInBrowser(app, {
      ...base,
      login_hint: alice.sub,
      scope: 'openid https://www.googleapis.com/auth/drive.file',
    });
    expect(more.shown).toEqual(['consent']);
  });

  it('counts an account that granted the client before as approved in another browser too', async () => {
    // Consent given in one browser; a fresh browser meets no consent screen, and its Google
    // session then lists the client as approved (One Tap's returning user).
    await authorizeInBrowser(app, base);
    const fresh = await get({ ...base, login_hint: alice.sub });
    const session = readSession(String(fresh.headers['set-cookie']).split(';')[0]);
    expect(session).toEqual([{ sub: alice.sub, approved: [CLIENT.clientId] }]);
    // Before any consent, choosing the account approves nothing yet.
    const other = await get({ ...base, login_hint: ada.sub });
    const unapproved = readSession(String(other.headers['set-cookie']).split(';')[0]);
    expect(unapproved).toEqual([{ sub: ada.sub, approved: [] }]);
  });

  it('adds earlier grants to the scope with include_granted_scopes=true', async () => {
    await authorizeInBrowser(app, { ...base, scope: GMAIL_SEND });
    const hint = { login_hint: alice.sub, scope: 'openid' };
    const without = await authorizeInBrowser(app, { ...base, ...hint });
    expect(redirected(without.location).scope).toBe('openid');
    const withGranted = await authorizeInBrowser(app, {
      ...base,
      ...hint,
      include_granted_scopes: 'true',
    });
    expect(redirected(withGranted.location).scope).toBe(`openid ${GMAIL_SEND}`);
  });

  it('refuses a consent post for an account not signed in to this browser', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/o/oauth2/v2/auth/consent',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        ...base,
        sub: alice.sub,
        action: 'allow',
        granted: 'openid',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });
});

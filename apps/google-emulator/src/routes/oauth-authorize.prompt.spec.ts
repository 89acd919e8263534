import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { type GoogleSession, sessionSetCookie } from '../google-session.js';
import { EMAIL_SCOPE } from '../oauth-scopes.js';
import { authorizeInBrowser } from '../testing/oauth-browser.js';
import { runFrameScript } from '../testing/run-frame-script.js';
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
const [alice, ada] = TEST_USERS;
const base = {
  client_id: CLIENT.clientId,
  redirect_uri: CALLBACK,
  response_type: 'code',
  scope: `openid email profile ${GMAIL_SEND}`,
  state: 'state with spaces & symbols',
};
const cookieFor = (session: GoogleSession) => sessionSetCookie(session, false).split(';')[0];

describe('oauthAuthorizeRoutes: prompt=none and postmessage', () => {
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

  describe('prompt=none', () => {
    const silent = { ...base, prompt: 'none' };

    it('answers login_required without a Google session, consent_required without consent', async () => {
      expect(redirected(new URL(String((await get(silent)).headers.location)))).toEqual({
        error: 'login_required',
        state: base.state,
      });
      const cookie = cookieFor([{ sub: alice.sub, approved: [] }]);
      expect(redirected(new URL(String((await get(silent, cookie)).headers.location))).error).toBe(
        'consent_required',
      );
    });

    it('answers interaction_required when several accounts are signed in and none is hinted', async () => {
      const first = await authorizeInBrowser(app, base);
      const cookie = cookieFor([
        { sub: alice.sub, approved: [CLIENT.clientId] },
        { sub: ada.sub, approved: [] },
      ]);
      const response = await get(silent, cookie);
      expect(redirected(new URL(String(response.headers.location))).error).toBe(
        'interaction_required',
      );
      const hinted = await get({ ...silent, login_hint: alice.email }, first.cookie);
      expect(redirected(new URL(String(hinted.headers.location)))).toMatchObject({
        prompt: 'none',
      });
    });

    it('issues a code with no UI for a signed-in user who consented', async () => {
      const { cookie } = await authorizeInBrowser(app, base);
      const response = await get(silent, cookie);
      expect(response.statusCode).toBe(302);
      expect(redirected(new URL(String(response.headers.location)))).toMatchObject({
        code: expect.any(String) as unknown,
        prompt: 'none',
      });
    });
  });

  describe('redirect_uri=postmessage (GIS code client popup)', () => {
    const popup = { ...base, redirect_uri: 'postmessage', origin: PAGE, scope: 'openid email' };

    it('posts the code response to the opener on the registered origin only', async () => {
      const outcome = await authorizeInBrowser(app, popup);
      expect(outcome.response.statusCode).toBe(200);
      const [posted, ...rest] = runFrameScript(outcome.response.body);
      expect(rest).toEqual([]);
      expect(posted).toMatchObject({ to: 'opener', targetOrigin: PAGE });
      expect(posted?.message).toEqual({
        source: 'gsi-emulator',
        type: 'code_response',
        response: {
          code: expect.stringMatching(/^4\/0/) as unknown,
          scope: `email openid ${EMAIL_SCOPE}`,
          authuser: '0',
          prompt: 'consent',
          state: base.state,
        },
      });
    });

    it('posts errors to the opener too', async () => {
      const outcome = await authorizeInBrowser(app, popup, { action: 'cancel' });
      expect(runFrameScript(outcome.response.body)[0]?.message.response).toEqual({
        error: 'access_denied',
        state: base.state,
      });
    });
  });
});

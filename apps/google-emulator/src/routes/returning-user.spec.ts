import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { type GoogleSession, sessionSetCookie } from '../google-session.js';
import { CONSENT_ACTION } from '../pages/consent.page.js';
import { type TokenResponse, tokenRequests } from '../testing/token-requests.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

const PAGE = 'http://localhost:3000';
const CALLBACK = `${PAGE}/auth/google/callback`;
const CLIENT = {
  clientId: 'web.apps.googleusercontent.com',
  clientSecret: 'secret',
  javascriptOrigins: [PAGE],
  redirectUris: [CALLBACK],
};
const SCOPES = 'openid email profile https://www.googleapis.com/auth/gmail.send';
const cookieFor = (session: GoogleSession) => sessionSetCookie(session, false).split(';')[0];

// The code client and a user who granted everything before: Google's answer is undocumented
// and reported both ways, so the `returning_user` setting plays each.
describe('returning_user setting', () => {
  let app: FastifyInstance;
  const { control, mintCode, exchange } = tokenRequests(() => app, CLIENT);
  const refreshTokens = async () =>
    (await app.inject({ url: '/__control/grants' })).json<{
      grants: Array<{ refresh_tokens: number }>;
    }>().grants[0]?.refresh_tokens ?? 0;
  const codeClientPage = (extra: Record<string, string> = {}) =>
    app.inject({
      url: `/o/oauth2/v2/auth?${new URLSearchParams({
        client_id: CLIENT.clientId,
        redirect_uri: 'postmessage',
        origin: PAGE,
        response_type: 'code',
        access_type: 'offline',
        scope: SCOPES,
        login_hint: DEFAULT_TEST_USER.email,
        ...extra,
      })}`,
      headers: { cookie: cookieFor([{ sub: DEFAULT_TEST_USER.sub, approved: [] }]) },
    });
  const codeFor = async () => {
    const body = (await exchange(await mintCode({ scopes: SCOPES }))).json<TokenResponse>();
    return body.refresh_token;
  };

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [CLIENT] }),
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await control('reset');
  });

  it('remembered (the default): no consent screen and no refresh token the second time', async () => {
    expect(await codeFor()).toMatch(/^1\/\//);
    expect(await codeFor()).toBeUndefined();
    expect(await refreshTokens()).toBe(1);
    const page = await codeClientPage();
    expect(page.body).not.toContain(CONSENT_ACTION);
    expect(page.body).toContain('code_response');
  });

  it('consent_every_time: the consent screen again and a new refresh token each time', async () => {
    await control('settings', { returning_user: 'consent_every_time' });
    const first = await codeFor();
    const second = await codeFor();

    expect(second).toMatch(/^1\/\//);
    expect(second).not.toBe(first);
    // The earlier token stays live: Google keeps up to 100 per user and client.
    expect(await refreshTokens()).toBe(2);
    expect((await codeClientPage()).body).toContain(CONSENT_ACTION);
  });

  it('consent_every_time leaves the server-side redirect flow as documented', async () => {
    await control('settings', { returning_user: 'consent_every_time' });
    await codeFor();
    const code = await mintCode({ scopes: SCOPES, redirect_uri: CALLBACK });
    const body = (await exchange(code, { redirect_uri: CALLBACK })).json<TokenResponse>();

    expect(body.refresh_token).toBeUndefined();
  });

  it('is answered by GET /__control/settings and refuses an unknown value', async () => {
    expect(
      (await control('settings', { returning_user: 'consent_every_time' })).json(),
    ).toMatchObject({ returning_user: 'consent_every_time' });
    expect((await control('settings', { returning_user: 'sometimes' })).statusCode).toBe(400);
    await control('reset');
    expect((await app.inject({ url: '/__control/settings' })).json()).toMatchObject({
      returning_user: 'remembered',
    });
  });
});

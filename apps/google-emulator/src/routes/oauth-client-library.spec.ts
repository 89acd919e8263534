// The real google-auth-library OAuth2Client against the emulator over HTTP, changed only in its
// endpoint URLs: what the api's code exchange and token broker rely on.
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { EMAIL_SCOPE } from '../oauth-scopes.js';
import { authorizeInBrowser } from '../testing/oauth-browser.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

const CALLBACK = 'http://localhost:3000/auth/google/callback';
const CLIENT = {
  clientId: 'library.apps.googleusercontent.com',
  clientSecret: 'library-secret',
  javascriptOrigins: ['http://localhost:3000'],
  redirectUris: [CALLBACK],
};
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('OAuth endpoints with google-auth-library', () => {
  let emulator: RunningEmulator;
  const control = async (path: string, body: object = {}) =>
    (await emulator.app.inject({ method: 'POST', url: `/__control/${path}`, payload: body })).json<{
      code: string;
    }>();
  const client = (redirectUri = 'postmessage') =>
    new OAuth2Client({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      redirectUri,
      endpoints: {
        oauth2AuthBaseUrl: `${emulator.url}/o/oauth2/v2/auth`,
        oauth2TokenUrl: `${emulator.url}/token`,
        oauth2RevokeUrl: `${emulator.url}/revoke`,
        tokenInfoUrl: `${emulator.url}/tokeninfo`,
        oauth2FederatedSignonPemCertsUrl: `${emulator.url}/oauth2/v1/certs`,
      },
    });
  const tokenCalls = async () =>
    (await emulator.app.inject({ url: '/__control/calls?path=/token' }))
      .json<{ calls: { status: number }[] }>()
      .calls.map((call) => call.status);

  beforeAll(async () => {
    emulator = await startEmulator(emulatorConfig({ clients: [CLIENT] }));
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulator.app.inject({ method: 'POST', url: '/__control/reset' });
  });

  it('exchanges a popup code with getToken and verifies the ID token it returns', async () => {
    const { code } = await control('authorization-code', { scopes: `openid email ${GMAIL_SEND}` });
    const oauth = client();
    const { tokens } = await oauth.getToken(code);
    expect(tokens).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./) as unknown,
      refresh_token: expect.stringMatching(/^1\/\//) as unknown,
      token_type: 'Bearer',
      scope: `${GMAIL_SEND} ${EMAIL_SCOPE} openid`,
    });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3_500_000);
    const ticket = await oauth.verifyIdToken({
      idToken: tokens.id_token ?? '',
      audience: CLIENT.clientId,
    });
    expect(ticket.getPayload()).toMatchObject({
      sub: DEFAULT_TEST_USER.sub,
      at_hash: expect.any(String) as unknown,
    });
  });

  it('refreshes with refreshAccessToken and, once the token is expiring, getAccessToken', async () => {
    await control('settings', { access_token_lifetime: 1 });
    const oauth = client();
    const { tokens } = await oauth.getToken((await control('authorization-code')).code);
    oauth.setCredentials(tokens);
    const { credentials } = await oauth.refreshAccessToken();
    expect(credentials.access_token).not.toBe(tokens.access_token);
    expect(credentials.refresh_token).toBe(tokens.refresh_token);
    // One second left is inside the library's five-minute eager-refresh window: it refreshes.
    const { token } = await oauth.getAccessToken();
    expect(token).toMatch(/^ya29\./);
    expect(token).not.toBe(credentials.access_token);
    expect(await tokenCalls()).toEqual([200, 200, 200]);
  });

  it('revokes with revokeToken, after which refreshing fails with invalid_grant', async () => {
    const oauth = client();
    const { tokens } = await oauth.getToken((await control('authorization-code')).code);
    oauth.setCredentials(tokens);
    const revoked = await oauth.revokeToken(tokens.access_token ?? '');
    expect(revoked.status).toBe(200);
    await expect(oauth.refreshAccessToken()).rejects.toMatchObject({
      message: 'invalid_grant',
      status: 400,
    });
    await expect(oauth.revokeToken(tokens.access_token ?? '')).rejects.toMatchObject({
      status: 400,
    });
  });

  it('describes an access token with getTokenInfo', async () => {
    const oauth = client();
    const { code } = await control('authorization-code', { scopes: ['email', GMAIL_SEND] });
    const { tokens } = await oauth.getToken(code);
    const info = await oauth.getTokenInfo(tokens.access_token ?? '');
    expect(info).toMatchObject({
      aud: CLIENT.clientId,
      sub: DEFAULT_TEST_USER.sub,
      email: DEFAULT_TEST_USER.email,
      scopes: [GMAIL_SEND, EMAIL_SCOPE],
      access_type: 'offline',
    });
    expect(info.expiry_date).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('accepts generateAuthUrl URLs (offline, PKCE S256, state, login_hint) and exchanges their code', async () => {
    const oauth = client(CALLBACK);
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = new URL(
      oauth.generateAuthUrl({
        access_type: 'offline',
        scope: ['openid', 'email', GMAIL_SEND],
        state: 'csrf-123',
        prompt: 'consent',
        include_granted_scopes: true,
        login_hint: DEFAULT_TEST_USER.email,
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.url}/o/oauth2/v2/auth`);
    const outcome = await authorizeInBrowser(emulator.app, Object.fromEntries(url.searchParams));
    expect(outcome.shown).toEqual(['consent']);
    const back = outcome.location;
    expect(back?.searchParams.get('state')).toBe('csrf-123');
    const code = back?.searchParams.get('code') ?? '';
    await expect(oauth.getToken({ code, codeVerifier: `${codeVerifier}x` })).rejects.toMatchObject({
      message: 'invalid_grant',
    });
    const { tokens } = await oauth.getToken({ code, codeVerifier });
    expect(tokens.refresh_token).toMatch(/^1\/\//);
  });

  it('retries a token request that a fault answered with 503 once, like against Google', async () => {
    await emulator.app.inject({
      method: 'POST',
      url: '/__control/faults',
      payload: { path: '/token', status: 503, times: 1 },
    });
    const { tokens } = await client().getToken((await control('authorization-code')).code);
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(await tokenCalls()).toEqual([503, 200]);
  });
});

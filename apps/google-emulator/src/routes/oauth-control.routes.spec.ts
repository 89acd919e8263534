import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import { EMAIL_SCOPE } from '../oauth-scopes.js';
import { DEFAULT_TEST_USER, TEST_USERS } from '../test-users.js';

const OTHER = {
  ...DEFAULT_CLIENT,
  clientId: 'other.apps.googleusercontent.com',
  clientSecret: 'o',
};
const ada = TEST_USERS[1];

describe('oauthControlRoutes', () => {
  let app: FastifyInstance;
  const post = (url: string, payload?: object) =>
    app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const grants = async () =>
    (await app.inject({ url: '/__control/grants' })).json<{
      grants: { sub: string; client_id: string; scopes: string[]; refresh_tokens: number }[];
    }>().grants;
  const exchange = (code: string, client = DEFAULT_CLIENT, redirectUri = 'postmessage') =>
    app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uri: redirectUri,
      }).toString(),
    });
  const refresh = (refreshToken: string, client = DEFAULT_CLIENT) =>
    app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    });
  const offlineTokens = async (body: object = {}, client = DEFAULT_CLIENT) => {
    const { code } = (
      await post('/__control/authorization-code', { client_id: client.clientId, ...body })
    ).json<{ code: string }>();
    return (await exchange(code, client)).json<{ refresh_token: string; access_token: string }>();
  };

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [DEFAULT_CLIENT, OTHER] }),
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await post('/__control/reset');
  });

  describe('POST /__control/authorization-code', () => {
    it('defaults to the default user and client, postmessage, offline, openid email profile', async () => {
      const response = await post('/__control/authorization-code');
      expect(response.statusCode).toBe(200);
      const { code } = response.json<{ code: string }>();
      const tokens = (await exchange(code)).json<{ refresh_token?: string; scope: string }>();
      expect(tokens.refresh_token).toMatch(/^1\/\//);
      expect(tokens.scope).toContain(EMAIL_SCOPE);
      expect(await grants()).toEqual([
        expect.objectContaining({
          sub: DEFAULT_TEST_USER.sub,
          client_id: DEFAULT_CLIENT.clientId,
          refresh_tokens: 1,
        }) as unknown,
      ]);
    });

    it('issues a code for a registered redirect URI', async () => {
      const redirectUri = DEFAULT_CLIENT.redirectUris[0] ?? '';
      const { code } = (
        await post('/__control/authorization-code', { redirect_uri: redirectUri, sub: ada?.sub })
      ).json<{ code: string }>();
      expect((await exchange(code, DEFAULT_CLIENT, 'postmessage')).statusCode).toBe(400);
      const tokens = await exchange(code, DEFAULT_CLIENT, redirectUri);
      expect(tokens.statusCode).toBe(200);
    });

    it.each([
      [{ sub: '1' }],
      [{ client_id: 'nope' }],
      [{ redirect_uri: 'http://evil.example/cb' }],
      [{ scopes: 'openid bogus' }],
      [{ scopes: [] }],
      [{ access_type: 'forever' }],
      [{ code_challenge_method: 'S256' }],
      [{ code_challenge: 'short' }],
      [{ unknown: true }],
    ])('answers 400 for %j', async (body) => {
      const response = await post('/__control/authorization-code', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  describe('POST /__control/refresh-tokens', () => {
    it('mints live refresh tokens in bulk, past the 100-token limit, for the grant asked', async () => {
      const response = await post('/__control/refresh-tokens', { count: 150, scopes: 'openid' });
      const { refresh_tokens: tokens } = response.json<{ refresh_tokens: string[] }>();
      expect(tokens).toHaveLength(150);
      expect(new Set(tokens).size).toBe(150);
      for (const token of [tokens[0], tokens[149]]) {
        const answer = await refresh(token);
        expect(answer.statusCode).toBe(200);
        expect(answer.json()).toMatchObject({ scope: 'openid' });
      }
      expect(await grants()).toEqual([
        expect.objectContaining({ sub: DEFAULT_TEST_USER.sub, refresh_tokens: 150 }) as unknown,
      ]);
    });

    it('leaves Google’s 100-token limit on grants never minted in bulk', async () => {
      for (let i = 0; i < 101; i++) await offlineTokens({ sub: ada?.sub, prompt: 'consent' });
      expect(await grants()).toEqual([
        expect.objectContaining({ sub: ada?.sub, refresh_tokens: 100 }) as unknown,
      ]);
    });

    it.each([[{}], [{ count: 0 }], [{ count: 1, sub: '1' }], [{ count: 1, scopes: 'bogus' }]])(
      'answers 400 for %j',
      async (body) => {
        expect((await post('/__control/refresh-tokens', body)).statusCode).toBe(400);
      },
    );
  });

  describe('POST /__control/users/:sub/revoke', () => {
    it('kills every grant of the user, so refreshing fails with invalid_grant', async () => {
      const mine = await offlineTokens();
      const other = await offlineTokens({}, OTHER);
      const response = await post(`/__control/users/${DEFAULT_TEST_USER.sub}/revoke`);
      expect(response.json()).toEqual({ revoked_grants: 2 });
      for (const [token, client] of [
        [mine.refresh_token, DEFAULT_CLIENT],
        [other.refresh_token, OTHER],
      ] as const) {
        expect((await refresh(token, client)).json()).toEqual({
          error: 'invalid_grant',
          error_description: 'Token has been expired or revoked.',
        });
      }
    });

    it('kills only one client’s grant when given client_id', async () => {
      const mine = await offlineTokens();
      const other = await offlineTokens({}, OTHER);
      await post(`/__control/users/${DEFAULT_TEST_USER.sub}/revoke`, { client_id: OTHER.clientId });
      expect((await refresh(mine.refresh_token)).statusCode).toBe(200);
      expect((await refresh(other.refresh_token, OTHER)).statusCode).toBe(400);
    });

    it('answers 400 for an unknown account', async () => {
      expect((await post('/__control/users/123/revoke')).statusCode).toBe(400);
    });
  });

  it('lists grants with scopes and token counts, and reset clears them', async () => {
    await offlineTokens({ scopes: 'openid' });
    expect(await grants()).toEqual([
      {
        sub: DEFAULT_TEST_USER.sub,
        client_id: DEFAULT_CLIENT.clientId,
        scopes: ['openid'],
        refresh_tokens: 1,
        access_tokens: 1,
        refresh_token_values: [expect.stringMatching(/^1\/\//) as unknown],
        access_token_values: [expect.stringMatching(/^ya29\./) as unknown],
      },
    ]);
    await post('/__control/reset');
    expect(await grants()).toEqual([]);
  });

  it('changes and reports the token lifetimes in settings', async () => {
    const response = await post('/__control/settings', {
      access_token_lifetime: 5,
      code_lifetime: 7,
    });
    expect(response.json()).toMatchObject({
      certs_max_age: 300,
      access_token_lifetime: 5,
      code_lifetime: 7,
    });
    const tokens = (
      await exchange((await post('/__control/authorization-code')).json<{ code: string }>().code)
    ).json<{
      expires_in: number;
    }>();
    expect(tokens.expires_in).toBe(5);
    expect((await post('/__control/settings', { code_lifetime: -1 })).statusCode).toBe(400);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { authorizeInBrowser } from '../testing/oauth-browser.js';
import { type TokenResponse, payloadOf, tokenRequests } from '../testing/token-requests.js';
import { DEFAULT_TEST_USER, TEST_USERS } from '../test-users.js';

const PAGE = 'http://localhost:3000';
const CALLBACK = `${PAGE}/auth/google/callback`;
const CLIENT = {
  clientId: 'web.apps.googleusercontent.com',
  clientSecret: 'secret',
  javascriptOrigins: [PAGE],
  redirectUris: [CALLBACK],
};
const OTHER = { ...CLIENT, clientId: 'other.apps.googleusercontent.com', clientSecret: 'other' };
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('oauthTokenRoutes: refresh tokens', () => {
  let app: FastifyInstance;
  const { control, mintCode, exchange, refresh } = tokenRequests(() => app, CLIENT);

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [CLIENT, OTHER] }),
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await control('reset');
  });

  describe('refresh tokens come only with offline access on first consent or prompt=consent', () => {
    it('in the browser flow', async () => {
      const params = {
        client_id: CLIENT.clientId,
        redirect_uri: CALLBACK,
        response_type: 'code',
        scope: `openid ${GMAIL_SEND}`,
        access_type: 'offline',
      };
      const codeOf = async (extra: Record<string, string> = {}) =>
        (await authorizeInBrowser(app, { ...params, ...extra })).location?.searchParams.get(
          'code',
        ) ?? '';
      const exchanged = async (code: string) =>
        (await exchange(code, { redirect_uri: CALLBACK })).json<TokenResponse>();
      expect((await exchanged(await codeOf())).refresh_token).toBeDefined();
      expect(
        (await exchanged(await codeOf({ login_hint: DEFAULT_TEST_USER.sub }))).refresh_token,
      ).toBeUndefined();
      expect((await exchanged(await codeOf({ prompt: 'consent' }))).refresh_token).toBeDefined();
      expect(
        (await exchanged(await codeOf({ access_type: 'online', prompt: 'consent' }))).refresh_token,
      ).toBeUndefined();
      const bob = TEST_USERS[2]?.sub ?? '';
      const online = await codeOf({ access_type: 'online', login_hint: bob });
      expect((await exchanged(online)).refresh_token).toBeUndefined();
    });

    it('through the control API, exactly as in the browser', async () => {
      expect((await exchange(await mintCode())).json<TokenResponse>().refresh_token).toBeDefined();
      expect(
        (await exchange(await mintCode())).json<TokenResponse>().refresh_token,
      ).toBeUndefined();
      const forced = await mintCode({ prompt: 'consent' });
      expect((await exchange(forced)).json<TokenResponse>().refresh_token).toBeDefined();
    });
  });

  describe('grant_type=refresh_token', () => {
    const firstTokens = async (scopes = `openid email ${GMAIL_SEND}`) =>
      (await exchange(await mintCode({ scopes }))).json<TokenResponse>();

    it('answers a new access token with the grant’s scopes, an ID token, and no new refresh token', async () => {
      const first = await firstTokens();
      const response = await refresh(first.refresh_token ?? '');
      expect(response.statusCode).toBe(200);
      const body = response.json<TokenResponse>();
      expect(body.access_token).not.toBe(first.access_token);
      expect(body.refresh_token).toBeUndefined();
      expect(body.scope).toBe(first.scope);
      expect(payloadOf(body.id_token)).toMatchObject({ sub: DEFAULT_TEST_USER.sub });
    });

    it('narrows to a subset with scope, and refuses scopes never granted', async () => {
      const first = await firstTokens();
      const narrow = await refresh(first.refresh_token ?? '', { scope: GMAIL_SEND });
      expect(narrow.json<TokenResponse>()).toMatchObject({ scope: GMAIL_SEND });
      expect(narrow.json<TokenResponse>().id_token).toBeUndefined();
      const wider = await refresh(first.refresh_token ?? '', { scope: 'https://mail.google.com/' });
      expect([wider.statusCode, wider.json<{ error: string }>().error]).toEqual([
        400,
        'invalid_scope',
      ]);
    });

    it('refuses a revoked, unknown or foreign refresh token', async () => {
      const first = await firstTokens();
      const foreign = await refresh(first.refresh_token ?? '', {
        client_id: OTHER.clientId,
        client_secret: OTHER.clientSecret,
      });
      expect([foreign.statusCode, foreign.json<{ error: string }>().error]).toEqual([
        401,
        'unauthorized_client',
      ]);
      expect((await refresh('1//0unknown')).json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      });
      await app.inject({ method: 'POST', url: `/revoke?token=${first.access_token}` });
      expect((await refresh(first.refresh_token ?? '')).statusCode).toBe(400);
      expect((await refresh('')).json<{ error: string }>().error).toBe('invalid_request');
    });

    it('kills the oldest of 101 refresh tokens for one user and client', async () => {
      const tokens: string[] = [];
      for (let i = 0; i < 101; i += 1) {
        const body = (await exchange(await mintCode({ prompt: 'consent' }))).json<TokenResponse>();
        tokens.push(body.refresh_token ?? '');
      }
      expect((await refresh(tokens[0] ?? '')).json<{ error: string }>().error).toBe(
        'invalid_grant',
      );
      expect((await refresh(tokens[1] ?? '')).statusCode).toBe(200);
      expect((await refresh(tokens[100] ?? '')).statusCode).toBe(200);
      const { grants } = (await app.inject({ url: '/__control/grants' })).json<{
        grants: { refresh_tokens: number }[];
      }>();
      expect(grants[0]?.refresh_tokens).toBe(100);
    });
  });
});

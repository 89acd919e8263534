import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { EMAIL_SCOPE, PROFILE_SCOPE } from '../oauth-scopes.js';
import { authorizeInBrowser } from '../testing/oauth-browser.js';
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
const VERIFIER = 'v'.repeat(20) + '-._~' + 'x'.repeat(30);
const S256 = createHash('sha256').update(VERIFIER).digest('base64url');

interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: string;
  id_token?: string;
}

const payloadOf = (jwt: string | undefined) =>
  JSON.parse(Buffer.from((jwt ?? '').split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

describe('oauthTokenRoutes', () => {
  let app: FastifyInstance;
  const control = (path: string, payload: object = {}) =>
    app.inject({ method: 'POST', url: `/__control/${path}`, payload });
  const mintCode = async (body: object = {}) =>
    (await control('authorization-code', { client_id: CLIENT.clientId, ...body })).json<{
      code: string;
    }>().code;
  const token = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      redirect_uri: 'postmessage',
      ...extra,
    });
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      ...extra,
    });

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [CLIENT, OTHER] }),
    );
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await control('reset');
  });

  describe('grant_type=authorization_code', () => {
    it('answers tokens, a signed ID token with at_hash and nonce, and no-store', async () => {
      const code = await mintCode({ nonce: 'n-1', scopes: ['openid', 'email', 'profile'] });
      const response = await exchange(code);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const body = response.json<TokenResponse>();
      expect(Object.keys(body)).toEqual([
        'access_token',
        'expires_in',
        'refresh_token',
        'scope',
        'token_type',
        'id_token',
      ]);
      expect(body).toMatchObject({
        access_token: expect.stringMatching(/^ya29\./) as unknown,
        expires_in: 3600,
        refresh_token: expect.stringMatching(/^1\/\//) as unknown,
        scope: `${EMAIL_SCOPE} ${PROFILE_SCOPE} openid`,
        token_type: 'Bearer',
      });
      const atHash = createHash('sha256')
        .update(body.access_token)
        .digest()
        .subarray(0, 16)
        .toString('base64url');
      expect(payloadOf(body.id_token)).toMatchObject({
        iss: 'https://accounts.google.com',
        aud: CLIENT.clientId,
        azp: CLIENT.clientId,
        sub: DEFAULT_TEST_USER.sub,
        email: DEFAULT_TEST_USER.email,
        email_verified: true,
        name: DEFAULT_TEST_USER.name,
        at_hash: atHash,
        nonce: 'n-1',
      });
    });

    it('leaves email and profile claims out of the ID token without those scopes, and the ID token without openid', async () => {
      const openidOnly = (
        await exchange(await mintCode({ scopes: 'openid' }))
      ).json<TokenResponse>();
      expect(Object.keys(payloadOf(openidOnly.id_token))).not.toContain('email');
      expect(Object.keys(payloadOf(openidOnly.id_token))).not.toContain('name');
      const noOpenid = (
        await exchange(await mintCode({ scopes: GMAIL_SEND }))
      ).json<TokenResponse>();
      expect(noOpenid.id_token).toBeUndefined();
      expect(noOpenid.scope).toBe(GMAIL_SEND);
    });

    it('accepts client_secret_basic', async () => {
      const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
      const response = await token(
        { grant_type: 'authorization_code', code: await mintCode(), redirect_uri: 'postmessage' },
        { authorization: `Basic ${basic}` },
      );
      expect(response.statusCode).toBe(200);
    });

    it('refuses a replayed code with invalid_grant', async () => {
      const code = await mintCode();
      expect((await exchange(code)).statusCode).toBe(200);
      const replay = await exchange(code);
      expect(replay.statusCode).toBe(400);
      expect(replay.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses an expired code', async () => {
      await control('settings', { code_lifetime: 0 });
      const response = await exchange(await mintCode());
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'The authorization code has expired.',
      });
    });

    it('binds the code to its client and exact redirect_uri', async () => {
      const code = await mintCode({ redirect_uri: CALLBACK });
      const wrongUri = await exchange(code, { redirect_uri: `${CALLBACK}/` });
      expect([wrongUri.statusCode, wrongUri.json()]).toEqual([
        400,
        { error: 'redirect_uri_mismatch', error_description: 'Bad Request' },
      ]);
      const otherClient = await exchange(code, {
        client_id: OTHER.clientId,
        client_secret: OTHER.clientSecret,
        redirect_uri: CALLBACK,
      });
      expect([otherClient.statusCode, otherClient.json<{ error: string }>().error]).toEqual([
        400,
        'invalid_grant',
      ]);
      // Failed attempts do not burn the code for its rightful owner.
      expect((await exchange(code, { redirect_uri: CALLBACK })).statusCode).toBe(200);
    });

    it('checks the PKCE verifier (S256 and plain)', async () => {
      const s256 = await mintCode({ code_challenge: S256, code_challenge_method: 'S256' });
      const missing = await exchange(s256);
      expect(missing.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'Missing code verifier.',
      });
      const wrong = await exchange(s256, { code_verifier: `${VERIFIER}x` });
      expect([wrong.statusCode, wrong.json<{ error: string }>().error]).toEqual([
        400,
        'invalid_grant',
      ]);
      expect((await exchange(s256, { code_verifier: VERIFIER })).statusCode).toBe(200);
      // Without code_challenge_method Google assumes plain.
      const plain = await mintCode({ code_challenge: VERIFIER });
      expect((await exchange(plain, { code_verifier: S256 })).statusCode).toBe(400);
      expect((await exchange(plain, { code_verifier: VERIFIER })).statusCode).toBe(200);
    });

    it.each([
      [{ grant_type: '' }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'password' }, 400, 'unsupported_grant_type'],
      [{ code: '' }, 400, 'invalid_request'],
      [{ code: '4/0forged' }, 400, 'invalid_grant'],
      [{ redirect_uri: '' }, 400, 'redirect_uri_mismatch'],
      [{ client_id: 'nope' }, 401, 'invalid_client'],
      [{ client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ client_secret: '' }, 401, 'invalid_client'],
    ])('answers %j with %i %s in Google’s JSON shape', async (fields, status, error) => {
      const code = await mintCode();
      const response = await exchange(code, fields);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ error, error_description: expect.any(String) as unknown });
    });

    it('answers invalid_request when redirect_uri is absent', async () => {
      const response = await token({
        grant_type: 'authorization_code',
        code: await mintCode(),
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      });
      expect([response.statusCode, response.json<{ error: string }>().error]).toEqual([
        400,
        'invalid_request',
      ]);
    });
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

  it('can be failed by a fault once, then answers normally', async () => {
    await control('faults', { path: '/token', status: 503, times: 1 });
    const code = await mintCode();
    const failed = await exchange(code);
    expect(failed.statusCode).toBe(503);
    const retried = await exchange(code);
    expect(retried.statusCode).toBe(200);
    const calls = (await app.inject({ url: '/__control/calls?path=/token' })).json<{
      calls: { status: number }[];
    }>().calls;
    expect(calls.map((call) => call.status)).toEqual([503, 200]);
  });
});

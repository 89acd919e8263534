import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { EMAIL_SCOPE, PROFILE_SCOPE } from '../oauth-scopes.js';
import { type TokenResponse, payloadOf, tokenRequests } from '../testing/token-requests.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

const PAGE = 'http://localhost:3000';
const CALLBACK = `${PAGE}/auth/google/callback`;
const CLIENT = {
  clientId: 'web.apps.googleusercontent.com',
  clientSecret: 'secret',
  javascriptOrigins: [PAGE],
  redirectUris: [CALLBACK],
};
const OTHER = { ...CLIENT, clientId: 'other.apps.googleusercontent.com', clientSecret: 'other' };
// A secret with the characters form encoding changes: a space (`+`), a plus, a slash, a colon.
const SPACED = {
  ...CLIENT,
  clientId: 'spaced.apps.googleusercontent.com',
  clientSecret: 'a secret+with/odd:chars',
};
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const VERIFIER = 'v'.repeat(20) + '-._~' + 'x'.repeat(30);
const S256 = createHash('sha256').update(VERIFIER).digest('base64url');

describe('oauthTokenRoutes', () => {
  let app: FastifyInstance;
  const { control, mintCode, token, exchange } = tokenRequests(() => app, CLIENT);

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [CLIENT, OTHER, SPACED] }),
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

    it.each([
      ['openid', [], ['email', 'name']],
      ['email', ['email', 'email_verified'], ['name', 'picture']],
      ['profile', ['name', 'picture'], ['email']],
      ['email profile', ['email', 'name'], []],
    ])(
      'answers an ID token for the identity scope(s) %s alone, with their claims only',
      async (scopes, present, absent) => {
        const body = (
          await exchange(await mintCode({ scopes: `${scopes} ${GMAIL_SEND}` }))
        ).json<TokenResponse>();
        const claims = Object.keys(payloadOf(body.id_token));
        expect(claims).toEqual(expect.arrayContaining(['sub', 'aud', 'at_hash', ...present]));
        for (const claim of absent) expect(claims).not.toContain(claim);
      },
    );

    it('answers no ID token without any identity scope', async () => {
      const noIdentity = (
        await exchange(await mintCode({ scopes: GMAIL_SEND }))
      ).json<TokenResponse>();
      expect(noIdentity.id_token).toBeUndefined();
      expect(noIdentity.scope).toBe(GMAIL_SEND);
    });

    it('accepts client_secret_basic', async () => {
      const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
      const response = await token(
        { grant_type: 'authorization_code', code: await mintCode(), redirect_uri: 'postmessage' },
        { authorization: `Basic ${basic}` },
      );
      expect(response.statusCode).toBe(200);
    });

    it('decodes client_secret_basic credentials as form-encoded (a + is a space)', async () => {
      // RFC 6749 §2.3.1: id and secret are application/x-www-form-urlencoded, then base64.
      const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
      expect(form(SPACED.clientSecret)).toBe('a+secret%2Bwith%2Fodd%3Achars');
      const basic = Buffer.from(`${form(SPACED.clientId)}:${form(SPACED.clientSecret)}`).toString(
        'base64',
      );
      const { mintCode: mintSpaced } = tokenRequests(() => app, SPACED);
      const response = await token(
        {
          grant_type: 'authorization_code',
          code: await mintSpaced(),
          redirect_uri: 'postmessage',
        },
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

    it('refuses a verifier for a code issued without a challenge (PKCE downgrade)', async () => {
      const code = await mintCode();
      const downgraded = await exchange(code, { code_verifier: VERIFIER });
      expect([downgraded.statusCode, downgraded.json<{ error: string }>().error]).toEqual([
        400,
        'invalid_grant',
      ]);
      // Refused, not used up: the same code without a verifier still works.
      expect((await exchange(code)).statusCode).toBe(200);
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

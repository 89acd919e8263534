import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import { EMAIL_SCOPE } from '../oauth-scopes.js';
import { DEFAULT_TEST_USER, TEST_USERS } from '../test-users.js';

const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const bob = TEST_USERS[2];

interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

describe('oauthTokenInfoRoutes', () => {
  let app: FastifyInstance;
  const control = (path: string, payload: object = {}) =>
    app.inject({ method: 'POST', url: `/__control/${path}`, payload });
  const tokensFor = async (body: object = {}): Promise<Tokens> => {
    const { code } = (await control('authorization-code', body)).json<{ code: string }>();
    const response = await app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: DEFAULT_CLIENT.clientId,
        client_secret: DEFAULT_CLIENT.clientSecret,
        redirect_uri: 'postmessage',
      }).toString(),
    });
    return response.json<Tokens>();
  };
  const revoke = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/revoke',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    });
  const userinfo = (token: string) =>
    app.inject({ url: '/oauth2/v3/userinfo', headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: 'http://localhost:4400' }));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await control('reset');
  });

  describe('/revoke', () => {
    it.each(['access_token', 'refresh_token'] as const)(
      'ends the whole grant when given its %s',
      async (which) => {
        const tokens = await tokensFor();
        const response = await revoke(tokens[which] ?? '');
        expect([response.statusCode, response.json()]).toEqual([200, {}]);
        expect((await userinfo(tokens.access_token)).statusCode).toBe(401);
        expect((await app.inject({ url: '/__control/grants' })).json()).toEqual({ grants: [] });
        const again = await revoke(tokens[which] ?? '');
        expect([again.statusCode, again.json()]).toEqual([
          400,
          { error: 'invalid_token', error_description: 'Token expired or revoked' },
        ]);
      },
    );

    it('takes the token from the query string too, and refuses a request without one', async () => {
      const tokens = await tokensFor();
      const query = await app.inject({
        method: 'POST',
        url: `/revoke?token=${tokens.access_token}`,
      });
      expect(query.statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/revoke' })).statusCode).toBe(400);
    });

    it('forgets the consent, so the next authorization asks again and returns a refresh token', async () => {
      const first = await tokensFor();
      expect((await tokensFor()).refresh_token).toBeUndefined();
      await revoke(first.refresh_token ?? '');
      expect((await tokensFor()).refresh_token).toBeDefined();
    });
  });

  describe('/tokeninfo', () => {
    it('describes an access token with string values, as Google does', async () => {
      const { access_token } = await tokensFor({ scopes: `email ${GMAIL_SEND}` });
      const response = await app.inject({ url: `/tokeninfo?access_token=${access_token}` });
      expect(response.statusCode).toBe(200);
      const info = response.json<Record<string, string>>();
      expect(info).toEqual({
        azp: DEFAULT_CLIENT.clientId,
        aud: DEFAULT_CLIENT.clientId,
        sub: DEFAULT_TEST_USER.sub,
        scope: `${GMAIL_SEND} ${EMAIL_SCOPE}`,
        exp: expect.stringMatching(/^\d+$/) as unknown,
        expires_in: expect.stringMatching(/^(35\d\d|3600)$/) as unknown,
        email: DEFAULT_TEST_USER.email,
        email_verified: 'true',
        access_type: 'offline',
      });
    });

    it('accepts POST with a form body or a Bearer header, and leaves email out without the scope', async () => {
      const { access_token } = await tokensFor({ scopes: GMAIL_SEND, access_type: 'online' });
      const form = await app.inject({
        method: 'POST',
        url: '/tokeninfo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `access_token=${access_token}`,
      });
      expect(form.json()).toMatchObject({ scope: GMAIL_SEND, access_type: 'online' });
      expect(Object.keys(form.json<object>())).not.toContain('email');
      const bearer = await app.inject({
        method: 'POST',
        url: '/tokeninfo',
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(bearer.json()).toMatchObject({ sub: DEFAULT_TEST_USER.sub });
    });

    it('describes a valid ID token and refuses a tampered or unknown one', async () => {
      const { id_token = '' } = await tokensFor();
      const response = await app.inject({ url: `/tokeninfo?id_token=${id_token}` });
      expect(response.json()).toMatchObject({
        iss: 'https://accounts.google.com',
        aud: DEFAULT_CLIENT.clientId,
        sub: DEFAULT_TEST_USER.sub,
        email_verified: 'true',
        alg: 'RS256',
        exp: expect.stringMatching(/^\d+$/) as unknown,
      });
      const [header, payload, signature = ''] = id_token.split('.');
      const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      for (const bad of [flipped, 'nope', `${header}.${payload}`, 'ya29.unknown']) {
        const name = bad.startsWith('ya29') ? 'access_token' : 'id_token';
        const refused = await app.inject({ url: `/tokeninfo?${name}=${bad}` });
        expect([refused.statusCode, refused.json<{ error: string }>().error]).toEqual([
          400,
          'invalid_token',
        ]);
      }
      expect((await app.inject({ url: '/tokeninfo' })).statusCode).toBe(400);
    });
  });

  describe('/oauth2/v3/userinfo', () => {
    it('answers the profile limited by the granted scopes', async () => {
      const all = await tokensFor({ sub: bob?.sub, scopes: 'openid email profile' });
      expect((await userinfo(all.access_token)).json()).toEqual({
        sub: bob?.sub,
        name: bob?.name,
        given_name: bob?.givenName,
        family_name: bob?.familyName,
        picture: `http://localhost:4400/avatars/${bob?.sub}.svg`,
        email: bob?.email,
        email_verified: true,
        hd: 'corp.example',
      });
      const emailOnly = await tokensFor({ scopes: 'email' });
      expect((await userinfo(emailOnly.access_token)).json()).toEqual({
        sub: DEFAULT_TEST_USER.sub,
        email: DEFAULT_TEST_USER.email,
        email_verified: true,
      });
      const v1 = await app.inject({
        url: '/v1/userinfo',
        headers: { authorization: `Bearer ${emailOnly.access_token}` },
      });
      expect(v1.statusCode).toBe(200);
    });

    it('answers 401 with a Bearer challenge for a missing, unknown or expired token', async () => {
      await control('settings', { access_token_lifetime: 0 });
      const expired = await tokensFor();
      for (const response of [
        await app.inject({ url: '/oauth2/v3/userinfo' }),
        await userinfo('ya29.unknown'),
        await userinfo(expired.access_token),
      ]) {
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
        expect(response.json()).toMatchObject({ error: 'invalid_request' });
      }
    });
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import { SERVICE_ACCOUNT } from '../id-tokens.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

function decode(token: string) {
  const [header = '', payload = ''] = token.split('.');
  const json = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
  return { header: json(header), payload: json(payload) };
}

describe('controlRoutes', () => {
  let app: FastifyInstance;
  const post = (url: string, payload?: object) =>
    app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: 'http://localhost:4400' }));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await post('/__control/reset');
  });

  describe('POST /__control/id-token', () => {
    it('mints a valid token for the default user and the first client by default', async () => {
      const response = await post('/__control/id-token');
      expect(response.statusCode).toBe(200);
      const { header, payload } = decode(response.json<{ id_token: string }>().id_token);
      const { current_kid } = (await app.inject({ url: '/__control/keys' })).json<{
        current_kid: string;
      }>();
      expect(header).toEqual({ alg: 'RS256', kid: current_kid, typ: 'JWT' });
      expect(payload).toMatchObject({
        iss: 'https://accounts.google.com',
        aud: DEFAULT_CLIENT.clientId,
        azp: DEFAULT_CLIENT.clientId,
        sub: DEFAULT_TEST_USER.sub,
        email: DEFAULT_TEST_USER.email,
      });
      const { iat, exp } = payload as { iat: number; exp: number };
      expect(exp - iat).toBe(3600);
      expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(5);
    });

    it('overrides given claims, drops null ones and merges header fields', async () => {
      // Raw JSON: an object literal's __proto__ would set the prototype instead of a key.
      const response = await app.inject({
        method: 'POST',
        url: '/__control/id-token',
        headers: { 'content-type': 'application/json' },
        payload:
          '{"claims":{"aud":"other","exp":"soon","email":null,"__proto__":"kept"},' +
          '"header":{"kid":"../../etc/passwd","typ":null}}',
      });
      const { header, payload } = decode(response.json<{ id_token: string }>().id_token);
      expect(payload).toMatchObject({ aud: 'other', exp: 'soon', sub: DEFAULT_TEST_USER.sub });
      expect(Object.keys(payload)).not.toContain('email');
      expect(Object.getOwnPropertyDescriptor(payload, '__proto__')?.value).toBe('kept');
      expect(header).toEqual({ alg: 'RS256', kid: '../../etc/passwd' });
    });

    it("mints a service account's token, as the metadata server gives it, on request", async () => {
      const plain = decode(
        (await post('/__control/id-token', { as: 'service_account' })).json<{ id_token: string }>()
          .id_token,
      ).payload;
      expect(plain).toMatchObject({
        aud: DEFAULT_CLIENT.clientId,
        azp: SERVICE_ACCOUNT.uniqueId,
        sub: SERVICE_ACCOUNT.uniqueId,
        email: SERVICE_ACCOUNT.email,
        email_verified: true,
      });
      expect(plain).not.toHaveProperty('name');
      expect(plain).not.toHaveProperty('google');
      const full = decode(
        (await post('/__control/id-token', { as: 'compute_engine', claims: { azp: 'x' } })).json<{
          id_token: string;
        }>().id_token,
      ).payload;
      expect(full).toMatchObject({
        azp: 'x',
        google: { compute_engine: { project_id: 'emulator-project' } },
      });
    });

    it('answers 400 with error and error_description for unknown input', async () => {
      const response = await post('/__control/id-token', { claim: {} });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: 'invalid_request',
        error_description: expect.stringMatching(/claim/) as unknown,
      });
    });

    it('answers 400 for a body that is not JSON', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/__control/id-token',
        headers: { 'content-type': 'application/json' },
        payload: '{nope',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  describe('keys', () => {
    it('rotates step by step and reports the key state', async () => {
      const start = (await app.inject({ url: '/__control/keys' })).json<{ current_kid: string }>();
      const published = (await post('/__control/keys/rotate', { step: 'publish' })).json<{
        current_kid: string;
        published_kids: string[];
      }>();
      expect(published.current_kid).toBe(start.current_kid);
      expect(published.published_kids).toHaveLength(2);
      const next = published.published_kids[1];
      expect((await post('/__control/keys/rotate', { step: 'activate' })).json()).toEqual({
        current_kid: next,
        published_kids: [start.current_kid, next],
      });
      const token = (await post('/__control/id-token')).json<{ id_token: string }>().id_token;
      expect(decode(token).header.kid).toBe(next);
      expect((await post('/__control/keys/rotate', { step: 'retire' })).json()).toEqual({
        current_kid: next,
        published_kids: [next],
      });
    });

    it('refuses an unknown step and an activation with nothing published', async () => {
      expect((await post('/__control/keys/rotate', { step: 'destroy' })).statusCode).toBe(400);
      const response = await post('/__control/keys/rotate', { step: 'activate' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  describe('settings and reset', () => {
    it('changes certs max-age until reset', async () => {
      expect((await post('/__control/settings', { certs_max_age: 7 })).json()).toEqual({
        certs_max_age: 7,
        access_token_lifetime: 3600,
        code_lifetime: 600,
        publishing_status: 'production',
        time_based_access: null,
        unrevocable_tokens: false,
        refresh_error: 'none',
        fedcm: false,
        returning_user: 'remembered',
      });
      const certs = await app.inject({ url: '/oauth2/v3/certs' });
      expect(certs.headers['cache-control']).toMatch(/max-age=7,/);
      expect((await post('/__control/reset')).statusCode).toBe(204);
      expect((await app.inject({ url: '/__control/settings' })).json()).toEqual({
        certs_max_age: 300,
        access_token_lifetime: 3600,
        code_lifetime: 600,
        publishing_status: 'production',
        time_based_access: null,
        unrevocable_tokens: false,
        refresh_error: 'none',
        fedcm: false,
        returning_user: 'remembered',
      });
    });

    it('refuses a negative max-age', async () => {
      expect((await post('/__control/settings', { certs_max_age: -1 })).statusCode).toBe(400);
    });

    it('resets keys, faults and calls', async () => {
      await post('/__control/keys/rotate');
      await post('/__control/faults', { path: '/token', status: 500, times: 0 });
      await app.inject({ url: '/oauth2/v3/certs' });
      await post('/__control/reset');
      expect(
        (await app.inject({ url: '/__control/keys' })).json<{ published_kids: string[] }>()
          .published_kids,
      ).toHaveLength(1);
      expect((await app.inject({ url: '/__control/faults' })).json()).toEqual({ faults: [] });
      expect((await app.inject({ url: '/__control/calls' })).json()).toEqual({ calls: [] });
    });
  });
});

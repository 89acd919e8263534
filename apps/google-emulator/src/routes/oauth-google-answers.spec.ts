import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, type EmulatorClient, emulatorConfig } from '../emulator.config.js';

// Google's answers the product must survive: revocation per project, refusals to revoke,
// refresh errors that do not mean a dead grant, and refresh tokens that expire by themselves.
const ANDROID: EmulatorClient = {
  ...DEFAULT_CLIENT,
  clientId: 'android.apps.googleusercontent.com',
  clientSecret: 'a',
};
const ELSEWHERE: EmulatorClient = {
  ...DEFAULT_CLIENT,
  clientId: 'elsewhere.apps.googleusercontent.com',
  clientSecret: 'e',
  projectId: 'another-project',
};
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('Google’s answers on /token and /revoke', () => {
  let app: FastifyInstance;
  const post = (url: string, payload?: object) =>
    app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
  const form = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const tokens = async (client = DEFAULT_CLIENT, scopes = 'openid email profile') => {
    const { code } = (
      await post('/__control/authorization-code', { client_id: client.clientId, scopes })
    ).json<{ code: string }>();
    return (
      await form('/token', {
        grant_type: 'authorization_code',
        code,
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uri: 'postmessage',
      })
    ).json<{ refresh_token: string; refresh_token_expires_in?: number }>();
  };
  const refresh = (refreshToken: string, client = DEFAULT_CLIENT) =>
    form('/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });

  beforeAll(async () => {
    app = await buildEmulator(
      emulatorConfig({
        publicUrl: 'http://localhost:4400',
        clients: [DEFAULT_CLIENT, ANDROID, ELSEWHERE],
      }),
    );
  });
  afterAll(() => app.close());
  beforeEach(() => post('/__control/reset'));

  describe('revoke', () => {
    it('ends the user’s grants to every client of the same project, not another project’s', async () => {
      const web = await tokens();
      const android = await tokens(ANDROID);
      const elsewhere = await tokens(ELSEWHERE);

      expect((await form('/revoke', { token: web.refresh_token })).statusCode).toBe(200);

      expect((await refresh(web.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
      expect((await refresh(android.refresh_token, ANDROID)).json()).toMatchObject({
        error: 'invalid_grant',
      });
      expect((await refresh(elsewhere.refresh_token, ELSEWHERE)).statusCode).toBe(200);
    });

    it('answers only POST: a GET is 404', async () => {
      const { refresh_token } = await tokens();
      const response = await app.inject({
        url: `/revoke?token=${encodeURIComponent(refresh_token)}`,
      });
      expect(response.statusCode).toBe(404);
      expect((await refresh(refresh_token)).statusCode).toBe(200);
    });

    it('logs whether the token came in the body or the query string, never its value', async () => {
      const body = await tokens();
      const query = await tokens(ANDROID);
      await form('/revoke', { token: body.refresh_token });
      await app.inject({
        method: 'POST',
        url: `/revoke?token=${encodeURIComponent(query.refresh_token)}`,
      });
      const { calls } = (await app.inject({ url: '/__control/calls?path=/revoke' })).json<{
        calls: Array<{ query: Record<string, string>; body_fields?: string[] }>;
      }>();

      expect(calls[0]).toMatchObject({ query: {}, body_fields: ['token'] });
      expect(calls[1]).toMatchObject({ query: { token: '[redacted]' } });
      expect(JSON.stringify(calls)).not.toContain(body.refresh_token);
    });

    it('answers 400 invalid_request "Token is not revocable" under unrevocable_tokens', async () => {
      const { refresh_token } = await tokens();
      await post('/__control/settings', { unrevocable_tokens: true });
      const response = await form('/revoke', { token: refresh_token });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'Token is not revocable.',
      });
    });
  });

  describe('refresh errors', () => {
    it('answers invalid_grant with error_subtype invalid_rapt under refresh_error', async () => {
      const { refresh_token } = await tokens();
      await post('/__control/settings', { refresh_error: 'invalid_rapt' });
      const response = await refresh(refresh_token);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: 'invalid_grant',
        error_subtype: 'invalid_rapt',
      });
      await post('/__control/settings', { refresh_error: 'none' });
      expect((await refresh(refresh_token)).statusCode).toBe(200);
    });

    it('answers 401 invalid_client under refresh_error invalid_client', async () => {
      const { refresh_token } = await tokens();
      await post('/__control/settings', { refresh_error: 'invalid_client' });
      const response = await refresh(refresh_token);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'invalid_client' });
    });
  });

  describe('refresh_token_expires_in', () => {
    it('is absent for an app in production without time-based access', async () => {
      expect((await tokens(DEFAULT_CLIENT, `openid ${GMAIL_SEND}`)).refresh_token_expires_in).toBe(
        undefined,
      );
    });

    it('is 7 days in Testing status, unless only basic sign-in scopes were asked', async () => {
      await post('/__control/settings', { publishing_status: 'testing' });
      const sensitive = await tokens(DEFAULT_CLIENT, `openid ${GMAIL_SEND}`);
      expect(sensitive.refresh_token_expires_in).toBe(604_800);
      expect((await tokens(ANDROID)).refresh_token_expires_in).toBe(undefined);
      const refreshed = (await refresh(sensitive.refresh_token)).json<{
        refresh_token_expires_in: number;
      }>();
      expect(refreshed.refresh_token_expires_in).toBeLessThanOrEqual(604_800);
      expect(refreshed.refresh_token_expires_in).toBeGreaterThan(604_700);
    });

    it('follows time-based access, and the token dies when it passes', async () => {
      await post('/__control/settings', { time_based_access: 1 });
      const granted = await tokens();
      expect(granted.refresh_token_expires_in).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await refresh(granted.refresh_token)).json()).toMatchObject({
        error: 'invalid_grant',
      });
    });
  });
});

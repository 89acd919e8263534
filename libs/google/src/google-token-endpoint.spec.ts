import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type RunningEmulator,
  startEmulator,
} from '../../../apps/google-emulator/src/emulator.app.js';
import {
  DEFAULT_CLIENT,
  emulatorConfig,
} from '../../../apps/google-emulator/src/emulator.config.js';
import { GOOGLE_EMULATOR_PATHS } from '../../config/src/config.schema.js';
import { GoogleTokenEndpoint } from './google-token-endpoint.js';
import { GoogleCallError } from './google.errors.js';

// Google's failure modes, produced by the emulator's fault injection on its /token and /revoke
// endpoints: the endpoint must sort each into invalid_grant, rejected or transient.
describe(GoogleTokenEndpoint.name, () => {
  let emulator: RunningEmulator;
  let endpoint: GoogleTokenEndpoint;
  const refreshToken = '1//refresh-token-that-must-never-appear-in-errors';

  const control = async (path: string, body: unknown = {}, method = 'POST') => {
    const response = await fetch(`${emulator.url}/__control/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(body) : undefined,
    });
    return response.status === 204 ? undefined : ((await response.json()) as unknown);
  };
  const fault = (spec: Record<string, unknown>) => control('faults', { times: 1, ...spec });

  async function failureOf(call: Promise<unknown>): Promise<GoogleCallError> {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GoogleCallError);
    expect(String((error as Error).message)).not.toContain(refreshToken);
    return error as GoogleCallError;
  }

  beforeAll(async () => {
    emulator = await startEmulator(emulatorConfig());
    const urls = Object.fromEntries(
      Object.entries(GOOGLE_EMULATOR_PATHS).map(([key, path]) => [key, `${emulator.url}${path}`]),
    ) as Record<keyof typeof GOOGLE_EMULATOR_PATHS, string>;
    endpoint = new GoogleTokenEndpoint({
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      endpoints: urls,
      timeoutMs: 400,
    });
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await control('faults', undefined, 'DELETE');
    await control('calls', undefined, 'DELETE');
  });

  describe('refresh', () => {
    it('treats 503 as transient and keeps Google’s Retry-After', async () => {
      await fault({ path: '/token', status: 503, headers: { 'retry-after': '7' } });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error.failure).toBe('transient');
      expect(error.retryAfterSeconds).toBe(7);
    });

    it('treats 429 as transient', async () => {
      await fault({ path: '/token', status: 429, body: { error: 'rate_limit_exceeded' } });

      expect((await failureOf(endpoint.refresh(refreshToken))).failure).toBe('transient');
    });

    it('treats an HTML answer, even a 200, as transient', async () => {
      await fault({
        path: '/token',
        status: 200,
        body: '<html>proxy error</html>',
        content_type: 'text/html',
      });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error.failure).toBe('transient');
    });

    it('gives up at the deadline when Google hangs, as a transient timeout', async () => {
      await fault({ path: '/token', hang: true });
      const started = Date.now();

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error.failure).toBe('transient');
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('reports invalid_grant as final', async () => {
      await fault({
        path: '/token',
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error).toMatchObject({ failure: 'invalid_grant', reason: 'invalid_grant' });
    });

    it('reports other 4xx answers as rejected with Google’s code', async () => {
      await fault({ path: '/token', status: 400, body: { error: 'unauthorized_client' } });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error).toMatchObject({ failure: 'rejected', reason: 'unauthorized_client' });
    });

    it('reports 401 invalid_client as the client refused, not the grant', async () => {
      await fault({ path: '/token', status: 401, body: { error: 'invalid_client' } });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error).toMatchObject({ failure: 'client_rejected', reason: 'invalid_client' });
    });

    it('reports invalid_grant with error_subtype invalid_rapt as re-authentication, not death', async () => {
      await fault({
        path: '/token',
        status: 400,
        body: { error: 'invalid_grant', error_subtype: 'invalid_rapt' },
      });

      const error = await failureOf(endpoint.refresh(refreshToken));

      expect(error).toMatchObject({ failure: 'reauth_required', reason: 'invalid_rapt' });
    });

    it('calls Google once per attempt: the library’s own retries are off', async () => {
      await fault({ path: '/token', status: 503, times: 3 });

      await failureOf(endpoint.refresh(refreshToken));
      const { calls } = (await control('calls?path=/token', undefined, 'GET')) as {
        calls: unknown[];
      };

      expect(calls).toHaveLength(1);
    });
  });

  describe('revoke', () => {
    it('counts Google’s invalid_token as already done', async () => {
      await fault({
        path: '/revoke',
        status: 400,
        body: { error: 'invalid_token', error_description: 'Token expired or revoked' },
      });

      await expect(endpoint.revoke(refreshToken)).resolves.toBe('already_invalid');
    });

    it('counts Google’s "Token is not revocable" as final', async () => {
      await control('settings', { unrevocable_tokens: true });
      try {
        await expect(endpoint.revoke(refreshToken)).resolves.toBe('not_revocable');
      } finally {
        await control('settings', { unrevocable_tokens: false });
      }
    });

    it('sends the token in the form body, never in the URL', async () => {
      await endpoint.revoke(refreshToken).catch(() => undefined);
      const { calls } = (await control('calls?path=/revoke', undefined, 'GET')) as {
        calls: Array<{ method: string; query: Record<string, unknown>; body_fields?: string[] }>;
      };

      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'POST', query: {}, body_fields: ['token'] });
    });

    it('reports a 5xx as transient, to be retried', async () => {
      await fault({ path: '/revoke', status: 502 });

      expect((await failureOf(endpoint.revoke(refreshToken))).failure).toBe('transient');
    });
  });
});

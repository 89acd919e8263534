import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import type { PublicJwk } from '../signing-keys.js';
import { DEFAULT_TEST_USER } from '../test-users.js';

describe('certsRoutes', () => {
  let emulator: RunningEmulator;
  const inject = (url: string, payload?: object) =>
    emulator.app.inject({ url, method: payload ? 'POST' : 'GET', ...(payload ? { payload } : {}) });
  const mint = async (claims: object = {}) =>
    (await inject('/__control/id-token', { claims })).json<{ id_token: string }>().id_token;
  const verifier = () =>
    new OAuth2Client({
      clientId: DEFAULT_CLIENT.clientId,
      endpoints: { oauth2FederatedSignonPemCertsUrl: `${emulator.url}/oauth2/v1/certs` },
    });

  beforeAll(async () => {
    emulator = await startEmulator(emulatorConfig());
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await inject('/__control/reset', {});
  });

  it('publishes the keys as a JWK Set with Google’s caching headers', async () => {
    const response = await inject('/oauth2/v3/certs');
    const { keys } = response.json<{ keys: PublicJwk[] }>();
    const { current_kid } = (await inject('/__control/keys')).json<{ current_kid: string }>();
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: current_kid });
    expect(response.headers['cache-control']).toBe(
      'public, max-age=300, must-revalidate, no-transform',
    );
    const expires = Date.parse(String(response.headers.expires));
    expect(expires - Date.now()).toBeGreaterThan(290_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it('serves each key as a PEM certificate keyed by kid, with the max-age the settings say', async () => {
    await inject('/__control/settings', { certs_max_age: 42 });
    const response = await inject('/oauth2/v1/certs');
    const certs = response.json<Record<string, string>>();
    const [kid, pem] = Object.entries(certs)[0];
    const jwks = (await inject('/oauth2/v3/certs')).json<{ keys: PublicJwk[] }>();
    expect(kid).toBe(jwks.keys[0].kid);
    const jwkKey = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    expect(new X509Certificate(pem).publicKey.equals(jwkKey)).toBe(true);
    expect(response.headers['cache-control']).toBe(
      'public, max-age=42, must-revalidate, no-transform',
    );
  });

  it("mints tokens that google-auth-library's verifyIdToken accepts over real HTTP", async () => {
    const idToken = await mint();
    const ticket = await verifier().verifyIdToken({ idToken, audience: DEFAULT_CLIENT.clientId });
    expect(ticket.getPayload()).toMatchObject({
      sub: DEFAULT_TEST_USER.sub,
      aud: DEFAULT_CLIENT.clientId,
      iss: 'https://accounts.google.com',
    });
    const { calls } = (await inject('/__control/calls')).json<{ calls: { path: string }[] }>();
    expect(calls.map((call) => call.path)).toEqual(['/oauth2/v1/certs']);
  });

  it('mints tokens that verify against the JWKS with plain node:crypto', async () => {
    const [header = '', payload = '', signature = ''] = (await mint()).split('.');
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const { keys } = (await inject('/oauth2/v3/certs')).json<{ keys: PublicJwk[] }>();
    const jwk = keys.find((key) => key.kid === kid)!;
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
  });

  it('keeps tokens of the previous key valid until that key is retired', async () => {
    const oldToken = await mint();
    await inject('/__control/keys/rotate', { step: 'publish' });
    await inject('/__control/keys/rotate', { step: 'activate' });
    const audience = DEFAULT_CLIENT.clientId;
    await expect(verifier().verifyIdToken({ idToken: oldToken, audience })).resolves.toBeDefined();
    await expect(
      verifier().verifyIdToken({ idToken: await mint(), audience }),
    ).resolves.toBeDefined();
    await inject('/__control/keys/rotate', { step: 'retire' });
    await expect(verifier().verifyIdToken({ idToken: oldToken, audience })).rejects.toThrow(
      /No pem found/,
    );
  });

  it('is rejected by google-auth-library for another audience', async () => {
    const idToken = await mint({ aud: 'someone-else.apps.googleusercontent.com' });
    await expect(
      verifier().verifyIdToken({ idToken, audience: DEFAULT_CLIENT.clientId }),
    ).rejects.toThrow(/Wrong recipient/);
  });
});

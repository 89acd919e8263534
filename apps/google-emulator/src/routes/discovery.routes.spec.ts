import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';

describe('discoveryRoutes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: 'http://localhost:4400' }));
  });
  afterAll(() => app.close());

  it("serves Google's discovery document with the emulator's endpoints", async () => {
    const response = await app.inject({ url: '/.well-known/openid-configuration' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject({
      issuer: 'https://accounts.google.com',
      authorization_endpoint: 'http://localhost:4400/o/oauth2/v2/auth',
      token_endpoint: 'http://localhost:4400/token',
      userinfo_endpoint: 'http://localhost:4400/oauth2/v3/userinfo',
      tokeninfo_endpoint: 'http://localhost:4400/tokeninfo',
      revocation_endpoint: 'http://localhost:4400/revoke',
      jwks_uri: 'http://localhost:4400/oauth2/v3/certs',
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      code_challenge_methods_supported: ['plain', 'S256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    });
  });

  it('advertises only what it implements: the code flow, no device, JWT-bearer or implicit', async () => {
    const document = (await app.inject({ url: '/.well-known/openid-configuration' })).json<
      Record<string, unknown>
    >();
    expect(document.response_types_supported).toEqual(['code']);
    expect(document.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(document).not.toHaveProperty('device_authorization_endpoint');
  });

  it('is cacheable like Google’s', async () => {
    const response = await app.inject({ url: '/.well-known/openid-configuration' });
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
  });
});

import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator.context.js';
import { GOOGLE_ISSUER } from '../id-tokens.js';

/**
 * https://accounts.google.com/.well-known/openid-configuration with every endpoint moved to the
 * emulator's origin and the issuer kept as Google's, since tokens carry that issuer. Google serves
 * these endpoints from several hosts (oauth2.googleapis.com, openidconnect.googleapis.com,
 * www.googleapis.com); the emulator serves all of them from one origin, same paths.
 */
export function discoveryDocument(base: string) {
  return {
    issuer: GOOGLE_ISSUER,
    authorization_endpoint: `${base}/o/oauth2/v2/auth`,
    token_endpoint: `${base}/token`,
    // Google lists openidconnect.googleapis.com/v1/userinfo; the api is configured with the
    // equivalent www.googleapis.com/oauth2/v3/userinfo, and the emulator serves both paths.
    userinfo_endpoint: `${base}/oauth2/v3/userinfo`,
    revocation_endpoint: `${base}/revoke`,
    jwks_uri: `${base}/oauth2/v3/certs`,
    // Not in Google's document; listed so tests and tools find the emulated endpoint.
    tokeninfo_endpoint: `${base}/tokeninfo`,
    // Google also lists the implicit and hybrid types, the device flow and the JWT-bearer grant;
    // the emulator implements none of them, so it does not advertise them: a client reading this
    // document must not be told it can use what would then fail.
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    claims_supported: [
      'aud',
      'email',
      'email_verified',
      'exp',
      'family_name',
      'given_name',
      'iat',
      'iss',
      'name',
      'picture',
      'sub',
    ],
    code_challenge_methods_supported: ['plain', 'S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
  };
}

export function discoveryRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/.well-known/openid-configuration', async (_request, reply) => {
    // Google lets clients cache the document for an hour.
    reply.header('cache-control', 'public, max-age=3600');
    return discoveryDocument(ctx.publicUrl());
  });
}

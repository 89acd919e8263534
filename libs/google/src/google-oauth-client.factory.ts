import { OAuth2Client, type OAuth2ClientOptions } from 'google-auth-library';
import { GOOGLE_ISSUERS, type GoogleEndpoints } from './google-endpoints.js';

export interface GoogleClientSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly endpoints: GoogleEndpoints;
  readonly timeoutMs: number;
  /**
   * An HTTP transport of the caller's (a `Gaxios` with its own retry policy); `timeoutMs` is
   * then its job. Typed loosely on purpose: gaxios ships ESM and CommonJS builds whose classes
   * are the same at run time but distinct to TypeScript, and google-auth-library uses the latter.
   */
  readonly transporter?: object;
}

/**
 * google-auth-library's OAuth2Client pointed at the configured endpoints, so the same build talks
 * to Google or to the emulator. Issuers are passed explicitly: the library's defaults assume the
 * production hosts.
 */
export function createGoogleOAuthClient(settings: GoogleClientSettings): OAuth2Client {
  const { endpoints } = settings;
  return new OAuth2Client({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    endpoints: {
      oauth2AuthBaseUrl: endpoints.auth,
      oauth2TokenUrl: endpoints.token,
      oauth2RevokeUrl: endpoints.revoke,
      tokenInfoUrl: endpoints.tokeninfo,
      oauth2FederatedSignonPemCertsUrl: endpoints.pemCerts,
      oauth2FederatedSignonJwkCertsUrl: endpoints.jwks,
    },
    issuers: [...GOOGLE_ISSUERS],
    ...(settings.transporter
      ? { transporter: settings.transporter as OAuth2ClientOptions['transporter'] }
      : { transporterOptions: { timeout: settings.timeoutMs } }),
  });
}

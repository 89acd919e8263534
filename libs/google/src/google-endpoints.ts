/** Where Google (or the emulator standing in for it) answers; all from configuration. */
export interface GoogleEndpoints {
  readonly auth: string;
  readonly token: string;
  readonly revoke: string;
  readonly tokeninfo: string;
  readonly userinfo: string;
  readonly jwks: string;
  readonly pemCerts: string;
  readonly gsiClient: string;
}

/**
 * Google signs ID tokens with either issuer form; nothing else is accepted.
 * https://developers.google.com/identity/gsi/web/guides/verify-google-id-token
 */
export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'] as const;

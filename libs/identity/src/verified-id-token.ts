/** The two issuer spellings Google uses for ID tokens. */
export type GoogleIssuer = 'accounts.google.com' | 'https://accounts.google.com';

/** The claims of a Google ID token that passed every check. Times are epoch seconds. */
export interface VerifiedIdToken {
  /** The stable account id: key accounts on this, never on `email`. */
  readonly sub: string;
  readonly email?: string;
  /** True only when the claim is literally `true` or `"true"`: never link by an unverified email. */
  readonly emailVerified: boolean;
  readonly name?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly picture?: string;
  /** Google Workspace domain of the account; absent for consumer accounts. */
  readonly hd?: string;
  readonly iss: GoogleIssuer;
  readonly aud: string;
  readonly azp?: string;
  readonly iat: number;
  readonly exp: number;
  readonly nonce?: string;
  readonly jti?: string;
}

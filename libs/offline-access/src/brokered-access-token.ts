/** A valid access token for a user's grant. The token is live: never log it. */
export interface BrokeredAccessToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
  readonly grantId: string;
}

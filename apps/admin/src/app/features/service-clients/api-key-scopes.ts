import type { CreateServiceKey, ServiceKey } from '../../api/api-types';

/** A service API scope a key may carry, as the api declares them. */
export type ApiKeyScope = NonNullable<CreateServiceKey['apiScopes']>[number];

/**
 * Every service API scope, with what it lets a key do: typed by the api's list, so a scope added
 * there fails this build until it has words here.
 */
export const API_KEY_SCOPES: Readonly<Record<ApiKeyScope, string>> = {
  'tokens:issue': 'Ask for users’ Google access tokens (POST /api/v1/tokens)',
  'grants:read': 'Read users’ grants: their state and scopes (GET /api/v1/…/grant, /api/v1/grants)',
};

/** The expiry choices of a new key, in days (the API takes 1–365). */
export const KEY_EXPIRY_DAYS = [30, 90, 180, 365] as const;
export const DEFAULT_KEY_EXPIRY_DAYS = 90;

/** Live, revoked or expired, at `now`. */
export function keyStateOf(key: ServiceKey, now = Date.now()): 'live' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return new Date(key.expiresAt).getTime() <= now ? 'expired' : 'live';
}

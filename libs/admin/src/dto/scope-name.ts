/** Google's prefix of API scopes: https://developers.google.com/identity/protocols/oauth2/scopes */
const GOOGLE_SCOPE = 'https://www.googleapis.com/auth/';
/** The OpenID Connect scopes, which Google grants by their bare names. */
const OIDC_SCOPES = new Set(['openid', 'email', 'profile']);
/** A short name such as `gmail.send` or `drive`: no scheme, no path, no colon. */
const SHORT_NAME = /^[a-z][a-z0-9._-]*$/i;

/**
 * A scope filter as admins type it, `gmail.send`, or as Google writes it,
 * `https://www.googleapis.com/auth/gmail.send`: the short name becomes the full URL, anything
 * else (a URL, an OpenID scope, a scope of another kind) is kept as it is.
 */
export function fullScope(scope: string): string {
  const trimmed = scope.trim();
  if (OIDC_SCOPES.has(trimmed) || !SHORT_NAME.test(trimmed)) return trimmed;
  return `${GOOGLE_SCOPE}${trimmed}`;
}

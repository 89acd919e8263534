/**
 * Google answers `email` and `profile` with their full URLs in the `scope` of token responses;
 * callers may use either form. https://developers.google.com/identity/protocols/oauth2/scopes
 */
const SHORTHANDS: Readonly<Record<string, string>> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

/** The sign-in scopes every grant includes: the code exchange must return an ID token. */
export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

/** One spelling per scope (full URLs for `email`/`profile`), sorted, without duplicates. */
export function normaliseScopes(scopes: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const scope of scopes) {
    const trimmed = scope.trim();
    if (trimmed) set.add(SHORTHANDS[trimmed] ?? trimmed);
  }
  return [...set].sort();
}

/** The scopes of `needed` that `granted` lacks (both in any spelling). */
export function missingScopes(granted: Iterable<string>, needed: Iterable<string>): string[] {
  const have = new Set(normaliseScopes(granted));
  return normaliseScopes(needed).filter((scope) => !have.has(scope));
}

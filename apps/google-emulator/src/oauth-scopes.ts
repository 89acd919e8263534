/** The full scope URLs behind Google's `email` and `profile` shorthands. */
export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';
export const PROFILE_SCOPE = 'https://www.googleapis.com/auth/userinfo.profile';
export const OPENID_SCOPE = 'openid';

const SHORTHANDS: Record<string, string> = { email: EMAIL_SCOPE, profile: PROFILE_SCOPE };

// Scopes Google knows are URLs under www.googleapis.com/auth/ (plus a few legacy hosts such as
// https://mail.google.com/); anything else is answered with invalid_scope.
// https://developers.google.com/identity/protocols/oauth2/scopes
const SCOPE_URL =
  /^https:\/\/(www\.googleapis\.com\/auth\/[\w.-]+(\/[\w.-]+)*|mail\.google\.com\/)$/;

/** Sign-in scopes: the consent screen shows them ticked and fixed (they are not "data access"). */
export const SIGN_IN_SCOPES: readonly string[] = [OPENID_SCOPE, EMAIL_SCOPE, PROFILE_SCOPE];

export interface ParsedScopes {
  /** Canonical (openid, full URLs for the shorthands), de-duplicated, in request order. */
  scopes: string[];
  invalid: string[];
}

/** A space-separated `scope` parameter; Google accepts `email`/`profile` for their full URLs. */
export function parseScopes(raw: string | readonly string[]): ParsedScopes {
  const words = typeof raw === 'string' ? raw.split(/\s+/) : raw;
  const scopes = new Set<string>();
  const invalid: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    const scope = SHORTHANDS[word] ?? word;
    if (scope === OPENID_SCOPE || SCOPE_URL.test(scope)) scopes.add(scope);
    else invalid.push(word);
  }
  return { scopes: [...scopes], invalid };
}

/** The token endpoint's `scope`: full URLs and `openid`, sorted as Google lists them. */
export function tokenScope(scopes: Iterable<string>): string {
  return [...new Set(scopes)].sort().join(' ');
}

/**
 * The `scope` on the redirect back from the consent screen. Google echoes the shorthands that
 * were granted first, then the full URLs (e.g. `email profile openid
 * https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile`).
 */
export function redirectScope(scopes: Iterable<string>): string {
  const set = new Set(scopes);
  const shorthands = Object.entries(SHORTHANDS)
    .filter(([, url]) => set.has(url))
    .map(([name]) => name);
  const openid = set.has(OPENID_SCOPE) ? [OPENID_SCOPE] : [];
  const urls = [...set].filter((scope) => scope !== OPENID_SCOPE).sort();
  return [...shorthands, ...openid, ...urls].join(' ');
}

/** Human wording of a scope on the consent screen. */
export function scopeLabel(scope: string): string {
  switch (scope) {
    case OPENID_SCOPE:
      return 'Associate you with your personal info on Google';
    case EMAIL_SCOPE:
      return 'See your primary Google Account email address';
    case PROFILE_SCOPE:
      return 'See your personal info, including any personal info you’ve made publicly available';
    default:
      return `Access ${scope.replace(/^https:\/\/(www\.googleapis\.com\/auth\/)?/, '')}`;
  }
}

/** Human words for the codes the api hands the dashboard: health flags, reasons, scopes. */
import type { GrantHealthFlag } from '../api/api-types';

/**
 * Every health flag the api declares (the generated schema's `GrantHealthFlag`, from
 * offline-access's one list), each with its words: a flag added there fails this build until
 * it has a label here.
 */
export const HEALTH_FLAG_LABELS: Readonly<Record<GrantHealthFlag, string>> = {
  testing_mode_expiry: 'Expires soon (app in testing mode)',
  idle_near_expiry: 'Unused, about to expire',
  refresh_token_churn: 'Too many refresh tokens',
  reauth_required: 'User must sign in to Google again',
};

/** Reasons recorded in audit details and error codes, in plain words. */
const REASON_LABELS: Readonly<Record<string, string>> = {
  invalid_grant: 'Google no longer accepts the grant',
  invalid_rapt: 'Google asks the user to sign in again',
  invalid_client: 'Google refuses our OAuth client',
  unauthorized_client: 'Google refuses our OAuth client for this grant',
  token_not_revocable: 'Google says the token cannot be revoked',
  backing_off: 'Google was unreachable; retrying later',
  google_client_rejected: 'Google refuses our OAuth client',
  hijacking: 'Google suspects the account was hijacked',
  outside_hosted_domain: 'The user is outside the allowed Workspace domain',
  wrong_hosted_domain: 'The user is outside the allowed Workspace domain',
  replaced_by_sign_in: 'Replaced by a new sign-in',
  signed_out: 'Signed out',
  admin: 'Ended by an admin',
  wrong_audience: 'The ID token was issued for another app',
  wrong_issuer: 'The ID token was not issued by Google',
  expired: 'The ID token has expired',
  bad_signature: 'The ID token signature is wrong',
  azp_mismatch: 'The ID token was requested by another client',
  malformed: 'The ID token is malformed',
  unknown_kid: 'The ID token was signed with an unknown key',
  not_yet_valid: 'The ID token is not valid yet',
  service_account_not_allowed: 'Service accounts may not sign in',
  scope_not_granted: 'A needed permission was not granted',
  consent_required: 'The user has to consent again',
  upstream_unavailable: 'Google was unreachable',
  empty_filter: 'No filter chosen',
  last_admin: 'The last admin',
  bootstrap_admin: 'Admin through ADMIN_EMAILS',
  invalid_credentials: 'The credential is unknown, revoked, expired or suspended',
  address_not_allowed: 'Called from outside the IP allowlist',
  insufficient_api_scope: 'The key may not call this',
  scope_not_allowed: 'A scope the service may not ask for',
  purpose_not_allowed: 'A purpose outside its catalogue',
  blocked_by_user: 'The user blocked this service',
  insufficient_scope: 'The user did not grant every scope asked for',
  no_grant: 'The user has no grant',
  grant_revoked: 'The user’s grant was revoked',
  grant_failing: 'The user’s grant cannot give tokens now',
  issuance_stopped: 'An admin stopped tokens for this service or scope',
  rate_limited: 'Over the service’s rate limit',
};

/** A code in words, or the code with its underscores as spaces when it is none we know. */
export function labelOf(code: string): string {
  const labels: Readonly<Record<string, string>> = HEALTH_FLAG_LABELS;
  return labels[code] ?? REASON_LABELS[code] ?? code.replaceAll('_', ' ');
}

const GOOGLE_SCOPE = 'https://www.googleapis.com/auth/';

/** `https://www.googleapis.com/auth/gmail.send` → `gmail.send`; `openid` stays as it is. */
export function shortScope(scope: string): string {
  return scope.startsWith(GOOGLE_SCOPE) ? scope.slice(GOOGLE_SCOPE.length) : scope;
}

/** The other way round: `gmail.send` → its full URL; full URLs and `openid`, `email`, `profile` stay. */
export function fullScope(scope: string): string {
  const trimmed = scope.trim();
  if (/^https:\/\//.test(trimmed) || ['openid', 'email', 'profile'].includes(trimmed)) {
    return trimmed;
  }
  return `${GOOGLE_SCOPE}${trimmed}`;
}

/** `n thing` or `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

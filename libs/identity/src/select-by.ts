/**
 * How the user picked the account, as Google Identity Services reports it in `select_by`
 * (CredentialResponse, https://developers.google.com/identity/gsi/web/reference/js-reference#select_by).
 * Google documents these fourteen values; the list grows (the ITP and FedCM values came later),
 * so an unknown value never blocks a sign-in whose credential verifies: it is recorded as
 * `unrecognised` in the audit event, with the value itself when it looks like one of Google's.
 */
export const DOCUMENTED_SELECT_BY = [
  'auto',
  'user',
  'fedcm',
  'fedcm_auto',
  'user_1tap',
  'user_2tap',
  'itp',
  'itp_confirm',
  'itp_add_session',
  'itp_confirm_add_session',
  'btn',
  'btn_confirm',
  'btn_add_session',
  'btn_confirm_add_session',
] as const;

const documented: ReadonlySet<string> = new Set(DOCUMENTED_SELECT_BY);
const plausible = /^[a-z0-9_]{1,64}$/;

/** The audit details that say how the account was picked; nothing when GIS did not say. */
export function selectByDetails(value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  if (documented.has(value)) return { select_by: value };
  return plausible.test(value)
    ? { select_by: 'unrecognised', select_by_value: value }
    : { select_by: 'unrecognised' };
}

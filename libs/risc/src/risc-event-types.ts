const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';

/**
 * The security events Google's Cross-Account Protection sends, by short name (used in the
 * `risc_events` table and as audit actions `risc.<name>`). The two token events live in the
 * OAuth event namespace, the rest in RISC's
 * (https://developers.google.com/identity/protocols/risc#supported_event_types).
 */
export const RISC_EVENT_TYPES = {
  'sessions-revoked': `${RISC}sessions-revoked`,
  'tokens-revoked': `${OAUTH}tokens-revoked`,
  'token-revoked': `${OAUTH}token-revoked`,
  'account-disabled': `${RISC}account-disabled`,
  'account-enabled': `${RISC}account-enabled`,
  'account-purged': `${RISC}account-purged`,
  'account-credential-change-required': `${RISC}account-credential-change-required`,
  verification: `${RISC}verification`,
} as const;

export type RiscEventName = keyof typeof RISC_EVENT_TYPES;

// A Map, never an object lookup: an event type such as `__proto__` can only miss.
const BY_URI: ReadonlyMap<string, RiscEventName> = new Map(
  Object.entries(RISC_EVENT_TYPES).map(([name, uri]) => [uri, name as RiscEventName]),
);

/** The short name of an event type URI Google sends, or undefined for any other string. */
export function riscEventName(uri: string): RiscEventName | undefined {
  return BY_URI.get(uri);
}

import { createHash, randomBytes } from 'node:crypto';
import { invalidControlInput } from './emulator.errors.js';
import type { IdTokens, JwtFields } from './id-tokens.js';

/**
 * Google's Cross-Account Protection issuer. Note the trailing slash: ID tokens say
 * `https://accounts.google.com` without it, so an exact issuer check keeps the two token kinds
 * apart even though Google signs both with the same keys
 * (https://developers.google.com/identity/protocols/risc#validate).
 */
export const GOOGLE_RISC_ISSUER = 'https://accounts.google.com/';

const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';

/**
 * The event types Google sends, by short name. The two token events live under the OAuth event
 * namespace, the others under RISC's
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

export interface RiscEventRequest {
  event: RiscEventName;
  sub: string;
  clientId: string;
  reason?: 'hijacking' | 'bulk-account';
  jti?: string;
  /** token-revoked only: the refresh token the event is about (sent hashed, never in clear). */
  refreshToken?: string;
  /** verification only: echoed back as Google's `state` attribute. */
  state?: string;
}

/**
 * Google's `hash_base64_sha512_sha512` token identifier: base64 of SHA-512 over the SHA-512 of
 * the token (https://developers.google.com/identity/protocols/risc#token_identifiers).
 */
export function refreshTokenIdentifier(refreshToken: string): string {
  const inner = createHash('sha512').update(refreshToken, 'utf8').digest();
  return createHash('sha512').update(inner).digest('base64');
}

/** The claims of one security event token, as Google shapes them (one event per token). */
export function securityEventClaims(request: RiscEventRequest, now = Date.now()): JwtFields {
  return {
    iss: GOOGLE_RISC_ISSUER,
    aud: request.clientId,
    iat: Math.floor(now / 1000),
    jti: request.jti ?? randomBytes(16).toString('hex'),
    // No `exp`: SETs describe past events and do not expire (RFC 8417 §2.2, Google's guide).
    events: { [RISC_EVENT_TYPES[request.event]]: eventBody(request) },
  };
}

function eventBody(request: RiscEventRequest): JwtFields {
  switch (request.event) {
    case 'token-revoked':
      if (request.refreshToken === undefined) {
        throw invalidControlInput('token-revoked needs a refresh token of that user and client');
      }
      return {
        subject: {
          subject_type: 'oauth_token',
          token_type: 'refresh_token',
          token_identifier_alg: 'hash_base64_sha512_sha512',
          token: refreshTokenIdentifier(request.refreshToken),
        },
      };
    case 'account-disabled':
      return {
        subject: issSub(request.sub),
        ...(request.reason ? { reason: request.reason } : {}),
      };
    case 'verification':
      // Google's verification events carry `state` and no particular user; the emulator names
      // the given one anyway so receivers can be tested with one code path.
      return { subject: issSub(request.sub), state: request.state ?? 'emulator' };
    case 'sessions-revoked':
    case 'tokens-revoked':
    case 'account-enabled':
    case 'account-purged':
    case 'account-credential-change-required':
      return { subject: issSub(request.sub) };
  }
}

function issSub(sub: string): JwtFields {
  return { subject_type: 'iss-sub', iss: GOOGLE_RISC_ISSUER, sub };
}

/** Signs the event with the emulator's current key, header `typ: secevent+jwt` (RFC 8417 §2.3). */
export function signSecurityEvent(
  idTokens: IdTokens,
  request: RiscEventRequest,
): { token: string; jti: string } {
  const claims = securityEventClaims(request);
  return { token: idTokens.sign(claims, { typ: 'secevent+jwt' }), jti: claims.jti as string };
}

import { type RiscSigningKeys, SigningKeyError } from '@grantkeeper/google';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { invalid, RiscError } from './risc.errors.js';
import { riscEventName, type RiscEventName } from './risc-event-types.js';

/** Who or what an event is about: a Google account, or one refresh token (`token-revoked`). */
export type RiscSubject =
  | { readonly kind: 'account'; readonly sub: string }
  | {
      readonly kind: 'refresh_token';
      readonly alg: 'hash_base64_sha512_sha512' | 'prefix';
      readonly identifier: string;
    }
  | { readonly kind: 'none' };

/** A security event token that passed every check, reduced to what the receiver acts on. */
export interface VerifiedSecurityEvent {
  readonly jti: string;
  readonly iat: number;
  readonly event: RiscEventName;
  readonly subject: RiscSubject;
  /** `account-disabled` only: `hijacking` or `bulk-account` when Google says why. */
  readonly reason?: string;
}

export interface SecurityEventTokenVerifierOptions {
  /** The exact `iss` (Google's: `https://accounts.google.com/`, with the slash). */
  readonly issuer: string;
  /** Our OAuth client ids; `aud` must be one of them. */
  readonly audiences: readonly string[];
  /** How far `iat` may lie in the future. Default 300. */
  readonly clockSkewSeconds?: number;
  readonly now?: () => number;
}

const MAX_TOKEN_CHARS = 16_384;
const MAX_FIELD_CHARS = 256;

/**
 * Verifies Google's security event tokens as the receiver guide asks
 * (https://developers.google.com/identity/protocols/risc#validate) with jose: RS256 only
 * (checked before any key is looked up), the key by `kid` from Google's RISC key set, `iss`
 * exactly Google's RISC issuer, `aud` one of our client ids. No `exp` check: SETs describe past
 * events and carry none. Then RFC 8417's shape: a `jti`, an `iat` not in the future beyond the
 * skew, and exactly one event of a type Google documents. An ID token signed by the same keys
 * fails here twice over: its issuer lacks the trailing slash and it has no `events`.
 */
export class SecurityEventTokenVerifier {
  private readonly audiences: string[];
  private readonly skewSeconds: number;
  private readonly now: () => number;

  constructor(
    private readonly options: SecurityEventTokenVerifierOptions,
    private readonly keys: RiscSigningKeys,
  ) {
    if (options.audiences.length === 0) throw new Error('SecurityEventTokenVerifier: no audience');
    this.audiences = [...options.audiences];
    this.skewSeconds = options.clockSkewSeconds ?? 300;
    this.now = options.now ?? Date.now;
  }

  /** @throws RiscError `invalid_security_event` or `certificates_unavailable`. */
  async verify(token: unknown): Promise<VerifiedSecurityEvent> {
    if (typeof token !== 'string' || token.length === 0) throw invalid('the body is not a JWT');
    if (token.length > MAX_TOKEN_CHARS) throw invalid('the token is too large');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header) => this.keys.getKey(header.kid), {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.audiences,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw fromJoseError(error);
    }
    return this.checkClaims(payload);
  }

  private checkClaims(payload: JWTPayload): VerifiedSecurityEvent {
    const { jti, iat } = payload;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_FIELD_CHARS) {
      throw invalid('no usable jti');
    }
    if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalid('no numeric iat');
    if (iat > this.now() / 1000 + this.skewSeconds) throw invalid('issued in the future');
    const [uri, body] = singleEvent(payload.events);
    const event = riscEventName(uri);
    if (event === undefined) throw invalid('unknown event type');
    const subject = parseSubject(body.subject, event, this.options.issuer);
    const reason =
      typeof body.reason === 'string' ? body.reason.slice(0, MAX_FIELD_CHARS) : undefined;
    return { jti, iat, event, subject, ...(reason === undefined ? {} : { reason }) };
  }
}

function singleEvent(events: unknown): [string, Record<string, unknown>] {
  if (!isObject(events)) throw invalid('no events claim');
  const entries = Object.entries(events);
  if (entries.length !== 1) throw invalid('not exactly one event');
  const [uri, body] = entries[0];
  if (!isObject(body)) throw invalid('the event is not an object');
  return [uri, body];
}

// Google names accounts with `iss-sub` (or `id_token_claims`, which also carries `sub`) and
// single tokens with `oauth_token` (https://developers.google.com/identity/protocols/risc#token_identifiers).
function parseSubject(subject: unknown, event: RiscEventName, issuer: string): RiscSubject {
  // Google's verification events carry only `state`; nothing to act on.
  if (subject === undefined && event === 'verification') return { kind: 'none' };
  if (!isObject(subject)) throw invalid('no subject');
  const type = subject.subject_type;
  if (type === 'iss-sub' || type === 'id_token_claims') {
    const { sub, iss } = subject;
    if (type === 'iss-sub' && iss !== issuer) throw invalid('the subject has another issuer');
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_FIELD_CHARS) {
      throw invalid('the subject names no account');
    }
    return { kind: 'account', sub };
  }
  if (type === 'oauth_token' && event === 'token-revoked') {
    const { token_type: tokenType, token_identifier_alg: alg, token } = subject;
    if (
      tokenType !== 'refresh_token' ||
      (alg !== 'hash_base64_sha512_sha512' && alg !== 'prefix')
    ) {
      throw invalid('unsupported token identifier');
    }
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_FIELD_CHARS) {
      throw invalid('the subject names no token');
    }
    return { kind: 'refresh_token', alg, identifier: token };
  }
  throw invalid('unsupported subject type');
}

// jose's codes, mapped to fixed reasons: its messages are not passed on, so nothing of the
// token can reach the answer or the logs.
function fromJoseError(error: unknown): RiscError {
  if (error instanceof RiscError) return error;
  if (error instanceof SigningKeyError) return fromSigningKeyError(error);
  if (!(error instanceof errors.JOSEError)) return invalid('the token could not be read');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return invalid('wrong issuer');
      case 'aud':
        return invalid('wrong audience');
      default:
        return invalid('a time claim is not acceptable');
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid('not signed with RS256');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('bad signature');
  return invalid('malformed token');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The key set's refusal: an unknown or ill-formed kid is an invalid token (400, Google does not
// retry); keys that could not be fetched decide nothing (503, Google retries).
function fromSigningKeyError(error: SigningKeyError): RiscError {
  switch (error.code) {
    case 'certificates_unavailable':
      return new RiscError('certificates_unavailable', error.message, { cause: error });
    case 'unknown_kid':
      return invalid('unknown signing key');
    case 'malformed':
      return invalid('ill-formed key id');
  }
}

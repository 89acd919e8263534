import type { KeyObject } from 'node:crypto';
import { checkKid, type GoogleSigningKeys } from '@grantkeeper/google';
import { fromSigningKeyError, IdTokenError } from './id-token.errors.js';
import {
  type CompactJws,
  decodePayload,
  type JsonObject,
  parseCompactJws,
  verifyRs256,
} from './jwt-compact.js';
import type { GoogleIssuer, VerifiedIdToken } from './verified-id-token.js';
import type { TokenDigest, VerifiedTokenCache } from './verified-token.cache.js';

export type { GoogleIssuer, VerifiedIdToken } from './verified-id-token.js';

/** Options of {@link GoogleIdTokenVerifier}. */
export interface GoogleIdTokenVerifierOptions {
  /** OAuth client ids whose tokens are accepted. Must not be empty. */
  readonly audiences: readonly string[];
  /** When set, the token's `hd` claim must equal it (an absent `hd` is refused). */
  readonly hostedDomain?: string;
  /**
   * Accept tokens of Google service accounts (see {@link isServiceAccountToken}). Default false:
   * anyone can mint one with our client id as its audience, and no person stands behind it.
   */
  readonly allowServiceAccounts?: boolean;
  /** Tolerated clock difference with Google. Default 300, as google-auth-library. */
  readonly clockSkewSeconds?: number;
  /** Longest accepted `exp - iat`. Default 86 400 (Google's tokens live one hour). */
  readonly maxLifetimeSeconds?: number;
  /** Larger tokens are refused before any parsing. Default 16 384. */
  readonly maxTokenBytes?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Google signs with one header per key and holds two or three keys at a time. */
const MAX_KNOWN_HEADERS = 16;

// Values map to themselves: a verified token keeps these strings, not its own copies, since it may
// be held in the cache until it expires (see checkClaims).
const ISSUERS: ReadonlyMap<unknown, GoogleIssuer> = new Map<unknown, GoogleIssuer>([
  ['accounts.google.com', 'accounts.google.com'],
  ['https://accounts.google.com', 'https://accounts.google.com'],
]);

/**
 * Verifies Google ID tokens as Google's guide asks
 * (https://developers.google.com/identity/gsi/web/guides/verify-google-id-token), with the
 * semantics of google-auth-library's `verifyIdToken` but stricter, following RFC 8725:
 *
 * - size, then strict decoding, then `alg` (exactly `RS256`, whatever the header claims), then
 *   `kid`, then the signature, and only then the claims: a forged token learns nothing about
 *   claim checks, and no key is looked up for a token with a wrong algorithm;
 * - keys come only from {@link GoogleSigningKeys}; `jku`, `x5u`, `jwk` headers are ignored;
 * - `aud` must be one string among the configured audiences (never an array, never absent);
 * - `azp`, when present, must be one of them too: `aud` alone admits a token another project's
 *   client obtained for our audience (`azp_mismatch`);
 * - service-account tokens are refused unless allowed (`service_account_not_allowed`).
 *
 * With a {@link VerifiedTokenCache}, a token seen before costs a hash and a lookup.
 *
 * @example
 * ```ts
 * const keys = new GoogleSigningKeys({ jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs' });
 * const verifier = new GoogleIdTokenVerifier({ audiences: [clientId] }, keys, new VerifiedTokenCache());
 * const { sub, email, emailVerified } = await verifier.verify(idToken);
 * ```
 */
export class GoogleIdTokenVerifier {
  // Each configured audience mapped to itself (see ISSUERS).
  private readonly audiences: ReadonlyMap<unknown, string>;
  private readonly hostedDomain: string | undefined;
  private readonly allowServiceAccounts: boolean;
  private readonly skewSeconds: number;
  private readonly maxLifetimeSeconds: number;
  private readonly maxTokenBytes: number;
  private readonly now: () => number;
  // Header segments of tokens whose signature held, decoded once (see parseCompactJws).
  private readonly knownHeaders = new Map<string, JsonObject>();

  constructor(
    options: GoogleIdTokenVerifierOptions,
    private readonly keys: GoogleSigningKeys,
    private readonly cache?: VerifiedTokenCache,
  ) {
    validateOptions(options);
    this.audiences = new Map(options.audiences.map((aud) => [aud, aud]));
    this.hostedDomain = options.hostedDomain;
    this.allowServiceAccounts = options.allowServiceAccounts === true;
    this.skewSeconds = options.clockSkewSeconds ?? 300;
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? 86_400;
    this.maxTokenBytes = options.maxTokenBytes ?? 16_384;
    this.now = options.now ?? Date.now;
    cache?.attach(this);
  }

  /**
   * The claims of `token` if this verifier accepted it before and it has not expired, otherwise
   * undefined (call {@link verify}). Synchronous: the hot path of a Bearer caller costs a hash
   * and a lookup, not a promise.
   */
  cached(token: string): VerifiedIdToken | undefined {
    const cache = this.cache;
    if (cache === undefined || typeof token !== 'string' || token.length > this.maxTokenBytes) {
      return undefined;
    }
    return cache.get(cache.digest(token));
  }

  /**
   * Verifies `token` and returns its claims (a frozen object).
   *
   * @throws IdTokenError with a code saying why; `certificates_unavailable` means retry later.
   */
  verify(token: string): Promise<VerifiedIdToken> {
    // Not an async function: with the signing keys cached (nearly always), the whole check is
    // synchronous and the caller's promise is the only one made. Every failure still rejects.
    try {
      const settled = this.verifyNow(token);
      return settled instanceof Promise ? settled : Promise.resolve(settled);
    } catch (error) {
      // Everything verifyNow throws is an Error (IdTokenError for every refusal).
      return Promise.reject(
        error instanceof Error ? error : new Error('The token could not be verified.'),
      );
    }
  }

  // The claims, or a promise of them when the signing keys must be fetched first.
  private verifyNow(token: string): VerifiedIdToken | Promise<VerifiedIdToken> {
    if (typeof token !== 'string') {
      throw new IdTokenError('malformed', 'The token is not a string.');
    }
    // Checked before hashing, too: a huge token must not cost a SHA-256 either.
    if (token.length > this.maxTokenBytes) {
      throw new IdTokenError(
        'token_too_large',
        `The token is larger than ${this.maxTokenBytes} bytes.`,
      );
    }
    const cache = this.cache;
    const digest = cache?.digest(token);
    const hit = digest === undefined ? undefined : cache?.get(digest);
    if (hit !== undefined) return hit;

    // Size → structure and header → alg → kid → signature → payload and claims: nothing about the
    // claims is parsed, let alone reported, before the signature holds.
    const jws = parseCompactJws(token, this.maxTokenBytes, this.knownHeaders);
    const kid = checkHeader(jws.header);
    const key = this.keys.cachedKey(kid);
    if (key !== undefined) return this.accept(jws, key, digest);
    return this.keys.getKey(kid).then(
      (fetched) => this.accept(jws, fetched, digest),
      (error: unknown) => {
        throw fromSigningKeyError(error);
      },
    );
  }

  private accept(
    jws: CompactJws,
    key: KeyObject,
    digest: TokenDigest | undefined,
  ): VerifiedIdToken {
    if (!verifyRs256(jws, key)) {
      throw new IdTokenError('bad_signature', 'The token signature is not valid.');
    }
    this.rememberHeader(jws);
    const claims = this.checkClaims(decodePayload(jws));
    if (digest !== undefined) this.cache?.set(digest, claims);
    return claims;
  }

  // Only headers Google actually signed are kept, so forged tokens cannot fill or churn the map.
  private rememberHeader(jws: CompactJws): void {
    if (this.knownHeaders.has(jws.headerText)) return;
    if (this.knownHeaders.size >= MAX_KNOWN_HEADERS) this.knownHeaders.clear();
    this.knownHeaders.set(jws.headerText, Object.freeze(jws.header));
  }

  private checkClaims(payload: JsonObject): VerifiedIdToken {
    const iat = numericDate(payload, 'iat');
    const exp = numericDate(payload, 'exp');
    const nbf = payload.nbf === undefined ? undefined : numericDate(payload, 'nbf');
    // The issuer, the audience and (usually) azp are one of a few known strings: the verified
    // token holds the configured copies, so a cached token keeps fewer strings alive.
    const iss = ISSUERS.get(payload.iss);
    if (iss === undefined) {
      throw new IdTokenError('wrong_issuer', 'The token was not issued by Google.');
    }
    const aud = typeof payload.aud === 'string' ? this.audiences.get(payload.aud) : undefined;
    if (aud === undefined) {
      throw new IdTokenError('wrong_audience', 'The token was not issued for this application.');
    }
    this.checkTimes(iat, exp, nbf);
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0) {
      throw new IdTokenError('missing_subject', 'The token does not identify an account.');
    }
    const azp = this.checkParty(payload, sub);
    let hd = optionalString(payload, 'hd');
    if (this.hostedDomain !== undefined) {
      if (hd !== this.hostedDomain) {
        throw new IdTokenError('wrong_hosted_domain', 'The account is not in the allowed domain.');
      }
      hd = this.hostedDomain;
    }
    return Object.freeze({
      sub,
      email: optionalString(payload, 'email'),
      emailVerified: payload.email_verified === true || payload.email_verified === 'true',
      name: optionalString(payload, 'name'),
      givenName: optionalString(payload, 'given_name'),
      familyName: optionalString(payload, 'family_name'),
      picture: optionalString(payload, 'picture'),
      hd,
      iss,
      aud,
      azp,
      iat,
      exp,
      nonce: optionalString(payload, 'nonce'),
      jti: optionalString(payload, 'jti'),
    });
  }

  /**
   * Who the token was issued to. Google's guide checks `aud`; OIDC Core §3.1.3.7 adds that a
   * present `azp` must be the client too. For a user's token `azp` is the OAuth client that
   * asked (one of ours); a service account's token names the account itself (`azp` = `sub`).
   */
  private checkParty(payload: JsonObject, sub: string): string | undefined {
    const azp = optionalString(payload, 'azp');
    const ours = azp === undefined ? undefined : this.audiences.get(azp);
    if (isServiceAccountToken(payload, sub)) {
      if (!this.allowServiceAccounts) {
        throw new IdTokenError(
          'service_account_not_allowed',
          'The token belongs to a service account, not a person.',
        );
      }
      if (azp === undefined || azp === sub) return azp;
    }
    if (azp !== undefined && ours === undefined) {
      throw new IdTokenError('azp_mismatch', 'The token was obtained by another application.');
    }
    return ours;
  }

  private checkTimes(iat: number, exp: number, nbf: number | undefined): void {
    const now = this.now() / 1000;
    // RFC 7519 §4.1.4: the current time must be before exp, so equality is already expired.
    if (exp <= now - this.skewSeconds) {
      throw new IdTokenError('expired', 'The token has expired.');
    }
    if (iat > now + this.skewSeconds || (nbf !== undefined && nbf > now + this.skewSeconds)) {
      throw new IdTokenError('not_yet_valid', 'The token is not valid yet.');
    }
    if (exp - iat > this.maxLifetimeSeconds) {
      throw new IdTokenError('lifetime_too_long', 'The token lifetime is longer than allowed.');
    }
  }
}

// Service accounts' addresses: `…@<project>.iam.gserviceaccount.com`, and the default accounts
// `…-compute@developer.gserviceaccount.com` and `<project>@appspot.gserviceaccount.com`
// (https://cloud.google.com/iam/docs/service-account-types).
const SERVICE_ACCOUNT_EMAIL = /@(?:[^@]+\.)?gserviceaccount\.com$/i;

/**
 * Whether an ID token was issued to a Google service account rather than a person: its `email`
 * is a service account's address, it carries the metadata server's `google.compute_engine`
 * claim (https://cloud.google.com/compute/docs/instances/verifying-instance-identity#payload),
 * or it names the account itself as its authorized party (`azp` = `sub`, as the tokens of
 * https://cloud.google.com/docs/authentication/get-id-token do; a user's `azp` is a client id).
 */
export function isServiceAccountToken(payload: JsonObject, sub: string): boolean {
  const email = payload.email;
  if (typeof email === 'string' && SERVICE_ACCOUNT_EMAIL.test(email)) return true;
  const google = payload.google;
  if (typeof google === 'object' && google !== null && 'compute_engine' in google) return true;
  return payload.azp === sub;
}

// RFC 8725 §3.1: the algorithm is fixed by us, never chosen by the token, so `none`, HS256 keyed
// with the public key text, or any other value is refused before a key is even looked up.
function checkHeader(header: JsonObject): string {
  if (header.alg !== 'RS256') {
    throw new IdTokenError('unsupported_algorithm', 'The token is not signed with RS256.');
  }
  // RFC 7515 §4.1.11: extensions listed in `crit` must be understood; this verifier knows none.
  if (header.crit !== undefined) {
    throw new IdTokenError('malformed', 'The token requires header extensions not supported.');
  }
  try {
    return checkKid(header.kid);
  } catch (error) {
    throw fromSigningKeyError(error);
  }
}

// RFC 7519 §2 NumericDate: a JSON number. Strings, null and booleans are refused, not coerced.
function numericDate(payload: JsonObject, name: 'iat' | 'exp' | 'nbf'): number {
  const value = payload[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new IdTokenError('malformed', `The token claim ${name} is not a number.`);
  }
  return value;
}

function optionalString(payload: JsonObject, name: string): string | undefined {
  const value = payload[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new IdTokenError('malformed', `The token claim ${name} is not a string.`);
}

function validateOptions(options: GoogleIdTokenVerifierOptions): void {
  const { audiences, hostedDomain, clockSkewSeconds, maxLifetimeSeconds, maxTokenBytes } = options;
  // An empty or undefined audience list must never mean "any audience".
  if (!Array.isArray(audiences) || audiences.length === 0) {
    throw new Error('GoogleIdTokenVerifier: audiences must list at least one client id.');
  }
  if (!audiences.every((aud) => typeof aud === 'string' && aud.length > 0)) {
    throw new Error('GoogleIdTokenVerifier: every audience must be a non-empty string.');
  }
  if (hostedDomain !== undefined && (typeof hostedDomain !== 'string' || hostedDomain === '')) {
    throw new Error('GoogleIdTokenVerifier: hostedDomain must be a non-empty string when set.');
  }
  for (const [name, value] of Object.entries({
    clockSkewSeconds,
    maxLifetimeSeconds,
    maxTokenBytes,
  })) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new Error(`GoogleIdTokenVerifier: ${name} must be a non-negative number.`);
    }
  }
}

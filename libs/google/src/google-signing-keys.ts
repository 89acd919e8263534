import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isSuccess, parseJsonObject } from './google-answer.js';
import { GoogleHttpClient } from './google-http.client.js';
import { SigningKeyError } from './google.errors.js';

/** Options of {@link GoogleSigningKeys}. Durations in milliseconds unless the name says seconds. */
export interface GoogleSigningKeysOptions {
  /** `https://www.googleapis.com/oauth2/v3/certs` in production, the emulator's locally. */
  readonly jwksUrl: string;
  /** Deadline for the whole response, body included. Default 5000. */
  readonly timeoutMs?: number;
  /** Least time between two fetches caused by an unknown `kid` or a no-store answer. Default 30 000. */
  readonly refetchCooldownMs?: number;
  /** Freshness when the answer carries no `max-age`. Default 300. */
  readonly fallbackMaxAgeSeconds?: number;
  /** The shared client (the module's); one of its own otherwise. */
  readonly http?: GoogleHttpClient;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface KeySet {
  // A Map, never a plain object: a kid such as `__proto__` or `constructor` can only miss.
  readonly keys: ReadonlyMap<string, KeyObject>;
  readonly freshUntil: number;
}

// Google's kids are 40-hex-digit digests. Anything path-like, SQL-like or prototype-like is
// refused before any lookup or fetch (RFC 8725 §3.10: header values are attacker-controlled).
const KID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
// Google sends `max-age` of a few hours; a day caps what a misconfigured proxy can make us trust,
// so a key Google has retired stops being accepted within a day at the latest.
const MAX_FRESHNESS_SECONDS = 86_400;
// RFC 7518 §3.3: RS256 keys must be at least 2048 bits.
const MIN_MODULUS_BITS = 2048;

/**
 * Validates a JWS `kid` header value before it is used for anything.
 *
 * @throws SigningKeyError `unknown_kid` when absent, `malformed` when not a well-formed key id.
 */
export function checkKid(kid: unknown): string {
  if (kid === undefined)
    throw new SigningKeyError('unknown_kid', 'The token names no signing key.');
  if (typeof kid !== 'string' || !KID.test(kid)) {
    throw new SigningKeyError('malformed', 'The token names an ill-formed signing key id.');
  }
  return kid;
}

/**
 * Google's signing keys, fetched from one JWKS URL and kept as `KeyObject`s: the ID-token keys
 * (identity's verifier) and, through {@link RiscSigningKeys}, those of security event tokens.
 *
 * - Honours `Cache-Control: max-age` (minus `Age`), as Google asks
 *   (https://developers.google.com/identity/gsi/web/guides/verify-google-id-token); `no-store`,
 *   `no-cache` and `max-age=0` mean "stale after the cooldown", so they cannot turn every sign-in
 *   into a fetch.
 * - A well-formed but unknown `kid` refetches at most once per cooldown (jose's remote JWKS does
 *   the same), so a key rotation costs no failed sign-in and random kids cannot drive fetches.
 * - Concurrent callers share one fetch. The deadline covers the whole response, body included.
 * - Strict when stale: if the keys are past their freshness and the refetch fails, callers get
 *   `certificates_unavailable` (503). Serving stale keys would keep accepting a key Google may
 *   have retired because it leaked, and the outage is reported honestly instead.
 * - Only the configured URL is ever fetched: `jku`, `x5u` and `jwk` token headers are not read
 *   here at all (RFC 8725 §3.10).
 */
export class GoogleSigningKeys {
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly cooldownMs: number;
  private readonly fallbackMaxAgeSeconds: number;
  private readonly http: GoogleHttpClient;
  private readonly now: () => number;
  private keySet: KeySet | undefined;
  private inflight: Promise<KeySet> | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  constructor(options: GoogleSigningKeysOptions) {
    const url = new URL(options.jwksUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error('GoogleSigningKeys: jwksUrl must be an http(s) URL.');
    }
    this.url = url.href;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.cooldownMs = options.refetchCooldownMs ?? 30_000;
    this.fallbackMaxAgeSeconds = options.fallbackMaxAgeSeconds ?? 300;
    this.http = options.http ?? new GoogleHttpClient({ timeoutMs: this.timeoutMs });
    this.now = options.now ?? Date.now;
  }

  /** The key for `kid` if the key set is fresh and holds it; never fetches. `kid` must be checked. */
  cachedKey(kid: string): KeyObject | undefined {
    const set = this.keySet;
    if (set === undefined || this.now() >= set.freshUntil) return undefined;
    return set.keys.get(kid);
  }

  /**
   * The key for `kid`, fetching the key set when it is stale, or when the kid is unknown and the
   * cooldown allows.
   *
   * @throws SigningKeyError `unknown_kid`, `malformed` (ill-formed kid, no fetch) or
   * `certificates_unavailable`.
   */
  async getKey(kidValue: unknown): Promise<KeyObject> {
    const kid = checkKid(kidValue);
    const cached = this.cachedKey(kid);
    if (cached !== undefined) return cached;
    const key = (await this.keySetFor()).keys.get(kid);
    if (key === undefined) {
      throw new SigningKeyError(
        'unknown_kid',
        'The token names a signing key Google does not list.',
      );
    }
    return key;
  }

  /** Fetches the key set now (sharing a fetch already under way), e.g. to warm up at start. */
  async refresh(): Promise<void> {
    await this.startFetch();
  }

  private keySetFor(): Promise<KeySet> {
    if (this.inflight !== undefined) return this.inflight;
    const set = this.keySet;
    const now = this.now();
    if (set !== undefined && now < set.freshUntil && now - this.lastAttemptAt < this.cooldownMs) {
      return Promise.resolve(set);
    }
    return this.startFetch();
  }

  private startFetch(): Promise<KeySet> {
    if (this.inflight === undefined) {
      this.lastAttemptAt = this.now();
      this.inflight = this.fetchKeySet()
        .then((set) => (this.keySet = set))
        .finally(() => (this.inflight = undefined));
    }
    return this.inflight;
  }

  private async fetchKeySet(): Promise<KeySet> {
    const startedAt = this.now();
    let body: unknown;
    let headers: Headers;
    try {
      // The client's deadline covers headers and body: a server trickling bytes still hits it.
      const answer = await this.http.send({
        method: 'GET',
        url: this.url,
        headers: { accept: 'application/json' },
        timeoutMs: this.timeoutMs,
      });
      if (!isSuccess(answer)) {
        throw unavailable(`Google's signing-key endpoint answered HTTP ${answer.status}.`);
      }
      headers = answer.headers;
      body = parseJsonObject(answer.body);
    } catch (error) {
      if (error instanceof SigningKeyError) throw error;
      throw unavailable("Google's signing keys could not be fetched.", error);
    }
    const keys = parseJwks(body);
    const freshMs = Math.max(
      freshnessSeconds(headers, this.fallbackMaxAgeSeconds) * 1000,
      this.cooldownMs,
    );
    return { keys, freshUntil: startedAt + freshMs };
  }
}

/**
 * Freshness lifetime per RFC 9111 §4.2: `max-age` minus `Age`, 0 for `no-store`/`no-cache`, the
 * fallback when there is no `max-age`; capped at a day.
 */
export function freshnessSeconds(headers: Headers, fallbackSeconds: number): number {
  const cacheControl = headers.get('cache-control');
  let seconds = fallbackSeconds;
  if (cacheControl !== null) {
    const directives = cacheControl.toLowerCase().split(',');
    for (const raw of directives) {
      const directive = raw.trim();
      if (directive === 'no-store' || directive === 'no-cache') return 0;
      const match = /^max-age="?(\d{1,10})"?$/.exec(directive);
      if (match !== null) seconds = Number(match[1]);
    }
  }
  const age = /^\d{1,10}$/.test(headers.get('age') ?? '') ? Number(headers.get('age')) : 0;
  return Math.min(Math.max(seconds - age, 0), MAX_FRESHNESS_SECONDS);
}

function parseJwks(body: unknown): Map<string, KeyObject> {
  if (!isObject(body) || !Array.isArray(body.keys)) {
    throw unavailable("Google's signing-key endpoint did not return a JWKS.");
  }
  const keys = new Map<string, KeyObject>();
  for (const jwk of body.keys as unknown[]) {
    const entry = toRs256Key(jwk);
    // First entry wins on a duplicated kid; a later one cannot replace a key already read.
    if (entry !== undefined && !keys.has(entry.kid)) keys.set(entry.kid, entry.key);
  }
  if (keys.size === 0) {
    throw unavailable("Google's signing-key endpoint returned no usable RS256 key.");
  }
  return keys;
}

// Keys of another type or purpose (say a future EC key) are skipped, not fatal: tokens naming
// them then fail as unknown_kid, which is the truth for this RS256-only verifier.
function toRs256Key(jwk: unknown): { kid: string; key: KeyObject } | undefined {
  if (!isObject(jwk) || jwk.kty !== 'RSA') return undefined;
  const { kid, n, e, use, alg } = jwk;
  if (typeof kid !== 'string' || !KID.test(kid)) return undefined;
  if ((use !== undefined && use !== 'sig') || (alg !== undefined && alg !== 'RS256')) {
    return undefined;
  }
  if (typeof n !== 'string' || typeof e !== 'string') return undefined;
  try {
    // Only n and e are passed on: nothing else in a JWK entry can influence the key.
    const publicJwk: JsonWebKey = { kty: 'RSA', n, e };
    const key = createPublicKey({ key: publicJwk, format: 'jwk' });
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= MIN_MODULUS_BITS ? { kid, key } : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unavailable(message: string, cause?: unknown): SigningKeyError {
  return new SigningKeyError(
    'certificates_unavailable',
    message,
    cause === undefined ? {} : { cause },
  );
}

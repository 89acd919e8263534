import { hash } from 'node:crypto';
import type { VerifiedIdToken } from './verified-id-token.js';

/** SHA-256 of a token (base64url): the only form in which a token is used as a cache key. */
export type TokenDigest = string & { readonly __brand: 'TokenDigest' };

/** Options of {@link VerifiedTokenCache}. */
export interface VerifiedTokenCacheOptions {
  /** Most tokens remembered at once; the oldest go first. Default 10 000. */
  readonly maxEntries?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. Use the verifier's clock. */
  readonly now?: () => number;
}

/**
 * Remembers tokens that passed every check, so a token presented again costs one SHA-256 and one
 * map lookup instead of an RSA verification.
 *
 * - Keyed by the SHA-256 of the token: the bearer token itself is not kept as a key, and keys have
 *   a fixed size whatever the token.
 * - An entry is never served at or past the token's `exp`: an expired token is not stored, and
 *   `exp` is checked on every read against the clock, which deletes the entry (the allowed clock
 *   skew is deliberately not applied here; a token within the skew goes through full
 *   verification again).
 * - Bounded: at most `maxEntries` tokens, the oldest verified dropped first. Insertion order, not
 *   recency: a token dropped while still in use costs one more verification, and the cache does
 *   no bookkeeping on a hit. A Map plus a ring of its keys (measured leaner than lru-cache with
 *   TTLs on a stream of new tokens, docs/BENCHMARKS.md).
 * - Belongs to exactly one verifier: a hit skips the audience and hosted-domain checks, so a cache
 *   shared by verifiers with different settings would let one accept the other's tokens.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<TokenDigest, VerifiedIdToken>();
  // Every digest in `entries` was written here when it was added, and is deleted from `entries`
  // when its slot is reused: `entries` never holds more keys than this ring has slots.
  private readonly ring: Array<TokenDigest | undefined>;
  private next = 0;
  private readonly now: () => number;
  private owner: object | undefined;

  constructor(options: VerifiedTokenCacheOptions = {}) {
    const max = options.maxEntries ?? 10_000;
    if (!Number.isInteger(max) || max < 1) {
      throw new Error('VerifiedTokenCache: maxEntries must be a positive integer.');
    }
    this.now = options.now ?? Date.now;
    this.ring = new Array<TokenDigest | undefined>(max).fill(undefined);
  }

  /** Binds the cache to its verifier; a second, different owner is refused. */
  attach(owner: object): void {
    if (this.owner !== undefined && this.owner !== owner) {
      throw new Error('VerifiedTokenCache: a cache belongs to exactly one verifier.');
    }
    this.owner = owner;
  }

  /**
   * The cache key of `token`: its SHA-256, base64url. Computed once per verification and passed
   * to {@link get} and {@link set}, so a miss costs one hash, not two.
   */
  digest(token: string): TokenDigest {
    return hash('sha256', token, 'base64url') as TokenDigest;
  }

  /** The verified claims of the token with this digest, if it passed before and has not expired. */
  get(digest: TokenDigest): VerifiedIdToken | undefined {
    const entry = this.entries.get(digest);
    if (entry === undefined) return undefined;
    if (entry.exp * 1000 <= this.now()) {
      this.entries.delete(digest);
      return undefined;
    }
    return entry;
  }

  /** Remembers `claims` until `claims.exp`; an already expired token is not stored. */
  set(digest: TokenDigest, claims: VerifiedIdToken): void {
    if (!(claims.exp * 1000 > this.now())) return;
    const entries = this.entries;
    if (!entries.has(digest)) {
      const ring = this.ring;
      const slot = this.next;
      const oldest = ring[slot];
      if (oldest !== undefined) entries.delete(oldest);
      ring[slot] = digest;
      this.next = slot + 1 === ring.length ? 0 : slot + 1;
    }
    entries.set(digest, claims);
  }

  /** Number of entries held, expired ones not yet evicted included. */
  get size(): number {
    return this.entries.size;
  }
}

import type { AuthenticatedUser } from './authenticated-user.js';

/** Options of {@link BearerUserCache}. */
export interface BearerUserCacheOptions {
  /** Most users held at once; the one stored longest ago goes first. */
  readonly maxEntries: number;
  /** How long an entry is served after it was stored. */
  readonly ttlMs: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface Entry {
  readonly user: AuthenticatedUser;
  readonly expiresAt: number;
}

/**
 * Bearer callers' users by Google `sub`, each served until `ttlMs` after it was stored (never
 * later), at most `maxEntries` of them. Read on every guarded Bearer request, so a hit is one
 * `Map` lookup and one clock read: lru-cache with a TTL cost ~0.9% of a guarded request's CPU
 * (its recency bookkeeping and staleness checks). An expired entry is removed when it is read;
 * storing a `sub` again renews it, and the oldest stored entry is dropped when the cache is full.
 */
export class BearerUserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: BearerUserCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new Error('BearerUserCache: maxEntries must be a positive integer.');
    }
    if (!(options.ttlMs > 0)) throw new Error('BearerUserCache: ttlMs must be positive.');
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(sub: string): AuthenticatedUser | undefined {
    const entry = this.entries.get(sub);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(sub);
      return undefined;
    }
    return entry.user;
  }

  set(sub: string, user: AuthenticatedUser): void {
    // Deleted first, so a renewed entry moves to the end of the insertion order.
    this.entries.delete(sub);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(sub, { user, expiresAt: this.now() + this.ttlMs });
  }

  delete(sub: string): void {
    this.entries.delete(sub);
  }

  /** Entries held, expired ones not yet read included. */
  get size(): number {
    return this.entries.size;
  }
}

import type { GrantEntity } from './grant.entity.js';

/** At most this many grants' opened tokens are held; the least recently stored go first. */
export const OPENED_ACCESS_TOKENS_CAPACITY = 10_000;

type CachedGrant = Pick<GrantEntity, 'id' | 'accessTokenEnvelopeId' | 'accessTokenExpiresAt'>;

/**
 * Access tokens this process has opened from their vault envelopes, one per grant, so that
 * serving a cached token costs the grant's read and not also its envelope's read and
 * decryption. A token is found only under the envelope id and expiry the grant row read just
 * now names: a refresh (on any instance) writes a new expiry and a renewal or purge a new or no
 * envelope, so a replaced token is never served, and the grant row, read fresh on every call,
 * still decides whether any token is. An envelope id copied onto another grant's row finds
 * nothing here and fails to open in the vault, as before.
 *
 * The tokens are plaintext in this process's memory until replaced, evicted or found expired
 * (Google access tokens, which live an hour at most and are worthless after; never refresh
 * tokens), as a Google client library holds the credentials it uses.
 */
export class OpenedAccessTokens {
  private readonly byGrant = new Map<string, { key: string; token: string }>();

  constructor(private readonly capacity = OPENED_ACCESS_TOKENS_CAPACITY) {}

  /** The grant's current token if this process opened it and it has not expired. */
  get(grant: CachedGrant, now = Date.now()): string | undefined {
    const entry = this.byGrant.get(grant.id);
    if (!entry) return undefined;
    // The same key is the same expiry: the row's says whether the token is still alive.
    if (entry.key !== keyOf(grant) || (grant.accessTokenExpiresAt?.getTime() ?? 0) <= now) {
      this.byGrant.delete(grant.id);
      return undefined;
    }
    return entry.token;
  }

  set(grant: CachedGrant, token: string): void {
    if (!grant.accessTokenExpiresAt) return;
    this.byGrant.delete(grant.id);
    if (this.byGrant.size >= this.capacity) {
      this.byGrant.delete(this.byGrant.keys().next().value!);
    }
    this.byGrant.set(grant.id, { key: keyOf(grant), token });
  }

  get size(): number {
    return this.byGrant.size;
  }
}

function keyOf(grant: CachedGrant): string {
  return `${grant.accessTokenEnvelopeId}:${grant.accessTokenExpiresAt?.getTime()}`;
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VerifiedIdToken } from './verified-id-token.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

const START = Date.UTC(2026, 0, 15, 12);

function claims(expSeconds: number): VerifiedIdToken {
  return {
    sub: '42',
    emailVerified: false,
    iss: 'https://accounts.google.com',
    aud: 'client',
    iat: expSeconds - 3600,
    exp: expSeconds,
  };
}

function cacheWithClock(maxEntries = 10) {
  const clock = { now: START };
  const cache = new VerifiedTokenCache({ maxEntries, now: () => clock.now });
  return { clock, cache };
}

describe(VerifiedTokenCache.name, () => {
  describe('digest', () => {
    it('is the SHA-256 of the token, never the token itself', () => {
      const { cache } = cacheWithClock();
      const token = 'header.payload.signature';

      expect(cache.digest(token)).toBe(createHash('sha256').update(token).digest('base64url'));
      expect(cache.digest(token)).not.toContain('payload');
    });
  });

  describe('get', () => {
    it('returns what was stored for the same token', () => {
      const { cache } = cacheWithClock();
      const value = claims(START / 1000 + 600);
      cache.set(cache.digest('token-a'), value);

      expect(cache.get(cache.digest('token-a'))).toBe(value);
      expect(cache.get(cache.digest('token-b'))).toBeUndefined();
    });

    it('never returns an entry at or past the token exp', () => {
      const { clock, cache } = cacheWithClock();
      cache.set(cache.digest('token-a'), claims(START / 1000 + 600));

      clock.now = START + 599_999;
      expect(cache.get(cache.digest('token-a'))).toBeDefined();
      clock.now = START + 600_000;
      expect(cache.get(cache.digest('token-a'))).toBeUndefined();
    });
  });

  describe('set', () => {
    it('does not store a token that has already expired', () => {
      const { cache } = cacheWithClock();
      cache.set(cache.digest('token-a'), claims(START / 1000));

      expect(cache.size).toBe(0);
    });

    it('keeps at most maxEntries tokens, dropping the oldest first', () => {
      const { cache } = cacheWithClock(3);
      for (const token of ['a', 'b', 'c'])
        cache.set(cache.digest(token), claims(START / 1000 + 600));
      cache.get(cache.digest('a'));
      cache.set(cache.digest('d'), claims(START / 1000 + 600));

      expect(cache.size).toBe(3);
      expect(cache.get(cache.digest('a'))).toBeUndefined();
      for (const token of ['b', 'c', 'd']) expect(cache.get(cache.digest(token))).toBeDefined();
    });

    it('stays within its bound under a long stream of new tokens', () => {
      const { cache } = cacheWithClock(50);
      for (let i = 0; i < 1_000; i += 1) {
        cache.set(cache.digest(`token-${i}`), claims(START / 1000 + 600));
        expect(cache.size).toBeLessThanOrEqual(50);
      }
      expect(cache.size).toBe(50);
      expect(cache.get(cache.digest('token-949'))).toBeUndefined();
      expect(cache.get(cache.digest('token-950'))).toBeDefined();
      expect(cache.get(cache.digest('token-999'))).toBeDefined();
    });

    it('stores a token presented twice once, keeping its place', () => {
      const { cache } = cacheWithClock(2);
      cache.set(cache.digest('a'), claims(START / 1000 + 600));
      cache.set(cache.digest('a'), claims(START / 1000 + 600));
      cache.set(cache.digest('b'), claims(START / 1000 + 600));

      expect(cache.size).toBe(2);
      expect(cache.get(cache.digest('a'))).toBeDefined();
      expect(cache.get(cache.digest('b'))).toBeDefined();
    });

    it('drops an expired entry when it is read, and stays bounded after', () => {
      const { clock, cache } = cacheWithClock(2);
      cache.set(cache.digest('a'), claims(START / 1000 + 60));
      cache.set(cache.digest('b'), claims(START / 1000 + 600));
      clock.now = START + 60_000;

      expect(cache.get(cache.digest('a'))).toBeUndefined();
      expect(cache.size).toBe(1);
      cache.set(cache.digest('c'), claims(START / 1000 + 600));
      cache.set(cache.digest('d'), claims(START / 1000 + 600));
      expect(cache.size).toBe(2);
      expect(cache.get(cache.digest('b'))).toBeUndefined();
    });
  });

  describe('attach', () => {
    it('refuses a second verifier, whose checks a hit would skip', () => {
      const { cache } = cacheWithClock();
      const first = {};
      cache.attach(first);
      cache.attach(first);

      expect(() => cache.attach({})).toThrow(/exactly one verifier/);
    });
  });

  describe('constructor', () => {
    it('refuses a non-positive size', () => {
      expect(() => new VerifiedTokenCache({ maxEntries: 0 })).toThrow(/maxEntries/);
    });
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  GoogleSigningKeys,
  freshnessSeconds,
  type GoogleSigningKeysOptions,
} from './google-signing-keys.js';
import { SigningKeyError, type SigningKeyErrorCode } from './google.errors.js';
import {
  createSigningKey,
  FakeGoogleCerts,
  type SigningKey,
} from '../../identity/src/testing/fake-google-certs.js';

const START = Date.UTC(2026, 0, 15, 12);
let certs: FakeGoogleCerts;
let current: SigningKey;
let next: SigningKey;

beforeAll(async () => {
  current = createSigningKey();
  next = createSigningKey();
  certs = await FakeGoogleCerts.start();
});
afterAll(() => certs.close());
afterEach(() => {
  certs.keys = [current];
  certs.mode = 'ok';
  certs.cacheControl = 'public, max-age=600';
  certs.age = undefined;
});

function setup(options: Partial<GoogleSigningKeysOptions> = {}) {
  certs.keys = [current];
  certs.requests = 0;
  const clock = { now: START };
  const keys = new GoogleSigningKeys({ jwksUrl: certs.jwksUrl, now: () => clock.now, ...options });
  return { clock, keys };
}

async function codeOf(promise: Promise<unknown>): Promise<SigningKeyErrorCode> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof SigningKeyError)) throw error;
  return error.code;
}

describe(GoogleSigningKeys.name, () => {
  describe('getKey', () => {
    it('fetches once and answers from memory while Cache-Control says the keys are fresh', async () => {
      const { clock, keys } = setup();
      certs.cacheControl = 'public, max-age=600, must-revalidate, no-transform';

      const key = await keys.getKey(current.kid);
      await Promise.all(Array.from({ length: 10 }, () => keys.getKey(current.kid)));
      clock.now += 599_000;
      await keys.getKey(current.kid);

      expect(key.equals(current.publicKey)).toBe(true);
      expect(certs.requests).toBe(1);
    });

    it('refetches once max-age has passed, minus the Age header', async () => {
      const { clock, keys } = setup();
      certs.cacheControl = 'max-age=600';
      certs.age = 100;
      await keys.getKey(current.kid);

      clock.now += 499_000;
      await keys.getKey(current.kid);
      expect(certs.requests).toBe(1);
      clock.now += 2_000;
      await keys.getKey(current.kid);
      expect(certs.requests).toBe(2);
    });

    it('uses the fallback max-age when there is no Cache-Control', async () => {
      const { clock, keys } = setup({ fallbackMaxAgeSeconds: 120 });
      certs.cacheControl = undefined;
      await keys.getKey(current.kid);

      clock.now += 119_000;
      await keys.getKey(current.kid);
      clock.now += 2_000;
      await keys.getKey(current.kid);

      expect(certs.requests).toBe(2);
    });

    it('treats no-store as stale after the cooldown, not on every call', async () => {
      const { clock, keys } = setup({ refetchCooldownMs: 30_000 });
      certs.cacheControl = 'no-store';
      await keys.getKey(current.kid);
      await keys.getKey(current.kid);
      expect(certs.requests).toBe(1);

      clock.now += 30_000;
      await keys.getKey(current.kid);
      expect(certs.requests).toBe(2);
    });

    it('shares one fetch between concurrent callers', async () => {
      const { keys } = setup();
      const found = await Promise.all(Array.from({ length: 20 }, () => keys.getKey(current.kid)));

      expect(new Set(found).size).toBe(1);
      expect(certs.requests).toBe(1);
    });

    it('refetches for an unknown kid at most once per cooldown', async () => {
      const { clock, keys } = setup({ refetchCooldownMs: 30_000 });
      await keys.getKey(current.kid);
      clock.now += 30_000;

      expect(await codeOf(keys.getKey('a'.repeat(40)))).toBe('unknown_kid');
      expect(await codeOf(keys.getKey('b'.repeat(40)))).toBe('unknown_kid');
      expect(certs.requests).toBe(2);
      clock.now += 30_000;
      expect(await codeOf(keys.getKey('c'.repeat(40)))).toBe('unknown_kid');
      expect(certs.requests).toBe(3);
    });

    it('finds a newly published key through the unknown-kid refetch', async () => {
      const { clock, keys } = setup();
      await keys.getKey(current.kid);
      certs.keys = [current, next];
      clock.now += 30_000;

      const key = await keys.getKey(next.kid);

      expect(key.equals(next.publicKey)).toBe(true);
    });

    it.each([
      ['a missing kid', undefined, 'unknown_kid'],
      ['a path-like kid', '../../etc/passwd', 'malformed'],
      ['a SQL-like kid', "' OR 1=1 --", 'malformed'],
      ['__proto__', '__proto__', 'malformed'],
      ['an empty kid', '', 'malformed'],
      ['a numeric kid', 42, 'malformed'],
      ['an object kid', { toString: () => 'x' }, 'malformed'],
      ['a 129-character kid', 'a'.repeat(129), 'malformed'],
    ])('refuses %s without any request', async (_name, kid, code) => {
      const { keys } = setup();

      expect(await codeOf(keys.getKey(kid))).toBe(code);
      expect(certs.requests).toBe(0);
    });

    it('never mistakes an Object.prototype member for a key', async () => {
      const { keys } = setup();

      expect(await codeOf(keys.getKey('constructor'))).toBe('unknown_kid');
      expect(await codeOf(keys.getKey('toString'))).toBe('unknown_kid');
    });

    it.each(['status-500', 'html', 'hang', 'trickle', 'bad-shape'] as const)(
      'fails with certificates_unavailable within the deadline when the endpoint answers %s',
      async (mode) => {
        const { keys } = setup({ timeoutMs: 300 });
        certs.mode = mode;
        const started = performance.now();

        expect(await codeOf(keys.getKey(current.kid))).toBe('certificates_unavailable');
        expect(performance.now() - started).toBeLessThan(1_500);
      },
    );

    it('fails with certificates_unavailable when nothing listens', async () => {
      const closed = await FakeGoogleCerts.start();
      await closed.close();
      const keys = new GoogleSigningKeys({ jwksUrl: closed.jwksUrl });

      expect(await codeOf(keys.getKey(current.kid))).toBe('certificates_unavailable');
    });

    it('does not serve stale keys when the refetch fails, and recovers afterwards', async () => {
      const { clock, keys } = setup();
      await keys.getKey(current.kid);
      clock.now += 601_000;
      certs.mode = 'status-500';

      expect(await codeOf(keys.getKey(current.kid))).toBe('certificates_unavailable');
      certs.mode = 'ok';
      expect((await keys.getKey(current.kid)).equals(current.publicKey)).toBe(true);
    });

    it('skips keys that are not 2048-bit RS256 signing keys', async () => {
      const { keys } = setup();
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
      const odd = (kid: string, jwk: object): SigningKey => ({
        ...current,
        kid,
        jwk: { ...jwk, kid },
      });
      certs.keys = [
        current,
        odd('weak', { ...weak.export({ format: 'jwk' }), alg: 'RS256' }),
        odd('ec', { ...ec.export({ format: 'jwk' }), alg: 'ES256' }),
        odd('rs512', { ...current.jwk, alg: 'RS512' }),
        odd('enc', { ...current.jwk, use: 'enc' }),
      ];

      for (const kid of ['weak', 'ec', 'rs512', 'enc']) {
        expect(await codeOf(keys.getKey(kid))).toBe('unknown_kid');
      }
      expect(await keys.getKey(current.kid)).toBeDefined();
    });

    it('fails with certificates_unavailable when no key is usable', async () => {
      const { keys } = setup();
      certs.keys = [{ ...current, jwk: { ...current.jwk, n: 'AQAB' } }];

      expect(await codeOf(keys.getKey(current.kid))).toBe('certificates_unavailable');
    });
  });

  describe('refresh', () => {
    it('warms the cache so that cachedKey answers without a fetch', async () => {
      const { keys } = setup();
      expect(keys.cachedKey(current.kid)).toBeUndefined();

      await keys.refresh();

      expect(keys.cachedKey(current.kid)?.equals(current.publicKey)).toBe(true);
      expect(certs.requests).toBe(1);
    });

    it('shares one fetch between concurrent refreshes and lookups', async () => {
      const { keys } = setup();

      await Promise.all([keys.refresh(), keys.refresh(), keys.getKey(current.kid)]);

      expect(certs.requests).toBe(1);
    });
  });

  describe('constructor', () => {
    it('refuses a URL that is not http(s)', () => {
      expect(() => new GoogleSigningKeys({ jwksUrl: 'file:///etc/passwd' })).toThrow(/http/);
    });
  });
});

describe(freshnessSeconds.name, () => {
  it.each([
    [{ 'cache-control': 'public, max-age=19856, must-revalidate, no-transform' }, 19_856],
    [{ 'cache-control': 'Max-Age=60', age: '20' }, 40],
    [{ 'cache-control': 'max-age="60"' }, 60],
    [{ 'cache-control': 'max-age=60', age: '90' }, 0],
    [{ 'cache-control': 'max-age=60, no-cache' }, 0],
    [{ 'cache-control': 'no-store' }, 0],
    [{ 'cache-control': 'public' }, 300],
    [{ 'cache-control': 'max-age=-5' }, 300],
    [{ 'cache-control': 'max-age=99999999' }, 86_400],
    [{}, 300],
  ])('reads %j as %d seconds', (headers, expected) => {
    expect(freshnessSeconds(new Headers(headers), 300)).toBe(expected);
  });
});

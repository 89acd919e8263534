import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GoogleIdTokenVerifier } from './google-id-token.verifier.js';
import { createSigningKey, FakeGoogleCerts, type SigningKey } from './testing/fake-google-certs.js';
import { rejectionOf, VerifierFixture } from './testing/verifier-fixture.js';

// The verifier together with its signing keys and its cache: Cache-Control, rotation, outages.

let certs: FakeGoogleCerts;
let oldKey: SigningKey;
let newKey: SigningKey;
let unrelated: SigningKey;

beforeAll(async () => {
  [oldKey, newKey, unrelated] = [createSigningKey(), createSigningKey(), createSigningKey()];
  certs = await FakeGoogleCerts.start();
});
afterAll(() => certs.close());
afterEach(() => {
  certs.mode = 'ok';
});

function fixture(options: ConstructorParameters<typeof VerifierFixture>[1] = {}) {
  certs.keys = [oldKey];
  certs.cacheControl = 'public, max-age=600, must-revalidate, no-transform';
  certs.requests = 0;
  return new VerifierFixture(certs, options);
}

describe(GoogleIdTokenVerifier.name, () => {
  describe('verify', () => {
    it('fetches the keys once while Cache-Control says they are fresh, again after max-age', async () => {
      const f = fixture();
      for (let i = 0; i < 5; i += 1) await f.verifier.verify(f.token(oldKey));
      f.clock.now += 599_000;
      await f.verifier.verify(f.token(oldKey));
      expect(certs.requests).toBe(1);

      f.clock.now += 2_000;
      await f.verifier.verify(f.token(oldKey));
      expect(certs.requests).toBe(2);
    });

    it('shares one key fetch among concurrent first sign-ins', async () => {
      const f = fixture();
      const tokens = Array.from({ length: 25 }, () => f.token(oldKey));

      await Promise.all(tokens.map((token) => f.verifier.verify(token)));

      expect(certs.requests).toBe(1);
    });

    it('causes zero failed sign-ins across a key rotation', async () => {
      const f = fixture();
      const failures: string[] = [];
      const signIn = async (key: SigningKey) => {
        const outcome = await f.verifier.verify(f.token(key)).catch((error: Error) => error);
        if (outcome instanceof Error) failures.push(outcome.message);
      };
      const signIns = (key: SigningKey, count: number) =>
        Promise.all(Array.from({ length: count }, () => signIn(key)));

      await signIns(oldKey, 5);
      certs.keys = [oldKey, newKey]; // Google publishes the new key before using it
      f.clock.now += 120_000;
      await signIns(oldKey, 5);
      f.clock.now += 120_000; // Google starts signing with it while our copy is still fresh
      await Promise.all([signIns(newKey, 10), signIns(oldKey, 5)]);
      certs.keys = [newKey]; // and retires the old one
      f.clock.now += 120_000;
      await signIns(newKey, 5);
      f.clock.now += 3_600_000;
      await signIns(newKey, 5);

      expect(failures).toEqual([]);
      expect(certs.requests).toBe(3);
    });

    it.each(['status-500', 'html', 'hang', 'trickle'] as const)(
      'answers certificates_unavailable within the deadline when Google answers %s',
      async (mode) => {
        const f = fixture({ keys: { timeoutMs: 300 } });
        certs.mode = mode;
        const started = performance.now();

        const error = await rejectionOf(f.verifier.verify(f.token(oldKey)));

        expect(error.code).toBe('certificates_unavailable');
        expect(performance.now() - started).toBeLessThan(1_500);
      },
    );

    it('answers certificates_unavailable once the cached keys are stale and Google fails', async () => {
      const f = fixture();
      await f.verifier.verify(f.token(oldKey));
      f.clock.now += 601_000;
      certs.mode = 'status-500';

      const error = await rejectionOf(f.verifier.verify(f.token(oldKey)));

      expect(error.code).toBe('certificates_unavailable');
    });

    it('answers a cached token without checking its signature again', async () => {
      const f = fixture();
      const token = f.token(oldKey);
      const first = await f.verifier.verify(token);
      certs.keys = [unrelated];
      f.clock.now += 700_000; // the cached keys are stale now: a full check would refetch

      const again = await f.verifier.verify(token);

      expect(again).toBe(first);
      expect(Object.isFrozen(again)).toBe(true);
      expect(certs.requests).toBe(1);
      expect((await rejectionOf(f.verifier.verify(f.token(oldKey)))).code).toBe('unknown_kid');
    });

    it('never answers from the cache past the token exp', async () => {
      const f = fixture({ verifier: { clockSkewSeconds: 0 } });
      const token = f.token(oldKey);
      await f.verifier.verify(token);
      f.clock.now += 3_600_000;

      expect((await rejectionOf(f.verifier.verify(token))).code).toBe('expired');
    });

    it('keeps the cache within its size bound', async () => {
      const f = fixture({ maxEntries: 2 });
      for (let i = 0; i < 5; i += 1) await f.verifier.verify(f.token(oldKey));

      expect(f.cache.size).toBe(2);
    });

    it('does not cache refused tokens', async () => {
      const f = fixture();
      const token = f.token(oldKey, { aud: 'other-client' });
      await rejectionOf(f.verifier.verify(token));

      expect(f.cache.size).toBe(0);
    });
  });
});

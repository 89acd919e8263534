import { createHmac, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoogleIdTokenVerifier,
  type GoogleIdTokenVerifierOptions,
} from './google-id-token.verifier.js';
import { GoogleSigningKeys } from '@grantkeeper/google';
import type { IdTokenErrorCode } from './id-token.errors.js';
import {
  createSigningKey,
  FakeGoogleCerts,
  segment,
  TEST_CLIENT_ID,
  type SigningKey,
} from './testing/fake-google-certs.js';
import { rejectionOf, START_MS, tokenLeaks, VerifierFixture } from './testing/verifier-fixture.js';

// Token structure, algorithm, key id, headers and signature: everything checked before claims.

let certs: FakeGoogleCerts;
let listener: FakeGoogleCerts;
let google: SigningKey;
let attacker: SigningKey;
const NOW_S = Math.floor(START_MS / 1000);

beforeAll(async () => {
  google = createSigningKey();
  attacker = createSigningKey();
  certs = await FakeGoogleCerts.start([google]);
  listener = await FakeGoogleCerts.start([attacker]);
});
afterAll(async () => {
  await certs.close();
  await listener.close();
});

function fixture(verifier: Partial<GoogleIdTokenVerifierOptions> = {}): VerifierFixture {
  return new VerifierFixture(certs, { verifier });
}

/** Asserts the rejection code, and that the error echoes no part of the token. */
async function expectRefused(f: VerifierFixture, token: string, code: IdTokenErrorCode) {
  const error = await rejectionOf(f.verifier.verify(token));
  expect(error.code).toBe(code);
  expect(tokenLeaks(error, token)).toEqual([]);
}

const resign = (f: VerifierFixture, header: object, claims = {}): string =>
  f.token(google, claims, header as Record<string, unknown>);

describe(GoogleIdTokenVerifier.name, () => {
  describe('constructor', () => {
    const keys = () => new GoogleSigningKeys({ jwksUrl: 'http://127.0.0.1:9/certs' });

    it.each([
      ['an empty audience list', []],
      ['a missing audience list', undefined],
      ['an empty audience', ['']],
    ])('refuses %s, which must never mean "any audience"', (_name, audiences) => {
      const options = { audiences } as unknown as GoogleIdTokenVerifierOptions;
      expect(() => new GoogleIdTokenVerifier(options, keys())).toThrow(/audience/);
    });
  });

  describe('verify', () => {
    it.each(['accounts.google.com', 'https://accounts.google.com'])(
      'accepts a valid RS256 token from issuer %s',
      async (iss) => {
        const f = fixture();
        const token = f.token(google, { iss, nonce: 'n-1', jti: 'j-1' });

        expect(await f.verifier.verify(token)).toEqual({
          sub: '110169484474386276334',
          email: 'ada@example.com',
          emailVerified: true,
          name: 'Ada Lovelace',
          givenName: 'Ada',
          familyName: 'Lovelace',
          picture: 'https://lh3.googleusercontent.com/a/photo',
          iss,
          aud: TEST_CLIENT_ID,
          azp: TEST_CLIENT_ID,
          iat: NOW_S,
          exp: NOW_S + 3600,
          nonce: 'n-1',
          jti: 'j-1',
        });
      },
    );

    it('answers with a promise on every path: rejects, never throws, whether keys are cached or fetched', async () => {
      const f = fixture();
      const first = f.token(google);
      // No key cached yet: the keys are fetched, then the token is checked.
      const fetched = f.verifier.verify(first);
      expect(fetched).toBeInstanceOf(Promise);
      expect((await fetched).sub).toBe('110169484474386276334');
      // Keys cached: checked at once, still answered through a promise.
      const cached = f.verifier.verify(f.token(google, { sub: 'other' }));
      expect(cached).toBeInstanceOf(Promise);
      expect((await cached).sub).toBe('other');
      let thrown: unknown;
      let refusal: Promise<unknown> | undefined;
      try {
        refusal = f.verifier.verify(42 as unknown as string);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeUndefined();
      expect((await rejectionOf(refusal!)).code).toBe('malformed');
      expect((await rejectionOf(f.verifier.verify(`${first}A`))).code).toBe('bad_signature');
      expect((await rejectionOf(f.verifier.verify(`${first}=`))).code).toBe('malformed');
    });

    it('refuses a token with one changed signature byte', async () => {
      const f = fixture();
      const [header, payload, signature] = f.token(google).split('.');
      const bytes = Buffer.from(signature, 'base64url');
      bytes[100] ^= 0x01;
      await expectRefused(
        f,
        `${header}.${payload}.${bytes.toString('base64url')}`,
        'bad_signature',
      );
    });

    it('refuses a changed payload even right after the genuine token passed', async () => {
      const f = fixture();
      const genuine = f.token(google);
      await f.verifier.verify(genuine);
      const [header, payload, signature] = genuine.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      const forged = segment({ ...claims, sub: 'admin' });
      // Same header segment (now remembered as decoded) and same signature: still refused.
      await expectRefused(f, `${header}.${forged}.${signature}`, 'bad_signature');
      expect(f.verifier.cached(`${header}.${forged}.${signature}`)).toBeUndefined();
    });

    it('answers cached() only for tokens it accepted, and only until they expire', async () => {
      const f = fixture();
      const token = f.token(google);
      expect(f.verifier.cached(token)).toBeUndefined();
      const claims = await f.verifier.verify(token);
      expect(f.verifier.cached(token)).toBe(claims);
      expect(f.verifier.cached(`${token}A`)).toBeUndefined();
      f.clock.now += 3600 * 1000;
      expect(f.verifier.cached(token)).toBeUndefined();
    });

    it('refuses a token whose payload was changed after signing', async () => {
      const f = fixture();
      const [header, payload, signature] = f.token(google).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      const forged = segment({ ...claims, sub: 'admin' });
      await expectRefused(f, `${header}.${forged}.${signature}`, 'bad_signature');
    });

    it('refuses a token signed by another key under a known kid', async () => {
      const f = fixture();
      const token = f.token({ ...attacker, kid: google.kid });
      await expectRefused(f, token, 'bad_signature');
    });

    it('refuses alg none without looking up any key', async () => {
      const f = fixture();
      const before = certs.requests;
      const token = `${segment({ alg: 'none', kid: google.kid })}.${segment({ sub: '1' })}.`;
      await expectRefused(f, token, 'unsupported_algorithm');
      expect(certs.requests).toBe(before);
    });

    it('refuses HS256 keyed with the public key text without looking up any key', async () => {
      const f = fixture();
      const before = certs.requests;
      const input = `${segment({ alg: 'HS256', kid: google.kid, typ: 'JWT' })}.${segment({ sub: '1' })}`;
      const mac = createHmac('sha256', google.pem).update(input).digest('base64url');
      await expectRefused(f, `${input}.${mac}`, 'unsupported_algorithm');
      expect(certs.requests).toBe(before);
    });

    it.each(['RS512', 'PS256', 'ES256', 'rs256', 'RS256 ', undefined, ['RS256']])(
      'refuses alg %j',
      async (alg) => {
        const f = fixture();
        await expectRefused(f, resign(f, { alg }), 'unsupported_algorithm');
      },
    );

    it('refuses a token with critical header extensions', async () => {
      const f = fixture();
      await expectRefused(f, resign(f, { crit: ['exp'], exp: 1 }), 'malformed');
    });

    it.each([
      ['a missing kid', undefined, 'unknown_kid'],
      ['a path-like kid', '../../etc/passwd', 'malformed'],
      ['a SQL-like kid', "' OR 1=1 --", 'malformed'],
      ['a __proto__ kid', '__proto__', 'malformed'],
    ] as const)('refuses %s with no request for keys', async (_name, kid, code) => {
      const f = fixture();
      const before = certs.requests;
      await expectRefused(f, resign(f, { kid }), code);
      expect(certs.requests).toBe(before);
    });

    it('never follows jku, x5u or jwk headers', async () => {
      const f = fixture();
      const hostile = { jku: listener.jwksUrl, x5u: listener.pemUrl, jwk: attacker.jwk };
      const genuine = f.token(google, {}, hostile);
      const forgedKnownKid = f.token({ ...attacker, kid: google.kid }, {}, hostile);
      const forgedOwnKid = f.token(attacker, {}, hostile);

      expect((await f.verifier.verify(genuine)).sub).toBe('110169484474386276334');
      await expectRefused(f, forgedKnownKid, 'bad_signature');
      f.clock.now += 60_000;
      await expectRefused(f, forgedOwnKid, 'unknown_kid');
      expect(listener.requests).toBe(0);
    });

    it.each([
      ['2 segments', (t: string) => t.split('.').slice(0, 2).join('.')],
      ['4 segments', (t: string) => `${t}.AAAA`],
      ['bad base64url', (t: string) => t.replace('.', '.=')],
      ['a null header', (t: string) => `${segment(null)}${t.slice(t.indexOf('.'))}`],
      [
        'invalid UTF-8',
        (t: string) =>
          `${Buffer.from([0xc3, 0x28]).toString('base64url')}${t.slice(t.indexOf('.'))}`,
      ],
    ])('refuses a token with %s as malformed', async (_name, mangle) => {
      const f = fixture();
      await expectRefused(f, mangle(f.token(google)), 'malformed');
    });

    it('parses the payload only once the signature holds', async () => {
      const f = fixture();
      const header = segment({ alg: 'RS256', kid: google.kid, typ: 'JWT' });
      const badUtf8 = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url');
      const signed = (payload: string) => {
        const signature = sign('sha256', Buffer.from(`${header}.${payload}`), google.privateKey);
        return `${header}.${payload}.${signature.toString('base64url')}`;
      };

      await expectRefused(
        f,
        `${header}.${badUtf8}.${f.token(google).split('.')[2]}`,
        'bad_signature',
      );
      await expectRefused(f, signed(badUtf8), 'malformed');
      await expectRefused(f, signed(segment(null)), 'malformed');
      await expectRefused(f, signed(segment([1, 2])), 'malformed');
    });

    it('refuses a token over 16 KB before parsing it or fetching keys', async () => {
      const f = fixture();
      const before = certs.requests;
      const huge = f.token(google, { padding: 'x'.repeat(16_384) });
      await expectRefused(f, huge, 'token_too_large');
      await expectRefused(f, '!'.repeat(16_385), 'token_too_large');
      expect(certs.requests).toBe(before);
    });

    it('checks the signature before any claim, so a forgery learns nothing about claims', async () => {
      const f = fixture();
      const forged = f.token(attacker, { aud: 'other', exp: NOW_S - 9999 }, { kid: google.kid });
      await expectRefused(f, forged, 'bad_signature');
    });
  });
});

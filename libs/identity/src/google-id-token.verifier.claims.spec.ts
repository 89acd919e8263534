import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GoogleIdTokenVerifier,
  type GoogleIdTokenVerifierOptions,
} from './google-id-token.verifier.js';
import type { IdTokenErrorCode } from './id-token.errors.js';
import {
  createSigningKey,
  FakeGoogleCerts,
  TEST_CLIENT_ID,
  type SigningKey,
} from './testing/fake-google-certs.js';
import { rejectionOf, START_MS, tokenLeaks, VerifierFixture } from './testing/verifier-fixture.js';

// Claim checks, run only on correctly signed tokens: issuer, audience, times, subject, domain.

let certs: FakeGoogleCerts;
let google: SigningKey;
const NOW_S = Math.floor(START_MS / 1000);

beforeAll(async () => {
  google = createSigningKey();
  certs = await FakeGoogleCerts.start([google]);
});
afterAll(() => certs.close());

function fixture(verifier: Partial<GoogleIdTokenVerifierOptions> = {}): VerifierFixture {
  return new VerifierFixture(certs, { verifier });
}

/** Asserts the rejection code, and that the error echoes no part of the token. */
async function expectRefused(f: VerifierFixture, token: string, code: IdTokenErrorCode) {
  const error = await rejectionOf(f.verifier.verify(token));
  expect(error.code).toBe(code);
  expect(tokenLeaks(error, token)).toEqual([]);
}

describe(GoogleIdTokenVerifier.name, () => {
  describe('verify', () => {
    it.each([
      [false, false],
      ['false', false],
      [undefined, false],
      [1, false],
      ['true', true],
    ])('reports email_verified %j as %s', async (claim, expected) => {
      const f = fixture();
      const result = await f.verifier.verify(f.token(google, { email_verified: claim }));
      expect(result.emailVerified).toBe(expected);
    });

    it.each([
      ['the wrong host', 'https://accounts.google.com.evil.example'],
      ['another scheme', 'http://accounts.google.com'],
      ['no issuer', undefined],
      ['an array', ['accounts.google.com']],
    ])('refuses an issuer with %s', async (_name, iss) => {
      const f = fixture();
      await expectRefused(f, f.token(google, { iss }), 'wrong_issuer');
    });

    it.each([
      ['of another client', 'other.apps.googleusercontent.com'],
      ['that is an array without ours', ['other.apps.googleusercontent.com']],
      ['that is an array with ours', [TEST_CLIENT_ID]],
      ['that is absent', undefined],
    ])('refuses an audience %s', async (_name, aud) => {
      const f = fixture();
      await expectRefused(f, f.token(google, { aud }), 'wrong_audience');
    });

    it('accepts any configured audience', async () => {
      const f = fixture({ audiences: ['web-client', TEST_CLIENT_ID] });
      expect((await f.verifier.verify(f.token(google, { aud: 'web-client' }))).aud).toBe(
        'web-client',
      );
    });

    it.each([
      ['expired beyond the skew', { exp: NOW_S - 301 }, 'expired'],
      [
        'issued beyond the skew in the future',
        { iat: NOW_S + 301, exp: NOW_S + 3900 },
        'not_yet_valid',
      ],
      ['not valid before a time beyond the skew', { nbf: NOW_S + 301 }, 'not_yet_valid'],
      ['living over 24 hours', { exp: NOW_S + 86_401 }, 'lifetime_too_long'],
    ] as const)('refuses a token %s', async (_name, claims, code) => {
      const f = fixture();
      await expectRefused(f, f.token(google, claims), code);
    });

    it.each([
      ['expired within the skew', { exp: NOW_S - 299 }],
      ['issued within the skew in the future', { iat: NOW_S + 299, exp: NOW_S + 3899 }],
      ['not valid before a time within the skew', { nbf: NOW_S + 299 }],
      ['living exactly 24 hours', { exp: NOW_S + 86_400 }],
    ])('accepts a token %s', async (_name, claims) => {
      const f = fixture();
      expect((await f.verifier.verify(f.token(google, claims))).sub).toBeTruthy();
    });

    it.each([
      ['a string exp', { exp: String(NOW_S + 3600) }],
      ['a null exp', { exp: null }],
      ['a missing exp', { exp: undefined }],
      ['a string iat', { iat: String(NOW_S) }],
      ['a null iat', { iat: null }],
      ['a boolean nbf', { nbf: true }],
      ['a null nbf', { nbf: null }],
    ])('refuses %s as malformed', async (_name, claims) => {
      const f = fixture();
      await expectRefused(f, f.token(google, claims), 'malformed');
    });

    it.each([undefined, '', 42])('refuses a subject %j', async (sub) => {
      const f = fixture();
      await expectRefused(f, f.token(google, { sub }), 'missing_subject');
    });

    it('refuses a profile claim of the wrong type', async () => {
      const f = fixture();
      await expectRefused(f, f.token(google, { email: ['ada@example.com'] }), 'malformed');
    });

    it('accepts an azp that is one of our clients, or no azp', async () => {
      const f = fixture({ audiences: [TEST_CLIENT_ID, 'android-client'] });
      expect((await f.verifier.verify(f.token(google, { azp: 'android-client' }))).azp).toBe(
        'android-client',
      );
      expect((await f.verifier.verify(f.token(google, { azp: undefined }))).azp).toBeUndefined();
    });

    it.each([
      ['another project', 'attacker.apps.googleusercontent.com'],
      ['an empty string', ''],
      ['a prototype key', '__proto__'],
    ])('refuses an azp of %s though the audience is ours', async (_name, azp) => {
      const f = fixture();
      await expectRefused(f, f.token(google, { azp }), 'azp_mismatch');
    });

    it('refuses an azp that is not a string as malformed', async () => {
      const f = fixture();
      await expectRefused(f, f.token(google, { azp: [TEST_CLIENT_ID] }), 'malformed');
    });

    const SERVICE_ACCOUNT_ID = '102101073929889221006';
    it.each([
      ['an iam.gserviceaccount.com address', { email: 'robot@project.iam.gserviceaccount.com' }],
      ['a Compute Engine default account', { email: '123-compute@developer.gserviceaccount.com' }],
      ['an App Engine default account', { email: 'project@appspot.gserviceaccount.com' }],
      ['an address in capitals', { email: 'ROBOT@PROJECT.IAM.GSERVICEACCOUNT.COM' }],
      ['the metadata server claim', { google: { compute_engine: { project_id: 'p' } } }],
      ['itself as azp', { sub: SERVICE_ACCOUNT_ID, azp: SERVICE_ACCOUNT_ID, email: undefined }],
    ])('refuses a service account named by %s', async (_name, claims) => {
      const f = fixture();
      await expectRefused(f, f.token(google, claims), 'service_account_not_allowed');
    });

    it('accepts a service account, with itself as azp, when configured to', async () => {
      const f = fixture({ allowServiceAccounts: true });
      const token = f.token(google, {
        sub: SERVICE_ACCOUNT_ID,
        azp: SERVICE_ACCOUNT_ID,
        email: 'robot@project.iam.gserviceaccount.com',
      });
      expect(await f.verifier.verify(token)).toMatchObject({
        sub: SERVICE_ACCOUNT_ID,
        azp: SERVICE_ACCOUNT_ID,
      });
    });

    it("refuses an allowed service account's token obtained by another client", async () => {
      const f = fixture({ allowServiceAccounts: true });
      const token = f.token(google, {
        email: 'robot@project.iam.gserviceaccount.com',
        azp: 'attacker.apps.googleusercontent.com',
      });
      await expectRefused(f, token, 'azp_mismatch');
    });

    it('does not take a person for a service account', async () => {
      const f = fixture();
      const token = f.token(google, { email: 'ada@gserviceaccount.com.evil.example' });
      expect((await f.verifier.verify(token)).email).toBe('ada@gserviceaccount.com.evil.example');
    });

    it('enforces the hosted domain when one is configured', async () => {
      const f = fixture({ hostedDomain: 'example.com' });
      expect((await f.verifier.verify(f.token(google, { hd: 'example.com' }))).hd).toBe(
        'example.com',
      );
      await expectRefused(f, f.token(google, { hd: 'evil.example' }), 'wrong_hosted_domain');
      await expectRefused(f, f.token(google, { hd: undefined }), 'wrong_hosted_domain');
    });

    it('accepts any or no hosted domain when none is configured', async () => {
      const f = fixture();
      expect((await f.verifier.verify(f.token(google, { hd: 'example.com' }))).hd).toBe(
        'example.com',
      );
    });
  });
});

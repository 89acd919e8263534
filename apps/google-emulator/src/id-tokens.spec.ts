import { createPublicKey, verify } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_ISSUER, IdTokens } from './id-tokens.js';
import { SigningKeys } from './signing-keys.js';
import { DEFAULT_TEST_USER, TEST_USERS } from './test-users.js';

const CLIENT = 'client-1.apps.googleusercontent.com';

function decode(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header = '', payload = ''] = token.split('.');
  const json = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;
  return { header: json(header), payload: json(payload) };
}

describe(IdTokens.name, () => {
  let keys: SigningKeys;
  let tokens: IdTokens;

  beforeEach(async () => {
    keys = await SigningKeys.create();
    tokens = new IdTokens(
      keys,
      () => 3600,
      () => 'http://localhost:4400',
    );
  });

  describe('claimsFor', () => {
    it("gives Google's claims for a consumer account", () => {
      const claims = tokens.claimsFor({
        user: DEFAULT_TEST_USER,
        clientId: CLIENT,
        issuedAt: 1_000_000,
      });
      expect(claims).toEqual({
        iss: GOOGLE_ISSUER,
        azp: CLIENT,
        aud: CLIENT,
        sub: DEFAULT_TEST_USER.sub,
        email: 'alice@example.com',
        email_verified: true,
        nbf: 999_700,
        name: 'Alice Example',
        picture: `http://localhost:4400/avatars/${DEFAULT_TEST_USER.sub}.svg`,
        given_name: 'Alice',
        family_name: 'Example',
        iat: 1_000_000,
        exp: 1_003_600,
        jti: expect.stringMatching(/^[0-9a-f]{40}$/) as unknown,
      });
      expect(DEFAULT_TEST_USER.sub).toMatch(/^\d{21}$/);
    });

    it('adds hd only for a Workspace account and nonce only when given', () => {
      const bob = TEST_USERS.find((user) => user.email === 'bob@corp.example')!;
      expect(tokens.claimsFor({ user: bob, clientId: CLIENT, nonce: 'n-1' })).toMatchObject({
        hd: 'corp.example',
        nonce: 'n-1',
      });
      const alice = tokens.claimsFor({ user: DEFAULT_TEST_USER, clientId: CLIENT });
      expect(Object.keys(alice)).not.toContain('hd');
      expect(Object.keys(alice)).not.toContain('nonce');
    });

    it("reports Carol's unverified email", () => {
      const carol = TEST_USERS.find((user) => user.email === 'carol@example.net')!;
      expect(tokens.claimsFor({ user: carol, clientId: CLIENT }).email_verified).toBe(false);
    });
  });

  describe('sign', () => {
    it('signs RS256 with the current key, verifiable against its JWK with node:crypto', () => {
      const token = tokens.forUser({ user: DEFAULT_TEST_USER, clientId: CLIENT });
      const [header = '', payload = '', signature = ''] = token.split('.');
      expect(decode(token).header).toEqual({ alg: 'RS256', kid: keys.signingKey.kid, typ: 'JWT' });
      const publicKey = createPublicKey({ key: keys.signingKey.jwk, format: 'jwk' });
      const data = Buffer.from(`${header}.${payload}`);
      expect(verify('sha256', data, publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
      expect(
        verify(
          'sha256',
          Buffer.from(`${header}.x${payload}`),
          publicKey,
          Buffer.from(signature, 'base64url'),
        ),
      ).toBe(false);
    });

    it('drops claims and header fields given as null and merges header fields', () => {
      const token = tokens.sign(
        { sub: '1', email: null },
        { kid: null, alg: 'HS256', jku: 'http://x' },
      );
      const { header, payload } = decode(token);
      expect(payload).toEqual({ sub: '1' });
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT', jku: 'http://x' });
    });
  });
});

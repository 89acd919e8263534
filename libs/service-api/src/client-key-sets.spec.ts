import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwksUriProblem, publicJwkSetProblem } from './client-key-sets.js';

const publicJwk = (type: 'ec' | 'ed25519' | 'rsa', kid?: string) => {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return { jwk: { ...pair.publicKey.export({ format: 'jwk' }), kid }, pair };
};

describe('publicJwkSetProblem', () => {
  it('accepts P-256, Ed25519 and RSA public keys with distinct kids', () => {
    const keys = [
      publicJwk('ec', 'a').jwk,
      publicJwk('ed25519', 'b').jwk,
      publicJwk('rsa', 'c').jwk,
    ];
    expect(publicJwkSetProblem({ keys })).toBeUndefined();
    expect(publicJwkSetProblem({ keys: [publicJwk('ec').jwk] })).toBeUndefined();
  });

  it('refuses a private key, naming the members to remove', () => {
    const { pair } = publicJwk('ec', 'a');
    const privateJwk = { ...pair.privateKey.export({ format: 'jwk' }), kid: 'a' };
    expect(publicJwkSetProblem({ keys: [privateJwk] })).toMatch(/public keys only: remove d/);
  });

  it.each([
    ['not an object', 'keys'],
    ['an empty set', { keys: [] }],
    ['a symmetric key', { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }],
    ['a duplicate kid', { keys: [publicJwk('ec', 'x').jwk, publicJwk('ec', 'x').jwk] }],
    ['two keys without kids', { keys: [publicJwk('ec').jwk, publicJwk('ec').jwk] }],
    ['an encryption key', { keys: [{ ...publicJwk('ec').jwk, use: 'enc' }] }],
    ['a broken key', { keys: [{ ...publicJwk('ec').jwk, x: 'AAAA' }] }],
  ])('refuses %s', (_what, value) => {
    expect(publicJwkSetProblem(value)).toBeDefined();
  });
});

describe('jwksUriProblem', () => {
  it('takes http outside production and https only in production', () => {
    expect(jwksUriProblem('http://keys.internal/jwks.json', false)).toBeUndefined();
    expect(jwksUriProblem('http://keys.internal/jwks.json', true)).toBe('jwksUri must be https');
    expect(jwksUriProblem('https://keys.example.com/jwks.json', true)).toBeUndefined();
  });

  it.each(['not a url', 'ftp://example.com/jwks', 'https://u:p@example.com/jwks', 42])(
    'refuses %j',
    (value) => {
      expect(jwksUriProblem(value, false)).toBeDefined();
    },
  );
});

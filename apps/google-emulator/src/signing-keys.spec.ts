import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from './emulator.errors.js';
import { SigningKeys, createSigningKey } from './signing-keys.js';

describe('createSigningKey', () => {
  it('makes an RSA 2048 key with a 40-hex kid and a matching RS256 JWK', async () => {
    const key = await createSigningKey();
    expect(key.kid).toMatch(/^[0-9a-f]{40}$/);
    expect(key.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.jwk).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: key.kid,
      e: 'AQAB',
    });
    const fromJwk = createPublicKey({ key: key.jwk, format: 'jwk' });
    expect(fromJwk.equals(key.publicKey)).toBe(true);
  });
});

describe(SigningKeys.name, () => {
  it('starts with one key that signs and is published', async () => {
    const keys = await SigningKeys.create();
    expect(keys.state()).toEqual({
      current_kid: keys.signingKey.kid,
      published_kids: [keys.signingKey.kid],
    });
  });

  it('publishes, then activates, then retires, like a Google rotation', async () => {
    const keys = await SigningKeys.create();
    const first = keys.signingKey.kid;

    const published = await keys.rotate('publish');
    const next = published.published_kids[1];
    expect(published).toEqual({ current_kid: first, published_kids: [first, next] });

    expect(await keys.rotate('activate')).toEqual({
      current_kid: next,
      published_kids: [first, next],
    });
    expect(await keys.rotate('retire')).toEqual({ current_kid: next, published_kids: [next] });
  });

  it('publishes and activates at once when no step is given', async () => {
    const keys = await SigningKeys.create();
    const first = keys.signingKey.kid;
    const state = await keys.rotate();
    expect(state.current_kid).not.toBe(first);
    expect(state.published_kids).toEqual([first, state.current_kid]);
  });

  it('refuses to activate when no next key was published', async () => {
    const keys = await SigningKeys.create();
    await expect(keys.rotate('activate')).rejects.toBeInstanceOf(EmulatorError);
  });

  it('resets to a single fresh key', async () => {
    const keys = await SigningKeys.create();
    const before = keys.state();
    await keys.rotate('publish');
    await keys.reset();
    const after = keys.state();
    expect(after.published_kids).toEqual([after.current_kid]);
    expect(after.current_kid).not.toBe(before.current_kid);
  });
});

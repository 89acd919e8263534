import { createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Keyring } from './keyring.js';
import { VaultError } from './vault.errors.js';

const material = () => randomBytes(32);
const entry = (version: number, bytes = material()) => ({ version, key: createSecretKey(bytes) });

function refusal(work: () => unknown): VaultError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    return error as VaultError;
  }
  throw new Error('expected a VaultError');
}

describe(Keyring.name, () => {
  it('serves every configured version and names the active one', () => {
    const keyring = new Keyring([entry(2), entry(1)], 2);
    expect(keyring.versions).toEqual([1, 2]);
    expect(keyring.activeVersion).toBe(2);
    expect(keyring.active).toBe(keyring.get(2));
    expect(keyring.has(1)).toBe(true);
    expect(keyring.has(3)).toBe(false);
  });

  it('answers unknown_key_version for a version it does not hold', () => {
    expect(refusal(() => new Keyring([entry(1)], 1).get(7))).toMatchObject({
      code: 'unknown_key_version',
      message: 'Key version 7 is not in the keyring',
    });
  });

  it.each([
    ['no keys', () => new Keyring([], 1), /no keys/],
    ['a short key', () => new Keyring([entry(1, randomBytes(16))], 1), /version 1 must be a 32/],
    ['a duplicate version', () => new Keyring([entry(1), entry(1)], 1), /more than once/],
    ['version 0', () => new Keyring([entry(0)], 0), /positive integers/],
    ['an active version not configured', () => new Keyring([entry(1)], 2), /active key version 2/],
  ])('refuses %s with invalid_keyring', (_, build, reason) => {
    const error = refusal(build);
    expect(error.code).toBe('invalid_keyring');
    expect(error.message).toMatch(reason);
  });

  it('refuses a key that is not a symmetric secret', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(refusal(() => new Keyring([{ version: 1, key: privateKey }], 1)).code).toBe(
      'invalid_keyring',
    );
  });

  it('never shows key material in errors, inspection or JSON', () => {
    const bytes = material();
    const keyring = new Keyring([entry(1, bytes)], 1);
    const shown = [
      inspect(keyring, { depth: 5, showHidden: true }),
      JSON.stringify(keyring),
      refusal(() => new Keyring([entry(1, bytes)], 9)).message,
    ].join('\n');
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(shown).not.toContain(bytes.toString(encoding));
    }
  });
});

import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type EnvelopeBinding, EnvelopeCipher, type SealedEnvelope } from './envelope-cipher.js';
import { Keyring } from './keyring.js';
import { VaultError } from './vault.errors.js';

const SECRET = '1//0g-refresh-token-for-the-test';
const binding: EnvelopeBinding = { purpose: 'google_refresh_token', owner: 'grant:42' };
const kek = () => createSecretKey(randomBytes(32));

function keyring(versions: Record<number, ReturnType<typeof kek>>, active: number): Keyring {
  return new Keyring(
    Object.entries(versions).map(([version, key]) => ({ version: Number(version), key })),
    active,
  );
}

function integrityFailure(work: () => unknown): VaultError {
  let result: unknown;
  try {
    result = work();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('integrity_failure');
    expect((error as VaultError).message).not.toContain(SECRET);
    return error as VaultError;
  }
  throw new Error(`expected integrity_failure, got ${typeof result}`);
}

const BYTE_FIELDS = [
  'nonce',
  'ciphertext',
  'tag',
  'wrappedDataKey',
  'dataKeyNonce',
  'dataKeyTag',
] as const satisfies readonly (keyof SealedEnvelope)[];

describe(EnvelopeCipher.name, () => {
  const v1 = kek();
  const cipher = new EnvelopeCipher(keyring({ 1: v1 }, 1));
  const id = randomUUID();

  describe('seal', () => {
    it('round-trips any UTF-8 text, including the empty string', () => {
      for (const text of [SECRET, '', 'ünïcødé 🔑', 'x'.repeat(10_000)]) {
        expect(cipher.open(id, cipher.seal(id, text, binding), binding)).toBe(text);
      }
    });

    it('uses 96-bit nonces, 128-bit tags and the active key version', () => {
      const sealed = cipher.seal(id, SECRET, binding);
      expect(sealed.nonce).toHaveLength(12);
      expect(sealed.tag).toHaveLength(16);
      expect(sealed.dataKeyNonce).toHaveLength(12);
      expect(sealed.dataKeyTag).toHaveLength(16);
      expect(sealed.wrappedDataKey).toHaveLength(32);
      expect(sealed.kekVersion).toBe(1);
      expect(sealed.ciphertext.includes(Buffer.from(SECRET))).toBe(false);
    });

    it('gives different nonces, data keys and ciphertexts for equal plaintexts', () => {
      const [a, b] = [cipher.seal(id, SECRET, binding), cipher.seal(id, SECRET, binding)];
      for (const field of BYTE_FIELDS) expect(a[field].equals(b[field])).toBe(false);
    });
  });

  describe('open', () => {
    const sealed = cipher.seal(id, SECRET, binding);

    it.each(BYTE_FIELDS)('refuses any flipped bit in %s', (field) => {
      const length = sealed[field].length;
      for (const bit of [0, 7, length * 4 + 3, length * 8 - 1]) {
        const bytes = Buffer.from(sealed[field]);
        bytes[bit >> 3] ^= 1 << (bit & 7);
        integrityFailure(() => cipher.open(id, { ...sealed, [field]: bytes }, binding));
      }
    });

    it('refuses a flipped bit in the key version, known or not', () => {
      const both = new EnvelopeCipher(keyring({ 1: v1, 3: kek() }, 1));
      const copy = both.seal(id, SECRET, binding);
      for (const kekVersion of [3, 1 ^ (1 << 30)]) {
        integrityFailure(() => both.open(id, { ...copy, kekVersion }, binding));
      }
    });

    it('refuses truncated or extended nonces and tags', () => {
      integrityFailure(() =>
        cipher.open(id, { ...sealed, tag: sealed.tag.subarray(0, 12) }, binding),
      );
      integrityFailure(() =>
        cipher.open(
          id,
          { ...sealed, nonce: Buffer.concat([sealed.nonce, Buffer.alloc(1)]) },
          binding,
        ),
      );
    });

    it('refuses another owner, another purpose or another envelope id', () => {
      integrityFailure(() => cipher.open(id, sealed, { ...binding, owner: 'grant:43' }));
      integrityFailure(() => cipher.open(id, sealed, { ...binding, purpose: 'access_token' }));
      integrityFailure(() => cipher.open(randomUUID(), sealed, binding));
    });

    it('keeps binding fields apart: moving a character between them fails', () => {
      const split = { purpose: 'ab', owner: 'c' };
      const other = cipher.seal(id, SECRET, split);
      integrityFailure(() => cipher.open(id, other, { purpose: 'a', owner: 'bc' }));
    });

    it('refuses a wrong KEK under a known version', () => {
      const impostor = new EnvelopeCipher(keyring({ 1: kek() }, 1));
      integrityFailure(() => impostor.open(id, sealed, binding));
    });

    it('refuses a key version the keyring does not hold', () => {
      const later = new EnvelopeCipher(keyring({ 2: kek() }, 2));
      expect(integrityFailure(() => later.open(id, sealed, binding)).message).toMatch(
        /key version 1, which is not in the keyring/,
      );
    });
  });

  describe('rewrap', () => {
    it('moves the data key to the active version and leaves the sealed secret as it was', () => {
      const rotated = new EnvelopeCipher(keyring({ 1: v1, 2: kek() }, 2));
      const sealed = cipher.seal(id, SECRET, binding);
      const rewrapped = { ...sealed, ...rotated.rewrap(id, sealed) };
      expect(rewrapped.kekVersion).toBe(2);
      expect(rewrapped.wrappedDataKey.equals(sealed.wrappedDataKey)).toBe(false);
      expect(rewrapped.ciphertext).toBe(sealed.ciphertext);
      expect(rotated.open(id, rewrapped, binding)).toBe(SECRET);
      integrityFailure(() => cipher.open(id, { ...rewrapped, kekVersion: 1 }, binding));
    });

    it('refuses to rewrap a tampered data key instead of re-encrypting it', () => {
      const rotated = new EnvelopeCipher(keyring({ 1: v1, 2: kek() }, 2));
      const sealed = cipher.seal(id, SECRET, binding);
      const tag = Buffer.from(sealed.dataKeyTag);
      tag[0] ^= 1;
      integrityFailure(() => rotated.rewrap(id, { ...sealed, dataKeyTag: tag }));
    });
  });
});

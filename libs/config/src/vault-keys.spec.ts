import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseVaultKeys } from './vault-keys.js';

const key = (bytes = 32) => randomBytes(bytes).toString('base64url');

describe(parseVaultKeys.name, () => {
  it('reads versioned keys as 32-byte KeyObjects, in any order, spaces allowed', () => {
    const keys = parseVaultKeys(` 2:${key()} , 1:${key()} `);
    expect(keys.map((k) => k.version)).toEqual([2, 1]);
    for (const { key: object } of keys) {
      expect(object.type).toBe('secret');
      expect(object.symmetricKeySize).toBe(32);
    }
  });

  it.each([
    ['an empty list', () => ' , ', /no keys given/],
    ['a missing version', () => key(), /entry 1 is not `version:base64url-key`/],
    ['a non-base64url key', () => `1:${key()}+/=`, /entry 1 is not/],
    ['version 0', () => `0:${key()}`, /entry 1: the version must be an integer/],
    ['a short key', () => `1:${key(16)}`, /version 1: the key must be 32 bytes .*it has 16/],
    ['a long key', () => `1:${key(33)}`, /version 1: the key must be 32 bytes .*it has 33/],
    ['a duplicate version', () => `1:${key()},1:${key()}`, /version 1 is given more than once/],
  ])('refuses %s with a message that contains no key text', (_, value, reason) => {
    const text = value();
    let message = '';
    try {
      parseVaultKeys(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(reason);
    for (const part of text.split(/[,:]/).filter((p) => p.trim().length > 8)) {
      expect(message).not.toContain(part.trim());
    }
  });
});

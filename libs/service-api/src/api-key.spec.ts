import { describe, expect, it } from 'vitest';
import { issueApiKey, parseApiKey, sameHash } from './api-key.js';

describe('API keys', () => {
  it('have the gk_<env>_ shape, a 384-bit secret and a checksum that parses back', () => {
    const issued = issueApiKey('live');
    expect(issued.key).toMatch(/^gk_live_[0-9A-Za-z]{71}$/);
    const parsed = parseApiKey(issued.key);
    expect(parsed?.env).toBe('live');
    expect(parsed?.lookupPrefix).toBe(issued.lookupPrefix);
    expect(sameHash(parsed?.secretHash ?? Buffer.alloc(0), issued.secretHash)).toBe(true);
  });

  it('are all different, and their hashes never contain them', () => {
    const keys = Array.from({ length: 200 }, () => issueApiKey('test'));
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.lookupPrefix)).size).toBe(200);
    for (const { key, secretHash } of keys.slice(0, 5)) {
      expect(secretHash).toHaveLength(32);
      expect(secretHash.toString('hex')).not.toContain(Buffer.from(key).toString('hex'));
    }
  });

  it('refuses a key with one character changed (the checksum catches typos)', () => {
    const { key } = issueApiKey('test');
    const at = 20;
    const typo = key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1);
    expect(parseApiKey(typo)).toBeUndefined();
  });

  it.each([
    '',
    'gk_test_',
    'gk_TEST_abc',
    'Bearer gk_test_x',
    'ya29.a0AfH6SM',
    `gk_test_${'0'.repeat(200)}`,
  ])('refuses %j as not a key', (candidate) => {
    expect(parseApiKey(candidate)).toBeUndefined();
  });

  it('compares hashes of different lengths as different without throwing', () => {
    expect(sameHash(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
  });
});

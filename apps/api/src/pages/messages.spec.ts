import { describe, expect, it } from 'vitest';
import { de, en, pickLanguage } from './messages.js';

describe('pickLanguage', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['DE-ch;q=0.5', 'de'],
    ['fr, de;q=0.8', 'de'],
    ['en;q=0.5, de;q=0.6', 'de'],
    ['de;q=0.6, en;q=0.6', 'de'],
    [['fr', 'de-DE'], 'de'],
    ['en-US', 'en'],
    ['de;q=0.5, en;q=0.6', 'en'],
    ['fr', 'en'],
    ['*', 'en'],
    ['de;q=0', 'en'],
    ['de;q=2', 'en'],
    ['de;q=abc', 'en'],
    ['deutsch', 'en'],
    ['d e', 'en'],
    [';;,,', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [`${'de,'.repeat(400)}`, 'en'],
  ] as const)('%j → %s', (header, expected) => {
    expect(pickLanguage(header as string | string[] | undefined)).toBe(expected);
  });
});

describe('the catalogue', () => {
  it('ships German for every key English has, and different words', () => {
    const keys = (value: object): string[] =>
      Object.entries(value).flatMap(([key, inner]) =>
        inner !== null && typeof inner === 'object'
          ? keys(inner as object).map((k) => `${key}.${k}`)
          : [key],
      );
    expect(keys(de)).toEqual(keys(en));
    expect(de.signIn.heading).not.toBe(en.signIn.heading);
    expect(de.lang).toBe('de');
  });
});

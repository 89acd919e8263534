import { describe, expect, it } from 'vitest';
import { assertReturnOrigins, matchesReturnOrigin, returnLocation } from './return-origins.js';

describe('assertReturnOrigins', () => {
  it('keeps https origins, and http ones outside production or for localhost', () => {
    expect(assertReturnOrigins(['https://a.example', 'https://b.example:8443'], true)).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(assertReturnOrigins(['http://localhost:4000'], true)).toEqual(['http://localhost:4000']);
    expect(assertReturnOrigins(['http://staging.example'], false)).toEqual([
      'http://staging.example',
    ]);
  });

  it.each([
    ['http://app.example', true],
    ['https://app.example/', false],
    ['https://app.example/path', false],
    ['https://user@app.example', false],
    ['ftp://app.example', false],
    ['app.example', false],
    ['https://APP.example', false],
  ])('refuses %j (production: %s) with invalid_return_origin', (origin, production) => {
    expect(() => assertReturnOrigins([origin], production)).toThrow(
      expect.objectContaining({ code: 'invalid_return_origin' }),
    );
  });
});

describe('matchesReturnOrigin', () => {
  const origins = ['https://app.example', 'http://localhost:4000'];

  it('accepts URLs at a registered origin', () => {
    expect(matchesReturnOrigin('https://app.example/settings?x=1#top', origins)).toBe(true);
    expect(matchesReturnOrigin('http://localhost:4000/', origins)).toBe(true);
  });

  it.each([
    'https://app.example.evil.test/',
    'https://app.example:444/',
    'http://app.example/',
    'https://user:pw@app.example/',
    '//app.example/x',
    '/relative',
    'javascript:alert(1)',
    'https://',
  ])('refuses %j', (url) => {
    expect(matchesReturnOrigin(url, origins)).toBe(false);
  });
});

describe('returnLocation', () => {
  it('adds the request and its status to the query, keeping what was there', () => {
    expect(returnLocation('https://app.example/s?tab=mail', 'abc', 'completed')).toBe(
      'https://app.example/s?tab=mail&consent_request=abc&status=completed',
    );
  });
});

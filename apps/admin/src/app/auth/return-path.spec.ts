import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path inside the dashboard', () => {
    expect(safeReturnPath('/users/1f0c?tab=grant')).toBe('/users/1f0c?tab=grant');
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/users\r\nSet-Cookie: x',
    '/sign-in?returnTo=/sign-in',
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});

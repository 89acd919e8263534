import { describe, expect, it } from 'vitest';
import { fullScope } from './scope-name.js';

describe('fullScope', () => {
  it.each([
    ['gmail.send', 'https://www.googleapis.com/auth/gmail.send'],
    [' drive ', 'https://www.googleapis.com/auth/drive'],
    ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.send'],
    ['openid', 'openid'],
    ['email', 'email'],
    ['scope:b', 'scope:b'],
    ['https://mail.google.com/', 'https://mail.google.com/'],
  ])('reads %j as %j', (typed, scope) => {
    expect(fullScope(typed)).toBe(scope);
  });
});

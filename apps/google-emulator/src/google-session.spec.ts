import { describe, expect, it } from 'vitest';
import {
  SESSION_COOKIE,
  parseCookies,
  readSession,
  rememberChoice,
  sessionSetCookie,
} from './google-session.js';
import { TEST_USERS } from './test-users.js';

const [alice, ada] = TEST_USERS;

describe('google session cookie', () => {
  it('round-trips through Set-Cookie and Cookie', () => {
    const session = rememberChoice(rememberChoice([], alice.sub, 'a'), ada.sub, 'b');
    const cookie = sessionSetCookie(session, false).split(';')[0];
    expect(readSession(`other=1; ${cookie}`)).toEqual([
      { sub: ada.sub, approved: ['b'] },
      { sub: alice.sub, approved: ['a'] },
    ]);
  });

  it('moves the chosen account first and adds the client once', () => {
    const session = rememberChoice(
      [
        { sub: ada.sub, approved: [] },
        { sub: alice.sub, approved: ['a'] },
      ],
      alice.sub,
      'a',
    );
    expect(session).toEqual([
      { sub: alice.sub, approved: ['a'] },
      { sub: ada.sub, approved: [] },
    ]);
  });

  it('treats a tampered or unknown-account cookie as no session', () => {
    expect(readSession(`${SESSION_COOKIE}=%%%`)).toEqual([]);
    const forged = Buffer.from(JSON.stringify([{ sub: '999', approved: [] }])).toString(
      'base64url',
    );
    expect(readSession(`${SESSION_COOKIE}=${forged}`)).toEqual([]);
    expect(readSession(undefined)).toEqual([]);
  });

  it('is SameSite=None; Secure over https, as third-party iframes need', () => {
    expect(sessionSetCookie([], true)).toMatch(/; HttpOnly; SameSite=None; Secure$/);
  });

  it('parses cookie headers, first value winning', () => {
    expect([...parseCookies('a=1; b=x=y; a=2; junk')]).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { missingScopes, normaliseScopes } from './scopes.js';

const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';

describe('normaliseScopes', () => {
  it('spells email and profile as Google does in token responses, sorted and unique', () => {
    expect(normaliseScopes(['email', EMAIL, ' openid ', GMAIL_SEND, 'profile', ''])).toEqual([
      GMAIL_SEND,
      EMAIL,
      'https://www.googleapis.com/auth/userinfo.profile',
      'openid',
    ]);
  });
});

describe('missingScopes', () => {
  it('lists what the grant lacks, whatever the spelling on either side', () => {
    expect(missingScopes([EMAIL, 'openid'], ['email', GMAIL_SEND])).toEqual([GMAIL_SEND]);
    expect(missingScopes([EMAIL, GMAIL_SEND], ['email', GMAIL_SEND])).toEqual([]);
  });
});

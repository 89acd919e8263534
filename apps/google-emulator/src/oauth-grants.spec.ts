import { beforeEach, describe, expect, it } from 'vitest';
import { type NewCode, OAuthGrants, REFRESH_TOKEN_LIMIT } from './oauth-grants.js';

const SUB = '100000000000000000001';
const CLIENT = 'web.apps.googleusercontent.com';
const newCode = (overrides: Partial<NewCode> = {}): NewCode => ({
  sub: SUB,
  clientId: CLIENT,
  redirectUri: 'postmessage',
  scopes: ['openid'],
  codeChallengeMethod: 'plain',
  offline: true,
  issueRefreshToken: true,
  ...overrides,
});

describe(OAuthGrants.name, () => {
  let now: number;
  let grants: OAuthGrants;

  beforeEach(() => {
    now = 1_700_000_000_000;
    grants = new OAuthGrants({
      accessTokenLifetimeSeconds: () => 3600,
      codeLifetimeSeconds: () => 600,
      now: () => now,
    });
  });

  describe('consent', () => {
    it('remembers scopes per user and client, reporting the first consent', () => {
      expect(grants.grantedScopes(SUB, CLIENT)).toBeUndefined();
      expect(grants.consent(SUB, CLIENT, ['openid'])).toEqual({ first: true });
      expect(grants.consent(SUB, CLIENT, ['openid', 'https://mail.google.com/'])).toEqual({
        first: false,
      });
      expect(grants.grantedScopes(SUB, CLIENT)).toEqual(['openid', 'https://mail.google.com/']);
      expect(grants.grantedScopes(SUB, 'other')).toBeUndefined();
    });
  });

  describe('codes', () => {
    it('issues Google-shaped codes that can be consumed once', () => {
      const code = grants.issueCode(newCode());
      expect(code.code).toMatch(/^4\/0[\w-]{50,}$/);
      expect(grants.findCode(code.code)).toEqual({ status: 'ok', code });
      grants.consumeCode(code);
      expect(grants.findCode(code.code)).toEqual({ status: 'used' });
      expect(grants.findCode('4/0nope')).toEqual({ status: 'unknown' });
    });

    it('expires codes after the code lifetime', () => {
      const code = grants.issueCode(newCode());
      now += 599_999;
      expect(grants.findCode(code.code).status).toBe('ok');
      now += 1;
      expect(grants.findCode(code.code).status).toBe('expired');
    });
  });

  describe('tokens', () => {
    it('issues ya29. access tokens that expire after the access-token lifetime', () => {
      const token = grants.issueAccessToken(SUB, CLIENT, ['openid'], false);
      expect(token.token).toMatch(/^ya29\.[\w-]{100,}$/);
      expect(token.expiresAt).toBe(now + 3_600_000);
      now += 3_599_999;
      expect(grants.findAccessToken(token.token)).toBe(token);
      now += 1;
      expect(grants.findAccessToken(token.token)).toBeUndefined();
    });

    it('issues 1// refresh tokens only for an existing grant', () => {
      expect(grants.issueRefreshToken(SUB, CLIENT)).toBeUndefined();
      grants.consent(SUB, CLIENT, ['openid']);
      const refresh = grants.issueRefreshToken(SUB, CLIENT);
      expect(refresh?.token).toMatch(/^1\/\/0[\w-]{90,}$/);
      expect(grants.findRefreshToken(refresh?.token ?? '')).toEqual(refresh);
    });

    it(`keeps at most ${REFRESH_TOKEN_LIMIT} refresh tokens per user and client, killing the oldest`, () => {
      grants.consent(SUB, CLIENT, ['openid']);
      grants.consent(SUB, 'other', ['openid']);
      const other = grants.issueRefreshToken(SUB, 'other');
      const issued = Array.from(
        { length: REFRESH_TOKEN_LIMIT + 1 },
        () => grants.issueRefreshToken(SUB, CLIENT)?.token ?? '',
      );
      expect(grants.findRefreshToken(issued[0] ?? '')).toBeUndefined();
      expect(grants.findRefreshToken(issued[1] ?? '')).toBeDefined();
      expect(grants.findRefreshToken(issued.at(-1) ?? '')).toBeDefined();
      expect(grants.findRefreshToken(other?.token ?? '')).toBeDefined();
      expect(grants.list().find((g) => g.client_id === CLIENT)?.refresh_tokens).toBe(100);
    });
  });

  describe('revocation', () => {
    const grantWithTokens = (clientId = CLIENT) => {
      grants.consent(SUB, clientId, ['openid']);
      return {
        refresh: grants.issueRefreshToken(SUB, clientId)?.token ?? '',
        access: grants.issueAccessToken(SUB, clientId, ['openid'], true).token,
        code: grants.issueCode(newCode({ clientId })).code,
      };
    };

    it.each(['access', 'refresh'] as const)(
      'ends the whole grant when its %s token is revoked',
      (which) => {
        const tokens = grantWithTokens();
        const kept = grantWithTokens('other');
        expect(grants.revokeToken(tokens[which])).toBe(true);
        expect(grants.findRefreshToken(tokens.refresh)).toBeUndefined();
        expect(grants.findAccessToken(tokens.access)).toBeUndefined();
        expect(grants.findCode(tokens.code).status).toBe('unknown');
        expect(grants.grantedScopes(SUB, CLIENT)).toBeUndefined();
        expect(grants.findRefreshToken(kept.refresh)).toBeDefined();
        expect(grants.revokeToken(tokens[which])).toBe(false);
      },
    );

    it('ends every grant of a user, or only one client’s', () => {
      const a = grantWithTokens();
      const b = grantWithTokens('other');
      expect(grants.revokeUser(SUB, 'other')).toBe(1);
      expect(grants.findRefreshToken(b.refresh)).toBeUndefined();
      expect(grants.findRefreshToken(a.refresh)).toBeDefined();
      expect(grants.revokeUser(SUB)).toBe(1);
      expect(grants.list()).toEqual([]);
    });
  });

  it('lists grants with scopes and live token counts, and clears everything', () => {
    grants.consent(SUB, CLIENT, ['openid', 'https://mail.google.com/']);
    const refresh = grants.issueRefreshToken(SUB, CLIENT);
    const access = grants.issueAccessToken(SUB, CLIENT, ['openid'], true);
    expect(grants.list()).toEqual([
      {
        sub: SUB,
        client_id: CLIENT,
        scopes: ['https://mail.google.com/', 'openid'],
        refresh_tokens: 1,
        access_tokens: 1,
        refresh_token_values: [refresh?.token],
        access_token_values: [access.token],
      },
    ]);
    now += 3_600_000;
    expect(grants.list()[0]).toMatchObject({ access_tokens: 0, access_token_values: [] });
    grants.clear();
    expect(grants.list()).toEqual([]);
  });
});

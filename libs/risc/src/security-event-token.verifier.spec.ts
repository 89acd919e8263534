import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { GoogleHttpClient, RiscSigningKeys } from '@grantkeeper/google';
import { exportJWK, type JWTPayload, SignJWT } from 'jose';
import { MockAgent } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { RiscError } from './risc.errors.js';
import { RISC_EVENT_TYPES } from './risc-event-types.js';
import { SecurityEventTokenVerifier } from './security-event-token.verifier.js';

const ISSUER = 'https://accounts.google.com/';
const CLIENT = 'web.apps.googleusercontent.com';
const KID = 'a'.repeat(40);
const CONFIG_URL = 'https://accounts.example/.well-known/risc-configuration';
const JWKS_URL = 'https://keys.example/certs';

let privateKey: KeyObject;
let jwks: unknown;

// Google's two documents, answered by undici's MockAgent in place of the network.
function googleHttp(failing: 'none' | 'config' | 'keys' = 'none'): GoogleHttpClient {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const headers = { 'content-type': 'application/json', 'cache-control': 'max-age=300' };
  for (const [url, failed, body] of [
    [CONFIG_URL, failing === 'config', () => ({ issuer: ISSUER, jwks_uri: JWKS_URL })],
    [JWKS_URL, failing === 'keys', () => jwks],
  ] as const) {
    const { origin, pathname } = new URL(url);
    const interceptor = agent.get(origin).intercept({ path: pathname, method: 'GET' });
    if (failed) interceptor.reply(503, 'down').persist();
    else interceptor.reply(200, () => JSON.stringify(body()), { headers }).persist();
  }
  return new GoogleHttpClient({ timeoutMs: 1000, dispatcher: agent });
}

function verifier(failing?: 'config' | 'keys'): SecurityEventTokenVerifier {
  const keys = new RiscSigningKeys({
    configurationUrl: CONFIG_URL,
    issuer: ISSUER,
    timeoutMs: 1000,
    refetchCooldownMs: 0,
    http: googleHttp(failing),
  });
  return new SecurityEventTokenVerifier({ issuer: ISSUER, audiences: [CLIENT] }, keys);
}

function sign(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'secevent+jwt', ...header })
    .sign(privateKey);
}

const event = (name: keyof typeof RISC_EVENT_TYPES, body: Record<string, unknown>) => ({
  iss: ISSUER,
  aud: CLIENT,
  iat: Math.floor(Date.now() / 1000),
  jti: 'jti-1',
  events: { [RISC_EVENT_TYPES[name]]: body },
});
const account = { subject: { subject_type: 'iss-sub', iss: ISSUER, sub: '1001' } };

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RiscError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a RiscError');
}

describe(SecurityEventTokenVerifier.name, () => {
  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  });

  describe('verify', () => {
    it('returns the event, its account and reason, with keys found through the configuration', async () => {
      const token = await sign(event('account-disabled', { ...account, reason: 'hijacking' }));
      await expect(verifier().verify(token)).resolves.toMatchObject({
        jti: 'jti-1',
        event: 'account-disabled',
        subject: { kind: 'account', sub: '1001' },
        reason: 'hijacking',
      });
    });

    it("reads token-revoked's refresh-token subject", async () => {
      const subject = {
        subject_type: 'oauth_token',
        token_type: 'refresh_token',
        token_identifier_alg: 'hash_base64_sha512_sha512',
        token: 'abc==',
      };
      const verified = await verifier().verify(await sign(event('token-revoked', { subject })));
      expect(verified.subject).toEqual({
        kind: 'refresh_token',
        alg: 'hash_base64_sha512_sha512',
        identifier: 'abc==',
      });
    });

    it('refuses HS256 keyed with anything before looking up a key', async () => {
      const hs = await new SignJWT(event('sessions-revoked', account))
        .setProtectedHeader({ alg: 'HS256', kid: KID })
        .sign(new TextEncoder().encode('x'.repeat(32)));
      expect(await reason(verifier().verify(hs))).toMatch(/RS256/);
    });

    it.each([
      ['wrong issuer', { iss: 'https://accounts.google.com' }, /issuer/],
      ['wrong audience', { aud: 'other' }, /audience/],
      ['an iat in the future', { iat: Math.floor(Date.now() / 1000) + 301 + 60 }, /future/],
      ['a missing jti', { jti: undefined }, /jti/],
    ])('refuses %s', async (_name, overrides, expected) => {
      const token = await sign({ ...event('sessions-revoked', account), ...overrides });
      expect(await reason(verifier().verify(token))).toMatch(expected);
    });

    it('refuses a subject of another issuer and a subject-less account event', async () => {
      const foreign = { subject: { subject_type: 'iss-sub', iss: 'https://evil/', sub: '1' } };
      expect(
        await reason(verifier().verify(await sign(event('sessions-revoked', foreign)))),
      ).toMatch(/another issuer/);
      expect(await reason(verifier().verify(await sign(event('sessions-revoked', {}))))).toMatch(
        /no subject/,
      );
    });

    it('accepts a verification event without a subject', async () => {
      const token = await sign(event('verification', { state: 'abc' }));
      await expect(verifier().verify(token)).resolves.toMatchObject({ subject: { kind: 'none' } });
    });

    it('refuses an unknown kid, and non-strings', async () => {
      const token = await sign(event('sessions-revoked', account), { kid: 'b'.repeat(40) });
      expect(await reason(verifier().verify(token))).toMatch(/unknown signing key/);
      expect(await reason(verifier().verify({ token }))).toMatch(/not a JWT/);
    });

    it.each(['config', 'keys'] as const)(
      'says certificates_unavailable when the %s cannot be fetched',
      async (failing) => {
        const token = await sign(event('sessions-revoked', account));
        expect(await reason(verifier(failing).verify(token))).toMatch(/^certificates_unavailable/);
      },
    );
  });
});

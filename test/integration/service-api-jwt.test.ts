// private_key_jwt client credentials (RFC 7523) as another team's service uses them: keys an
// admin registered (inline or at a URL), POST /api/v1/oauth/token with every refusal, and the
// access token it gives calling the service API like an API key.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceWorker } from '../../libs/scheduler/src/maintenance.worker.js';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  adminCall,
  registerServiceClient,
  serviceCall,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { eventually } from '../support/eventually.js';
import { request } from '../support/http-client.js';
import {
  accessToken,
  assertion,
  JWT_BEARER,
  newSigner,
  requestToken,
  serveJwks,
  type Signer,
  tokenEndpoint,
} from '../support/jwt-client.js';
import {
  authorizationCode,
  GMAIL_SEND,
  postCode,
  signInAs,
} from '../support/offline-access-client.js';

const PURPOSES = [{ id: 'weekly-digest', feature: 'Your weekly digest by email' }];

describe('Service API: private_key_jwt client credentials', () => {
  let api: ApiUnderTest;
  let admin: string;
  let aliceId: string;
  let es256: Signer;
  let rs256: Signer;
  let ps256: Signer;
  let eddsa: Signer;
  let clientId: string;

  const newClient = (name: string, extra: Record<string, unknown>) =>
    registerServiceClient(api, admin, name, { purposes: PURPOSES, ...extra });
  const call = (path: string, bearer: string, json?: unknown) =>
    serviceCall(api, bearer, path, json);
  const issueForAlice = (bearer: string) =>
    call('tokens', bearer, {
      user: { id: aliceId },
      scopes: [GMAIL_SEND],
      purpose: 'weekly-digest',
    });
  const refusedWith = async (
    clientAssertion: string,
    status: number,
    code: string,
    extra: Record<string, string> = {},
  ) => {
    const answer = await requestToken(api, clientAssertion, extra);
    expect([answer.status, answer.body.error], answer.text).toEqual([status, code]);
    expect(answer.text).not.toContain(clientAssertion);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    if (status === 401) {
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_client"');
    }
    return answer;
  };

  beforeAll(async () => {
    // Every token request counts against the sign-in limit of the one test address.
    api = await startApiUnderTest({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await signInAdmin(api);
    const alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    [es256, rs256, ps256, eddsa] = await Promise.all([
      newSigner('ES256'),
      newSigner('RS256'),
      newSigner('PS256'),
      newSigner('EdDSA'),
    ]);
    clientId = await newClient('jwt-newsletter', {
      jwks: { keys: [es256.jwk, rs256.jwk, ps256.jwk, eddsa.jwk] },
    });
  });
  afterAll(() => api.close());

  describe('registration', () => {
    it('shows the public keys and the JWT API scopes, and audits them by kid', async () => {
      const detail = await adminCall<{
        client: { jwks: { keys: Array<{ kid: string }> }; jwksUri: null; jwtApiScopes: string[] };
      }>(api, admin, `service-clients/${clientId}`);
      expect(detail.body.client.jwks.keys.map((key) => key.kid)).toEqual([
        es256.kid,
        rs256.kid,
        ps256.kid,
        eddsa.kid,
      ]);
      expect(detail.body.client.jwksUri).toBeNull();
      expect(detail.body.client.jwtApiScopes).toEqual(['tokens:issue', 'grants:read']);
      const [event] = await api.db.query<{ details: { jwks_kids: string[] } }>(
        `SELECT details FROM audit_events WHERE action = 'service_client.created'
          AND details->>'client_id' = $1`,
        [clientId],
      );
      expect(event.details.jwks_kids).toEqual([es256.kid, rs256.kid, ps256.kid, eddsa.kid]);
    });

    it('refuses private or symmetric keys, weak RSA keys, both key sources, and bad URLs', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const privateJwk = await exportJWK(privateKey);
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
        format: 'jwk',
      });
      for (const [what, extra] of [
        ['a private EC key', { jwks: { keys: [{ ...privateJwk, kid: 'a' }] } }],
        ['an HMAC secret', { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'h' }] } }],
        ['a 1024-bit RSA key', { jwks: { keys: [{ ...weak, kid: 'w' }] } }],
        ['a P-384 key', { jwks: { keys: [{ ...es256.jwk, crv: 'P-384' }] } }],
        ['no keys', { jwks: { keys: [] } }],
        [
          'two keys without kids',
          {
            jwks: {
              keys: [
                { ...es256.jwk, kid: undefined },
                { ...rs256.jwk, kid: undefined },
              ],
            },
          },
        ],
        ['an encryption key', { jwks: { keys: [{ ...es256.jwk, use: 'enc' }] } }],
        ['a URL with credentials', { jwksUri: 'https://user:pw@example.com/jwks' }],
        ['a URL that is not http', { jwksUri: 'file:///etc/passwd' }],
        ['an unknown API scope', { jwtApiScopes: ['admin:all'] }],
      ] as const) {
        const refused = await adminCall(api, admin, 'service-clients', {
          json: {
            name: `refused-${randomUUID()}`,
            team: 'tt',
            contact: 'ccc',
            allowedScopes: [],
            purposes: [],
            ...extra,
          },
        });
        expect([what, refused.status, refused.body.error]).toEqual([
          what,
          400,
          'validation_failed',
        ]);
        expect(refused.text).not.toContain(String(privateJwk.d));
      }
      const both = await adminCall(api, admin, `service-clients/${clientId}`, {
        method: 'PATCH',
        json: { jwks: { keys: [es256.jwk] }, jwksUri: 'https://example.com/jwks' },
      });
      expect([both.status, both.body.error]).toEqual([400, 'validation_failed']);
      // One of them with the other as null (as the dashboard's form sends them): one wins.
      const registered = await adminCall<{ client: { jwks: unknown } }>(
        api,
        admin,
        `service-clients/${clientId}`,
      );
      const asUrl = await adminCall<{ jwks: unknown; jwksUri: string }>(
        api,
        admin,
        `service-clients/${clientId}`,
        { method: 'PATCH', json: { jwks: null, jwksUri: 'https://example.com/jwks' } },
      );
      expect([asUrl.status, asUrl.body.jwks, asUrl.body.jwksUri]).toEqual([
        200,
        null,
        'https://example.com/jwks',
      ]);
      const inline = await adminCall<{ jwks: { keys: unknown[] }; jwksUri: unknown }>(
        api,
        admin,
        `service-clients/${clientId}`,
        { method: 'PATCH', json: { jwks: { keys: [es256.jwk] }, jwksUri: null } },
      );
      expect([inline.status, inline.body.jwks?.keys.length, inline.body.jwksUri]).toEqual([
        200,
        1,
        null,
      ]);
      const restored = await adminCall(api, admin, `service-clients/${clientId}`, {
        method: 'PATCH',
        json: { jwks: registered.body.client.jwks },
      });
      expect(restored.status).toBe(200);
    });
  });

  describe('POST /api/v1/oauth/token', () => {
    it('gives a gkat_ token for an assertion signed by a registered key, and it issues Google tokens', async () => {
      const signed = await assertion(api, es256, clientId);
      const answer = await requestToken(api, signed);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('pragma')).toBe('no-cache');
      expect(answer.body).toEqual({
        access_token: expect.stringMatching(/^gkat_test_[0-9A-Za-z]{71}$/) as string,
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'tokens:issue grants:read',
      });
      const token = answer.body.access_token;
      const issued = await issueForAlice(token);
      expect(issued.status, issued.text).toBe(200);
      const [stored] = await api.db.query<{ id: string; expires_at: Date; assertion_kid: string }>(
        'SELECT * FROM service_access_tokens WHERE client_id = $1',
        [clientId],
      );
      expect(stored.assertion_kid).toBe(es256.kid);
      expect(stored.expires_at.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
      // The disclosure names the access token, not an API key.
      const [disclosure] = await api.db.query<Record<string, unknown>>(
        'SELECT * FROM disclosures WHERE id = $1',
        [(issued.body as { disclosure_id: string }).disclosure_id],
      );
      expect(disclosure).toMatchObject({ key_id: null, access_token_id: stored.id });
      const admins = await adminCall<{ items: Array<{ accessTokenId: string | null }> }>(
        api,
        admin,
        `disclosures?clientId=${clientId}`,
      );
      expect(admins.body.items[0].accessTokenId).toBe(stored.id);
      // Stored as a hash only, and the assertion nowhere.
      const everything = JSON.stringify([
        await api.db.query('SELECT * FROM service_access_tokens'),
        await api.db.query('SELECT * FROM service_assertion_jtis'),
        await api.db.query('SELECT * FROM disclosures'),
        await api.db.query('SELECT * FROM audit_events'),
      ]);
      expect(everything).not.toContain(token.slice(10));
      expect(everything).not.toContain(signed.split('.')[2]);
    });

    it.each([
      ['RS256', () => rs256],
      ['PS256', () => ps256],
      ['EdDSA', () => eddsa],
    ])('accepts an assertion signed with %s, sent as JSON', async (_alg, signer) => {
      const answer = await requestToken(api, await assertion(api, signer(), clientId), {}, true);
      expect(answer.status, answer.text).toBe(200);
    });

    it('accepts the issuer (PUBLIC_URL) as the audience, as RFC 7523bis asks', async () => {
      const answer = await requestToken(
        api,
        await assertion(api, es256, clientId, { claims: { aud: api.url } }),
      );
      expect(answer.status, answer.text).toBe(200);
    });

    it('refuses a replayed jti, also when two copies race', async () => {
      const once = await assertion(api, es256, clientId);
      expect((await requestToken(api, once)).status).toBe(200);
      await refusedWith(once, 401, 'invalid_client');
      const raced = await assertion(api, es256, clientId);
      const answers = await Promise.all(Array.from({ length: 4 }, () => requestToken(api, raced)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401]);
    });

    it.each([
      ['an exp more than 5 minutes ahead', { exp: Math.floor(Date.now() / 1000) + 3600 }],
      ['an expired assertion', { exp: Math.floor(Date.now() / 1000) - 120 }],
      ['no exp', { exp: undefined }],
      ['no jti', { jti: undefined }],
      ['an nbf in the future', { nbf: Math.floor(Date.now() / 1000) + 600 }],
      ['an iat in the future', { iat: Math.floor(Date.now() / 1000) + 600 }],
      ['another audience', { aud: 'https://elsewhere.example.com/token' }],
      ['our token endpoint on another host', { aud: 'http://evil.example.com/api/v1/oauth/token' }],
      ['no audience', { aud: undefined }],
      ['another subject', { sub: '00000000-0000-0000-0000-000000000000' }],
      ['an unknown issuer', { iss: '00000000-0000-0000-0000-000000000000', sub: undefined }],
      ['an issuer that is no id', { iss: 'newsletter' }],
    ])('refuses %s (401 invalid_client)', async (_what, claims) => {
      await refusedWith(await assertion(api, es256, clientId, { claims }), 401, 'invalid_client');
    });

    it('refuses another client’s assertion signed with our key (iss and sub its id)', async () => {
      const other = await newClient('jwt-other', { jwks: { keys: [(await newSigner()).jwk] } });
      const claims = { iss: other, sub: other };
      await refusedWith(await assertion(api, es256, clientId, { claims }), 401, 'invalid_client');
    });

    it('refuses alg none, HS256, an unknown kid and a changed signature', async () => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: clientId,
        sub: clientId,
        aud: tokenEndpoint(api),
        jti: randomUUID(),
        exp: now + 60,
      };
      const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
      const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
      await refusedWith(none, 401, 'invalid_client');
      // An HMAC "signed" with the public key's text: the classic key-confusion attack.
      const hs256 = await new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', kid: es256.kid })
        .sign(new TextEncoder().encode(JSON.stringify(es256.jwk)));
      await refusedWith(hs256, 401, 'invalid_client');
      const stranger = await newSigner('ES256');
      await refusedWith(await assertion(api, stranger, clientId), 401, 'invalid_client');
      const forged = await assertion(api, { ...stranger, kid: es256.kid }, clientId);
      await refusedWith(forged, 401, 'invalid_client');
      const signed = await assertion(api, es256, clientId);
      const flipped = signed.slice(0, -4) + (signed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      await refusedWith(flipped, 401, 'invalid_client');
      await refusedWith('not.a.jwt', 401, 'invalid_client');
    });

    it('answers RFC 6749 §5.2 codes to malformed requests', async () => {
      const valid = () => assertion(api, es256, clientId);
      await refusedWith(await valid(), 400, 'unsupported_grant_type', { grant_type: 'password' });
      await refusedWith(await valid(), 400, 'invalid_request', { client_assertion_type: 'x' });
      await refusedWith(await valid(), 400, 'invalid_request', { client_secret: 'hunter2' });
      await refusedWith(await valid(), 401, 'invalid_client', { client_id: randomUUID() });
      await refusedWith(await valid(), 400, 'invalid_scope', { scope: 'tokens:issue admin' });
      const missing = await request(tokenEndpoint(api), { form: { scope: 'x' } });
      expect([missing.status, missing.body.error]).toEqual([400, 'invalid_request']);
      // A parameter given twice.
      const signed = await valid();
      const twice = await request(tokenEndpoint(api), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&grant_type=client_credentials&client_assertion_type=${encodeURIComponent(JWT_BEARER)}&client_assertion=${signed}`,
      });
      expect([twice.status, twice.body.error]).toEqual([400, 'invalid_request']);
      // The assertion in the URL, where logs keep it.
      const inQuery = await request(`${tokenEndpoint(api)}?client_assertion=${await valid()}`, {
        form: { grant_type: 'client_credentials' },
      });
      expect([inQuery.status, inQuery.body.error]).toEqual([400, 'invalid_request']);
      const huge = await requestToken(api, 'a'.repeat(20_000));
      expect([huge.status, huge.body.error]).toEqual([400, 'invalid_request']);
    });

    it('narrows the token to the scope asked for: without grants:read, lookups are 403', async () => {
      const token = await accessToken(api, es256, clientId, { scope: 'tokens:issue' });
      expect((await issueForAlice(token)).status).toBe(200);
      const lookup = await serviceCall(api, token, 'grants');
      expect([lookup.status, lookup.body.error]).toEqual([403, 'insufficient_api_scope']);
    });

    it('gives only the client’s JWT API scopes, and refuses a scope beyond them', async () => {
      const reader = await newClient('jwt-reader', {
        jwks: { keys: [es256.jwk] },
        jwtApiScopes: ['grants:read'],
      });
      const answer = await requestToken(api, await assertion(api, es256, reader));
      expect(answer.body.scope).toBe('grants:read');
      const issued = await issueForAlice(answer.body.access_token);
      expect([issued.status, issued.body.error]).toEqual([403, 'insufficient_api_scope']);
      await refusedWith(await assertion(api, es256, reader), 400, 'invalid_scope', {
        scope: 'tokens:issue',
      });
    });

    it('refuses a client without keys, and callers outside the IP allowlist', async () => {
      const keyless = await newClient('jwt-keyless', {});
      await refusedWith(await assertion(api, es256, keyless), 401, 'invalid_client');
      const fenced = await newClient('jwt-fenced', {
        jwks: { keys: [es256.jwk] },
        ipAllowlist: ['10.0.0.0/8'],
      });
      await refusedWith(await assertion(api, es256, fenced), 403, 'address_not_allowed');
    });

    it('stops a suspended client’s tokens and assertions within seconds', async () => {
      const client = await newClient('jwt-short-lived', { jwks: { keys: [es256.jwk] } });
      const token = await accessToken(api, es256, client);
      expect((await issueForAlice(token)).status).toBe(200);
      const suspended = await adminCall(api, admin, `service-clients/${client}`, {
        method: 'PATCH',
        json: { status: 'suspended' },
      });
      expect(suspended.status).toBe(200);
      const started = Date.now();
      const refused = await eventually(
        () => issueForAlice(token),
        (response) => response.status === 401,
        10_000,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(refused.body.error).toBe('invalid_credentials');
      await refusedWith(await assertion(api, es256, client), 401, 'invalid_client');
    });

    it('refuses an expired token, and the purge job deletes it and the used jtis', async () => {
      const client = await newClient('jwt-expiring', { jwks: { keys: [es256.jwk] } });
      const token = await accessToken(api, es256, client);
      await api.db.query(
        `UPDATE service_access_tokens SET expires_at = now() - interval '1 second' WHERE client_id = $1`,
        [client],
      );
      await api.db.query(
        `UPDATE service_assertion_jtis SET expires_at = now() - interval '1 second' WHERE client_id = $1`,
        [client],
      );
      const refused = await eventually(
        () => issueForAlice(token),
        (response) => response.status === 401,
        10_000,
      );
      expect(refused.body.error).toBe('invalid_credentials');
      const counts = await api.app.get(MaintenanceWorker).purge();
      expect(counts.serviceTokensPurged).toBeGreaterThanOrEqual(2);
      const left = await api.db.query(
        `SELECT 1 FROM service_access_tokens WHERE client_id = $1
         UNION ALL SELECT 1 FROM service_assertion_jtis WHERE client_id = $1`,
        [client],
      );
      expect(left).toEqual([]);
      // Live ones stay.
      expect(
        (await api.db.query('SELECT 1 FROM service_access_tokens WHERE client_id = $1', [clientId]))
          .length,
      ).toBeGreaterThan(0);
    });
  });

  describe('a JWK set at a URL', () => {
    it('verifies with the keys it serves, and follows a rotation to a new kid', async () => {
      const first = await newSigner('ES256');
      const second = await newSigner('RS256');
      const jwks = await serveJwks([first.jwk]);
      try {
        const client = await newClient('jwt-remote', { jwksUri: jwks.url });
        const detail = await adminCall<{ client: { jwksUri: string; jwks: null } }>(
          api,
          admin,
          `service-clients/${client}`,
        );
        expect(detail.body.client).toMatchObject({ jwksUri: jwks.url, jwks: null });
        expect((await requestToken(api, await assertion(api, first, client))).status).toBe(200);
        expect((await requestToken(api, await assertion(api, first, client))).status).toBe(200);
        expect(jwks.fetches()).toBe(1); // cached
        // The service publishes its new key and starts signing with it.
        jwks.keys = [second.jwk];
        const rotated = await eventually(
          async () => requestToken(api, await assertion(api, second, client)),
          (answer) => answer.status === 200,
          15_000,
        );
        expect(rotated.status).toBe(200);
        await refusedWith(await assertion(api, first, client), 401, 'invalid_client');
        // The URL gone: refused, not a 500.
        await jwks.close();
        const unknown = await newSigner('ES256');
        await refusedWith(await assertion(api, unknown, client), 401, 'invalid_client');
      } finally {
        await jwks.close().catch(() => undefined);
      }
    }, 30_000);
  });

  it('counts token requests against the sign-in limit (429 with Retry-After)', async () => {
    await api.restartApi({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1' });
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await requestToken(api, await assertion(api, es256, clientId)));
    }
    const limited = answers.at(-1)!;
    expect([limited.status, limited.body.error]).toEqual([429, 'rate_limited']);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

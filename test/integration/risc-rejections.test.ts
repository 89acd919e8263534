import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_SUB,
  type ApiUnderTest,
  startApiUnderTest,
  WEB_CLIENT_ID,
} from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import {
  deliverRiscEvent,
  mintRiscToken,
  postToReceiver,
  signClaims,
} from '../support/risc-client.js';

const ISSUER = 'https://accounts.google.com/';
const SESSIONS_REVOKED = 'https://schemas.openid.net/secevent/risc/event-type/sessions-revoked';

const setClaims = (overrides: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: WEB_CLIENT_ID,
  iat: Math.floor(Date.now() / 1000),
  jti: `j-${Math.random().toString(36).slice(2)}`,
  events: {
    [SESSIONS_REVOKED]: { subject: { subject_type: 'iss-sub', iss: ISSUER, sub: ALICE_SUB } },
  },
  ...overrides,
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Everything POST /risc/events must refuse with 400 invalid_security_event (never 500, never the
// token echoed back), and the 503 when Google's keys can't be fetched.
describe('RISC receiver rejections', () => {
  let api: ApiUnderTest;
  let kid: string;

  const expectRejected = async (body: string, reason: RegExp, contentType?: string) => {
    const response = await postToReceiver(api, body, contentType);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_security_event' });
    expect(String(response.body.message)).toMatch(reason);
    if (body.length > 10) expect(response.text).not.toContain(body.slice(0, 20));
  };

  beforeAll(async () => {
    api = await startApiUnderTest();
    kid = ((await request(`${api.emulatorUrl}/__control/keys`)).body as { current_kid: string })
      .current_kid;
  });
  afterAll(() => api.close());

  it('accepts a genuine token posted as application/jwt too', async () => {
    const token = await mintRiscToken(api, { event: 'verification', sub: ALICE_SUB });
    expect((await postToReceiver(api, token, 'application/jwt')).status).toBe(202);
  });

  it('refuses a token signed by another key under a known kid', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(setClaims())
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'secevent+jwt' })
      .sign(privateKey);
    await expectRejected(forged, /bad signature/);
  });

  it('refuses alg none', async () => {
    await expectRejected(`${b64({ alg: 'none', kid })}.${b64(setClaims())}.`, /RS256/);
  });

  it('refuses a token with one payload character changed', async () => {
    const token = await mintRiscToken(api, { event: 'sessions-revoked', sub: ALICE_SUB });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const at = Math.floor(payload.length / 2);
    const flipped = payload[at] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload.slice(0, at)}${flipped}${payload.slice(at + 1)}.${signature}`;
    await expectRejected(tampered, /bad signature|malformed/);
  });

  it('refuses a token of an unknown kid', async () => {
    await expectRejected(
      await signClaims(api, setClaims(), { kid: 'f'.repeat(40) }),
      /signing key/,
    );
  });

  it('refuses another issuer, and a Google ID token (issuer without the slash)', async () => {
    await expectRejected(
      await signClaims(api, setClaims({ iss: 'https://evil.example/' })),
      /issuer/,
    );
    await expectRejected(await api.mintIdToken(), /issuer/);
  });

  it('refuses another audience', async () => {
    const token = await mintRiscToken(api, {
      event: 'sessions-revoked',
      sub: ALICE_SUB,
      client_id: 'someone-else.apps.googleusercontent.com',
    });
    await expectRejected(token, /audience/);
  });

  it('refuses an unknown event type, two events, and no events', async () => {
    const subject = { subject: { subject_type: 'iss-sub', iss: ISSUER, sub: ALICE_SUB } };
    const unknown = setClaims({ events: { 'https://example.com/event/account-stolen': subject } });
    await expectRejected(await signClaims(api, unknown), /unknown event type/);
    const two = setClaims({
      events: { [SESSIONS_REVOKED]: subject, [`${SESSIONS_REVOKED}x`]: subject },
    });
    await expectRejected(await signClaims(api, two), /exactly one event/);
    await expectRejected(await signClaims(api, setClaims({ events: null })), /events/);
  });

  it('refuses a token issued in the future beyond the skew, and one without jti', async () => {
    const future = setClaims({ iat: Math.floor(Date.now() / 1000) + 3600 });
    await expectRejected(await signClaims(api, future), /future/);
    await expectRejected(await signClaims(api, setClaims({ jti: null })), /jti/);
  });

  it('refuses bodies that are not a JWT', async () => {
    await expectRejected('hello', /malformed|not a JWT/);
    await expectRejected('a.b.c', /malformed/);
    await expectRejected('', /not a JWT/);
    await expectRejected(JSON.stringify({ token: 'x' }), /not a JWT/, 'application/json');
    const text = await postToReceiver(api, 'hello', 'text/plain');
    expect(text.status).toBe(415);
  });
});

describe('RISC receiver without Google keys', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(() => api.close());

  // In this order: once read, the configuration is cached, and the keys with it.
  it.each([
    ['the RISC configuration', '/.well-known/risc-configuration'],
    ['the JWKS endpoint', '/oauth2/v3/certs'],
  ])('answers 503 when %s fails, and Google redelivers', async (_name, path) => {
    await api.control('faults', { path, status: 500, times: 0 });
    const failed = await deliverRiscEvent(api, { event: 'sessions-revoked', sub: ALICE_SUB });
    expect(failed.status).toBe(503);
    await request(`${api.emulatorUrl}/__control/faults`, { method: 'DELETE' });
  });
});

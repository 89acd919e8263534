import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request, setCookies } from '../support/http-client.js';

const now = () => Math.floor(Date.now() / 1000);

describe('Rejected sign-ins over HTTP', () => {
  let api: ApiUnderTest;
  const signIn = (credential: string) =>
    request(`${api.url}/auth/google/id-token`, { json: { credential } });

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  const cases: Array<[string, () => Promise<string>, string]> = [
    [
      'a changed signature byte',
      async () => flipSignature(await api.mintIdToken()),
      'bad_signature',
    ],
    [
      'another client audience',
      () => api.mintIdToken({ aud: 'other.apps.googleusercontent.com' }),
      'wrong_audience',
    ],
    [
      'an audience array',
      async () => api.mintIdToken({ aud: ['other.apps.googleusercontent.com'] }),
      'wrong_audience',
    ],
    ['no audience', () => api.mintIdToken({ aud: null }), 'wrong_audience'],
    ['a foreign issuer', () => api.mintIdToken({ iss: 'https://evil.example' }), 'wrong_issuer'],
    [
      'expiry beyond the skew',
      () => api.mintIdToken({ iat: now() - 7200, exp: now() - 600 }),
      'expired',
    ],
    [
      'issue time in the future',
      () => api.mintIdToken({ iat: now() + 900, exp: now() + 3600 }),
      'not_yet_valid',
    ],
    [
      'a lifetime over 24 h',
      () => api.mintIdToken({ iat: now(), exp: now() + 25 * 3600 }),
      'lifetime_too_long',
    ],
    ['a string expiry', () => api.mintIdToken({ exp: String(now() + 3600) }), 'malformed'],
    ['no subject', () => api.mintIdToken({ sub: null }), 'missing_subject'],
    ['alg none in the header', () => api.mintIdToken({}, { alg: 'none' }), 'unsupported_algorithm'],
    [
      'an unknown kid',
      () => api.mintIdToken({}, { kid: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
      'unknown_kid',
    ],
    [
      'two segments',
      async () => (await api.mintIdToken()).split('.').slice(0, 2).join('.'),
      'malformed',
    ],
    ['garbage', () => Promise.resolve('not-a-jwt'), 'malformed'],
  ];

  it.each(cases)(
    'refuses %s with 401 and a stable code, never echoing the token',
    async (_, make, code) => {
      const token = await make();
      const response = await signIn(token);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        error: code,
        message: expect.any(String) as string,
      });
      expect(response.text).not.toContain(token);
      expect(setCookies(response).size).toBe(0);
    },
  );

  it('refuses a token over 16 KB before parsing it', async () => {
    const response = await signIn('a'.repeat(16 * 1024 + 1));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('token_too_large');
  });

  it('answers 413 to an oversized body and 400 to deeply nested JSON', async () => {
    const huge = await request(`${api.url}/auth/google/id-token`, {
      json: { credential: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('payload_too_large');
    const deep = await request(`${api.url}/auth/google/id-token`, {
      body: '{"credential":' + '['.repeat(100) + ']'.repeat(100) + '}',
      headers: { 'content-type': 'application/json' },
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error).toBe('json_too_deep');
  });

  it('refuses other media types with 415 and bad JSON with 400', async () => {
    const text = await request(`${api.url}/auth/google/id-token`, {
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const bad = await request(`${api.url}/auth/google/id-token`, {
      body: '{bad',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_json');
  });

  it('refuses a JSON sign-in from a foreign origin', async () => {
    const response = await request(`${api.url}/auth/google/id-token`, {
      json: { credential: await api.mintIdToken() },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('cross_site_request');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('GIS redirect mode form posts', () => {
    it('signs in when the g_csrf_token cookie and field match', async () => {
      const response = await request(`${api.url}/auth/google/id-token`, {
        form: { credential: await api.mintIdToken(), g_csrf_token: 'abc123' },
        cookies: { g_csrf_token: 'abc123' },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/account');
      expect(setCookies(response).has('__Host-gk_session')).toBe(true);
    });

    it('refuses a mismatch with 403 and a missing cookie with 400', async () => {
      const credential = await api.mintIdToken();
      const mismatch = await request(`${api.url}/auth/google/id-token`, {
        form: { credential, g_csrf_token: 'abc123' },
        cookies: { g_csrf_token: 'zzz999' },
      });
      expect(mismatch.status).toBe(403);
      expect(mismatch.body.error).toBe('csrf_token_mismatch');
      const missing = await request(`${api.url}/auth/google/id-token`, {
        form: { credential, g_csrf_token: 'abc123' },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe('csrf_token_missing');
    });
  });
});

function flipSignature(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[10] = bytes[10] ^ 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';

const CALLBACK = DEFAULT_CLIENT.redirectUris[0] ?? '';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };
const b64 = (value: string) => Buffer.from(value).toString('base64url');

const HOSTILE: [string, InjectOptions][] = [
  ['auth with repeated parameters', { url: '/o/oauth2/v2/auth?client_id=a&client_id=b' }],
  ['auth with a __proto__ parameter', { url: '/o/oauth2/v2/auth?__proto__=x&scope[]=1' }],
  ['chooser post without a body', { method: 'POST', url: '/o/oauth2/v2/auth/oauthchooseaccount' }],
  [
    'consent post with a JSON array',
    { method: 'POST', url: '/o/oauth2/v2/auth/consent', headers: json, payload: '[1]' },
  ],
  ['token with a JSON string', { method: 'POST', url: '/token', headers: json, payload: '"x"' }],
  ['token with JSON null', { method: 'POST', url: '/token', headers: json, payload: 'null' }],
  [
    'token with text/plain',
    { method: 'POST', url: '/token', headers: { 'content-type': 'text/plain' }, payload: 'x' },
  ],
  [
    'token with a garbage Basic header',
    {
      method: 'POST',
      url: '/token',
      headers: { ...form, authorization: 'Basic %%%:' },
      payload: 'grant_type=refresh_token&refresh_token=x',
    },
  ],
  [
    'token with a percent-broken Basic secret',
    {
      method: 'POST',
      url: '/token',
      headers: { ...form, authorization: `Basic ${Buffer.from('a:%E0%A4%A').toString('base64')}` },
      payload: 'grant_type=authorization_code&code=x',
    },
  ],
  [
    'token with a 10 kB code',
    {
      method: 'POST',
      url: '/token',
      headers: form,
      payload: `grant_type=authorization_code&client_id=${DEFAULT_CLIENT.clientId}&client_secret=${DEFAULT_CLIENT.clientSecret}&code=${'4'.repeat(10_000)}&redirect_uri=postmessage`,
    },
  ],
  ['tokeninfo with a null header', { url: `/tokeninfo?id_token=${b64('null')}.${b64('{}')}.x` }],
  ['tokeninfo with an empty object', { url: `/tokeninfo?id_token=e30.e30.e30` }],
  [
    'tokeninfo with a kid __proto__',
    { url: `/tokeninfo?id_token=${b64('{"kid":"__proto__","alg":"RS256"}')}.e30.e30` },
  ],
  [
    'revoke with an object token',
    { method: 'POST', url: '/revoke', headers: json, payload: '{"token":{}}' },
  ],
  [
    'userinfo with an empty Bearer',
    { url: '/oauth2/v3/userinfo', headers: { authorization: 'Bearer ' } },
  ],
];

describe('OAuth endpoints under hostile input', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: 'http://localhost:4400' }));
  });
  afterAll(() => app.close());

  it.each(HOSTILE)('answers %s with a 4xx, never a 500', async (_case, request) => {
    const response = await app.inject(request);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('keeps CRLF in state inside the encoded redirect, never in a header of its own', async () => {
    const params = new URLSearchParams({
      client_id: DEFAULT_CLIENT.clientId,
      redirect_uri: CALLBACK,
      response_type: 'none',
      state: 'a\r\nSet-Cookie: evil=1',
    });
    const response = await app.inject({ url: `/o/oauth2/v2/auth?${params}` });
    expect(response.statusCode).toBe(302);
    expect(response.headers['set-cookie']).toBeUndefined();
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('state')).toBe('a\r\nSet-Cookie: evil=1');
    expect(String(response.headers.location)).not.toMatch(/[\r\n]/);
  });
});

import { Script, runInNewContext } from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { SESSION_COOKIE, readSession } from '../google-session.js';
import { DEFAULT_TEST_USER, TEST_USERS } from '../test-users.js';
import { runFrameScript } from '../testing/run-frame-script.js';

const PAGE = 'http://localhost:3000';
const CLIENT = {
  clientId: 'web.apps.googleusercontent.com',
  clientSecret: 'secret',
  javascriptOrigins: [PAGE],
  redirectUris: [`${PAGE}/auth/google/id-token`],
};
const EMULATOR = 'http://localhost:4400';

interface Oauth2 {
  initCodeClient(config: Record<string, unknown>): { requestCode(): void };
  hasGrantedAllScopes(response: object, ...scopes: string[]): boolean;
  hasGrantedAnyScope(response: object, ...scopes: string[]): boolean;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
/** The message and targetOrigin the popup's delivery page posts to its opener. */
function delivered(body: string): { message: Record<string, unknown>; target: string } {
  const posted = runFrameScript(body);
  expect(posted).toHaveLength(1);
  expect(posted[0]?.to).toBe('opener');
  return { message: posted[0]?.message ?? {}, target: posted[0]?.targetOrigin ?? '' };
}
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

describe('gsiRoutes', () => {
  let app: FastifyInstance;
  const choose = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/gsi/select',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: query(fields),
    });

  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: EMULATOR, clients: [CLIENT] }));
  });
  afterAll(() => app.close());

  it('serves the GIS client as JavaScript that parses and talks only to the emulator origin', async () => {
    const response = await app.inject({ url: '/gsi/client' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => new Script(response.body)).not.toThrow();
    expect(response.body).toContain(`var EMULATOR = "${EMULATOR}";`);
    expect(response.body).toContain('event.origin !== EMULATOR');
  });

  it('serves google.accounts.oauth2: offline code requests and the scope checks', async () => {
    const script = (await app.inject({ url: '/gsi/client' })).body;
    const assigned: string[] = [];
    const sandbox: Record<string, unknown> = {
      URLSearchParams,
      location: { origin: PAGE, href: `${PAGE}/`, assign: (url: string) => assigned.push(url) },
      addEventListener: () => undefined,
    };
    sandbox.window = sandbox;
    runInNewContext(script, sandbox);
    const oauth2 = (sandbox as unknown as { google: { accounts: { oauth2: Oauth2 } } }).google
      .accounts.oauth2;
    oauth2
      .initCodeClient({
        client_id: CLIENT.clientId,
        scope: 'openid email',
        ux_mode: 'redirect',
        redirect_uri: CLIENT.redirectUris[0],
        state: 's-1',
        login_hint: DEFAULT_TEST_USER.email,
      })
      .requestCode();
    const url = new URL(assigned[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${EMULATOR}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUris[0],
      response_type: 'code',
      scope: 'openid email',
      access_type: 'offline',
      include_granted_scopes: 'true',
      state: 's-1',
      login_hint: DEFAULT_TEST_USER.email,
    });
    const response = { scope: 'email openid https://www.googleapis.com/auth/userinfo.email' };
    expect(oauth2.hasGrantedAllScopes(response, 'email', 'openid')).toBe(true);
    expect(oauth2.hasGrantedAllScopes(response, 'email', 'profile')).toBe(false);
    expect(oauth2.hasGrantedAnyScope(response, 'profile', 'openid')).toBe(true);
    expect(oauth2.hasGrantedAnyScope(response, 'profile')).toBe(false);
  });

  it('renders the branded button for an authorized origin, 403 otherwise', async () => {
    const ok = await app.inject({
      url: `/gsi/button?${query({ client_id: CLIENT.clientId, origin: PAGE, theme: 'filled_blue', text: 'continue_with' })}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('aria-label="Continue with Google"');
    expect(ok.body).toContain('background: #1a73e8');
    expect(ok.body).toContain('fill="#4285F4"');
    const foreign = await app.inject({
      url: `/gsi/button?${query({ client_id: CLIENT.clientId, origin: 'http://evil.example' })}`,
    });
    expect(foreign.statusCode).toBe(403);
  });

  describe('GET /gsi/select', () => {
    it('lists every test account as a button with name and email', async () => {
      const response = await app.inject({
        url: `/gsi/select?${query({ client_id: CLIENT.clientId, origin: PAGE })}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('to continue to <strong>localhost:3000</strong>');
      for (const user of TEST_USERS) {
        expect(response.body).toContain(`name="sub" value="${user.sub}"`);
        expect(response.body).toContain(user.email);
      }
    });

    it.each([
      [{ client_id: 'unknown', origin: PAGE }, 401, 'Error 401: invalid_client'],
      [
        { client_id: CLIENT.clientId, origin: 'http://localhost:3001' },
        400,
        'Error 400: origin_mismatch',
      ],
      [{ client_id: CLIENT.clientId, origin: `${PAGE}/` }, 400, 'Error 400: origin_mismatch'],
      [
        {
          client_id: CLIENT.clientId,
          origin: PAGE,
          ux_mode: 'redirect',
          login_uri: `${PAGE}/elsewhere`,
        },
        400,
        'Error 400: redirect_uri_mismatch',
      ],
    ])('shows Google’s error page for %j', async (params, status, text) => {
      const response = await app.inject({ url: `/gsi/select?${query(params)}` });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain(text);
      expect(response.body).not.toContain('name="sub"');
    });
  });

  describe('POST /gsi/select', () => {
    const popup = {
      client_id: CLIENT.clientId,
      origin: PAGE,
      nonce: 'n-123',
      sub: DEFAULT_TEST_USER.sub,
    };

    it('remembers the account, then posts its credential to the page with an exact origin', async () => {
      const response = await choose(popup);
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toMatch(/no-store/);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(
        new RegExp(`^${SESSION_COOKIE}=[\\w-]+; Path=/;.*HttpOnly; SameSite=Lax$`),
      );
      expect(readSession(cookie.split(';')[0])).toEqual([
        { sub: DEFAULT_TEST_USER.sub, approved: [CLIENT.clientId] },
      ]);
      const { message, target } = delivered(response.body);
      expect(target).toBe(PAGE);
      expect(message).toMatchObject({
        source: 'gsi-emulator',
        type: 'credential',
        select_by: 'btn',
      });
      expect(payloadOf(String(message.credential))).toMatchObject({
        sub: DEFAULT_TEST_USER.sub,
        aud: CLIENT.clientId,
        nonce: 'n-123',
      });
    });

    it('posts to the emulator origin when the button iframe opened the popup', async () => {
      const response = await choose({ ...popup, channel_id: 'abc123' });
      const { message, target } = delivered(response.body);
      expect(target).toBe(EMULATOR);
      expect(message).toMatchObject({ channel_id: 'abc123', type: 'credential' });
    });

    it('form-posts credential, g_csrf_token and select_by to login_uri in redirect mode', async () => {
      const loginUri = CLIENT.redirectUris[0];
      const response = await choose({
        ...popup,
        ux_mode: 'redirect',
        login_uri: loginUri,
        g_csrf_token: 'csrf-1',
      });
      expect(response.body).toContain(`<form method="post" action="${loginUri}">`);
      expect(response.body).toContain('name="g_csrf_token" value="csrf-1"');
      expect(response.body).toContain('name="select_by" value="btn"');
      expect(response.body).toMatch(/name="credential" value="[\w-]+\.[\w-]+\.[\w-]+"/);
      expect(response.body).toContain('document.forms[0].submit();');
    });

    it('refuses an unknown account and a mismatched origin without minting anything', async () => {
      const unknown = await choose({ ...popup, sub: '1' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.headers['set-cookie']).toBeUndefined();
      const mismatch = await choose({ ...popup, origin: 'http://evil.example' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toContain('origin_mismatch');
      expect(mismatch.body).not.toContain('postMessage');
    });
  });
});

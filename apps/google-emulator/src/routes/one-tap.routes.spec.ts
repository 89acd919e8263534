import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { emulatorConfig } from '../emulator.config.js';
import { type GoogleSession, SESSION_COOKIE, sessionSetCookie } from '../google-session.js';
import { runFrameScript } from '../testing/run-frame-script.js';
import { TEST_USERS } from '../test-users.js';

const PAGE = 'http://localhost:3000';
const CLIENT_ID = 'web.apps.googleusercontent.com';
const [alice, ada] = TEST_USERS;

const cookieFor = (session: GoogleSession) => sessionSetCookie(session, false).split(';')[0];

/** The first message the One Tap iframe's script posts to the page (asserting its target). */
function told(body: string, targetOrigin = PAGE): Record<string, unknown> {
  const [first] = runFrameScript(body);
  expect(first).toMatchObject({ to: 'parent', targetOrigin });
  return first?.message ?? {};
}

describe('oneTapRoutes', () => {
  let app: FastifyInstance;
  const open = (params: Record<string, string>, session?: GoogleSession) =>
    app.inject({
      url: `/gsi/iframe/select?${new URLSearchParams({ client_id: CLIENT_ID, origin: PAGE, ...params })}`,
      headers: session ? { cookie: cookieFor(session) } : {},
    });

  beforeAll(async () => {
    const client = {
      clientId: CLIENT_ID,
      clientSecret: 's',
      javascriptOrigins: [PAGE],
      redirectUris: [],
    };
    app = await buildEmulator(
      emulatorConfig({ publicUrl: 'http://localhost:4400', clients: [client] }),
    );
  });
  afterAll(() => app.close());

  it('reports opt_out_or_no_session when the browser has no Google session', async () => {
    const response = await open({ auto_select: 'true' });
    expect(told(response.body)).toEqual({
      source: 'gsi-emulator',
      type: 'prompt_not_displayed',
      reason: 'opt_out_or_no_session',
    });
  });

  it.each([
    [{ client_id: 'nope' }, 'invalid_client'],
    [{ origin: 'http://localhost:9999' }, 'unregistered_origin'],
  ])('reports why it is not displayed for %j', async (params, reason) => {
    const response = await open(params, [{ sub: alice.sub, approved: [CLIENT_ID] }]);
    const message = told(response.body, 'origin' in params ? params.origin : PAGE);
    expect(message).toEqual({ source: 'gsi-emulator', type: 'prompt_not_displayed', reason });
  });

  it('signs a returning user straight in with auto_select', async () => {
    const response = await open({ auto_select: 'true', nonce: 'n-9' }, [
      { sub: alice.sub, approved: [CLIENT_ID] },
    ]);
    const message = told(response.body);
    expect(message).toMatchObject({ type: 'credential', select_by: 'auto' });
    const payload = JSON.parse(
      Buffer.from(String(message.credential).split('.')[1], 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(payload).toMatchObject({ sub: alice.sub, aud: CLIENT_ID, nonce: 'n-9' });
  });

  it.each([
    ['auto_select is off', { auto_select: 'false' }, [{ sub: alice.sub, approved: [CLIENT_ID] }]],
    [
      'the account never approved the client',
      { auto_select: 'true' },
      [{ sub: alice.sub, approved: [] }],
    ],
    [
      'two accounts are signed in',
      { auto_select: 'true' },
      [
        { sub: alice.sub, approved: [CLIENT_ID] },
        { sub: ada.sub, approved: [CLIENT_ID] },
      ],
    ],
  ])('shows the card instead when %s', async (_case, params, session) => {
    const response = await open(params, session);
    expect(response.body).toContain('Sign in to localhost:3000 with Google');
    expect(response.body).toContain('Continue as Alice');
    expect(response.body).not.toContain('"type":"credential"');
    expect(told(response.body)).toMatchObject({ type: 'prompt_displayed' });
  });

  it('issues a credential with select_by user for a session account chosen on the card', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/gsi/iframe/select',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieFor([{ sub: alice.sub, approved: [] }]),
      },
      payload: new URLSearchParams({
        client_id: CLIENT_ID,
        origin: PAGE,
        sub: alice.sub,
      }).toString(),
    });
    expect(told(response.body)).toMatchObject({ type: 'credential', select_by: 'user' });
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('reports issuing_failed when the chosen account is not signed in', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/gsi/iframe/select',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        client_id: CLIENT_ID,
        origin: PAGE,
        sub: alice.sub,
      }).toString(),
    });
    expect(told(response.body)).toMatchObject({ type: 'prompt_skipped', reason: 'issuing_failed' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  describe('through FedCM (fedcm=true)', () => {
    const choose = (fields: Record<string, string>, approved: string[]) =>
      app.inject({
        method: 'POST',
        url: '/gsi/iframe/select',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: cookieFor([{ sub: alice.sub, approved }]),
        },
        payload: new URLSearchParams({
          client_id: CLIENT_ID,
          origin: PAGE,
          sub: alice.sub,
          fedcm: 'true',
          ...fields,
        }).toString(),
      });

    it('names the returning account on a cancellable notice instead of answering at once', async () => {
      const response = await open({ auto_select: 'true', fedcm: 'true' }, [
        { sub: alice.sub, approved: [CLIENT_ID] },
      ]);
      expect(response.body).toContain('Signing you in as Alice…');
      expect(response.body).toContain('name="auto" value="true"');
      expect(response.body).toContain(`setTimeout`);
      expect(response.body).not.toContain('"type":"credential"');
    });

    it('answers fedcm_auto for the notice of a returning user, fedcm for a click', async () => {
      const auto = await choose({ auto: 'true', auto_select: 'true' }, [CLIENT_ID]);
      expect(told(auto.body)).toMatchObject({ type: 'credential', select_by: 'fedcm_auto' });
      const click = await choose({}, [CLIENT_ID]);
      expect(told(click.body)).toMatchObject({ type: 'credential', select_by: 'fedcm' });
    });

    it('does not call a sign-in automatic for an account that never approved the client', async () => {
      const response = await choose({ auto: 'true', auto_select: 'true' }, []);
      expect(told(response.body)).toMatchObject({ type: 'credential', select_by: 'fedcm' });
    });
  });
});

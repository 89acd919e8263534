import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import { type TokenResponse, tokenRequests } from '../testing/token-requests.js';

const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const raw = (text: string) => Buffer.from(text).toString('base64url');
const MESSAGE =
  'From: alice@example.com\r\nTo: alice@example.com\r\nSubject: Your news\r\n\r\nHello';

describe('Gmail API users.messages.send', () => {
  let app: FastifyInstance;
  const { mintCode, exchange } = tokenRequests(() => app, DEFAULT_CLIENT);

  const accessToken = async (scopes: string[]) =>
    (
      await exchange(
        await mintCode({ scopes: ['openid', 'email', ...scopes], access_type: 'offline' }),
      )
    ).json<TokenResponse>().access_token;
  const send = (token: string | undefined, body: unknown, user = 'me') =>
    app.inject({
      method: 'POST',
      url: `/gmail/v1/users/${user}/messages/send`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body as object,
    });
  const sent = async () =>
    (await app.inject({ url: '/__control/gmail/messages' })).json<{
      messages: Array<{ subject: string; to: string; sub: string }>;
    }>().messages;

  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig());
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await app.inject({ method: 'POST', url: '/__control/reset' });
  });

  it('sends with a token carrying gmail.send, and the message shows in the control API', async () => {
    const response = await send(await accessToken([GMAIL_SEND]), { raw: raw(MESSAGE) });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ labelIds: ['SENT'] });
    expect(await sent()).toEqual([
      expect.objectContaining({ subject: 'Your news', to: 'alice@example.com' }),
    ]);
  });

  it('answers 401 UNAUTHENTICATED without a live access token', async () => {
    for (const token of [undefined, 'ya29.not-a-token']) {
      const response = await send(token, { raw: raw(MESSAGE) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    }
    expect(await sent()).toEqual([]);
  });

  it('answers 403 PERMISSION_DENIED when the token lacks a send scope', async () => {
    const response = await send(await accessToken([]), { raw: raw(MESSAGE) });

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { status: 'PERMISSION_DENIED' } });
  });

  it('refuses another user’s mailbox and a body without base64url raw', async () => {
    const token = await accessToken([GMAIL_SEND]);

    expect((await send(token, { raw: raw(MESSAGE) }, 'bob@corp.example')).statusCode).toBe(403);
    expect((await send(token, { raw: 'not base64!' })).statusCode).toBe(400);
    expect((await send(token, {})).statusCode).toBe(400);
  });
});

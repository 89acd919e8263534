import { Agent, request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The local port of the TCP connection that carried the request. */
  readonly localPort: number | undefined;
}

/**
 * GET over one kept-alive connection: the guard remembers the last Bearer header per connection,
 * so these tests must send their requests down the same socket to exercise that path.
 */
function getOver(agent: Agent, url: string, authorization: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers: { authorization } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as Record<string, unknown>,
          localPort: req.socket?.localPort,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The token with one payload character changed and the signature kept. */
function withTamperedPayload(token: string): string {
  const [header, payload, signature] = token.split('.');
  const i = Math.floor(payload.length / 2);
  const swapped = payload[i] === 'A' ? 'B' : 'A';
  return `${header}.${payload.slice(0, i)}${swapped}${payload.slice(i + 1)}.${signature}`;
}

describe('Bearer ID tokens on /api/v1/me', () => {
  let api: ApiUnderTest;
  let agent: Agent;
  const me = () => `${api.url}/api/v1/me`;

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  beforeEach(() => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(async () => {
    await api.close();
  });

  it('answers the same token again and again on one connection', async () => {
    const token = await api.mintIdToken();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await getOver(agent, me(), `Bearer ${token}`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.sub)).toEqual([ALICE_SUB, ALICE_SUB, ALICE_SUB]);
    expect(new Set(answers.map((a) => a.localPort)).size).toBe(1);
  });

  it('refuses a tampered token on the connection that just presented the genuine one', async () => {
    const token = await api.mintIdToken();
    expect((await getOver(agent, me(), `Bearer ${token}`)).status).toBe(200);
    const tampered = await getOver(agent, me(), `Bearer ${withTamperedPayload(token)}`);
    expect(tampered).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    // …and the genuine token still works on that connection afterwards.
    expect((await getOver(agent, me(), `Bearer ${token}`)).status).toBe(200);
  });

  it('refuses another account’s forged token after a genuine one on the same connection', async () => {
    const token = await api.mintIdToken();
    expect((await getOver(agent, me(), `Bearer ${token}`)).status).toBe(200);
    const [, , signature] = token.split('.');
    const forged = (await api.mintIdToken({ sub: '999' })).split('.').slice(0, 2).join('.');
    const answer = await getOver(agent, me(), `Bearer ${forged}.${signature}`);
    expect(answer).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
  });

  it('refuses a token on the connection it was admitted on once it has expired', async () => {
    // The verifier allows 300 s of clock skew past `exp`: this token is 297 s past it, accepted
    // for 3 more seconds. The connection remembers it (and its claims) from the first request.
    const now = Math.floor(Date.now() / 1000);
    const token = await api.mintIdToken({ iat: now - 600, exp: now - 297 });
    const first = await getOver(agent, me(), `Bearer ${token}`);
    expect(first).toMatchObject({ status: 200, body: { sub: ALICE_SUB } });
    await new Promise((resolve) => setTimeout(resolve, 4_000));

    const later = await getOver(agent, me(), `Bearer ${token}`);

    expect(later).toMatchObject({ status: 401, body: { error: 'expired' } });
    expect(later.localPort).toBe(first.localPort);
  });

  it('accepts the scheme in any case, as RFC 6750 allows', async () => {
    const token = await api.mintIdToken();
    expect((await getOver(agent, me(), `bearer ${token}`)).status).toBe(200);
    expect((await getOver(agent, me(), `BEARER ${token}`)).status).toBe(200);
  });

  it.each([
    ['another scheme', (token: string) => `Basic ${token}`],
    ['no space', (token: string) => `Bearer${token}`],
    ['two spaces', (token: string) => `Bearer  ${token}`],
    ['whitespace inside', (token: string) => `Bearer ${token.slice(0, 20)} ${token.slice(20)}`],
    ['no token', () => 'Bearer '],
  ])('answers 401 authentication_required for %s', async (_name, header) => {
    const token = await api.mintIdToken();
    // First a good request, so the connection has a remembered header to be compared with.
    expect((await getOver(agent, me(), `Bearer ${token}`)).status).toBe(200);
    const answer = await getOver(agent, me(), header(token));
    expect(answer).toMatchObject({ status: 401, body: { error: 'authentication_required' } });
  });

  it('sees a new role within the user cache lifetime, on a connection kept open', async () => {
    const sub = '400000000000000000001';
    const token = await api.mintIdToken({ sub, email: 'dave@example.org' });
    const first = await getOver(agent, me(), `Bearer ${token}`);
    expect(first.body.role).toBe('user');
    await api.db.query(`UPDATE users SET role = 'admin' WHERE google_sub = $1`, [sub]);
    // The user row is reused for 5 s per instance (UsersService); then it is read again.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    const later = await getOver(agent, me(), `Bearer ${token}`);
    expect(later.body.role).toBe('admin');
    expect(later.localPort).toBe(first.localPort);
  });
});

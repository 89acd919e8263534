import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from '../emulator.config.js';
import { refreshTokenIdentifier, RISC_EVENT_TYPES } from '../risc-events.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('riscRoutes', () => {
  let app: FastifyInstance;
  let receiver: Server;
  let receiverUrl: string;
  let received: Received[] = [];
  let answer = 202;

  beforeAll(async () => {
    app = await buildEmulator(emulatorConfig({ publicUrl: 'http://localhost:4400' }));
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/risc/events`;
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = 202;
  });

  async function verify(token: string) {
    const jwks = (await app.inject({ url: '/oauth2/v3/certs' })).json<JSONWebKeySet>();
    return jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: 'https://accounts.google.com/',
      audience: DEFAULT_CLIENT.clientId,
    });
  }

  it("serves Google's RISC configuration naming the emulator's JWKS", async () => {
    const response = await app.inject({ url: '/.well-known/risc-configuration' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issuer: 'https://accounts.google.com/',
      jwks_uri: 'http://localhost:4400/oauth2/v3/certs',
    });
  });

  it('mints a security event token signed with a published key', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/__control/risc/token',
      payload: { event: 'account-disabled', sub: '1001', reason: 'hijacking', jti: 'j-1' },
    });
    expect(response.statusCode).toBe(200);
    const { token, jti } = response.json<{ token: string; jti: string }>();
    expect(jti).toBe('j-1');
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader.typ).toBe('secevent+jwt');
    expect(payload).toMatchObject({
      jti: 'j-1',
      events: {
        [RISC_EVENT_TYPES['account-disabled']]: {
          subject: { subject_type: 'iss-sub', iss: 'https://accounts.google.com/', sub: '1001' },
          reason: 'hijacking',
        },
      },
    });
    expect(payload.exp).toBeUndefined();
  });

  it('identifies a revoked refresh token by its double SHA-512 hash only', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/__control/risc/token',
      payload: { event: 'token-revoked', sub: '1001', token: '1//refresh-token' },
    });
    const { token } = response.json<{ token: string }>();
    expect(token).not.toContain('refresh-token');
    const { payload } = await verify(token);
    expect(payload.events).toEqual({
      [RISC_EVENT_TYPES['token-revoked']]: {
        subject: {
          subject_type: 'oauth_token',
          token_type: 'refresh_token',
          token_identifier_alg: 'hash_base64_sha512_sha512',
          token: refreshTokenIdentifier('1//refresh-token'),
        },
      },
    });
  });

  it('posts the token to the receiver as application/secevent+jwt and reports its status', async () => {
    answer = 400;
    const response = await app.inject({
      method: 'POST',
      url: '/__control/risc/deliver',
      payload: { event: 'sessions-revoked', sub: '1001', receiver_url: receiverUrl },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ jti: string; status: number; token: string }>();
    expect(body.status).toBe(400);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['content-type']).toBe('application/secevent+jwt');
    expect(received[0]?.body).toBe(body.token);
  });

  it('delivers to EMULATOR_RISC_RECEIVER_URL when the request names no receiver', async () => {
    const configured = await buildEmulator(emulatorConfig({ riscReceiverUrl: receiverUrl }));
    const response = await configured.inject({
      method: 'POST',
      url: '/__control/risc/deliver',
      payload: { event: 'account-enabled', sub: '1001' },
    });
    await configured.close();
    expect(response.json()).toMatchObject({ status: 202 });
    expect(received).toHaveLength(1);
  });

  it('refuses a delivery without a receiver, and unknown events', async () => {
    const noReceiver = await app.inject({
      method: 'POST',
      url: '/__control/risc/deliver',
      payload: { event: 'sessions-revoked', sub: '1001' },
    });
    expect(noReceiver.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'POST',
      url: '/__control/risc/token',
      payload: { event: 'account-stolen', sub: '1001' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('answers 502 when the receiver cannot be reached', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/__control/risc/deliver',
      payload: { event: 'verification', sub: '1001', receiver_url: 'http://127.0.0.1:1/x' },
    });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ error: 'delivery_failed' });
  });

  it('lets faults hit the RISC configuration like any Google endpoint', async () => {
    await app.inject({
      method: 'POST',
      url: '/__control/faults',
      payload: { path: '/.well-known/risc-configuration', status: 503 },
    });
    const response = await app.inject({ url: '/.well-known/risc-configuration' });
    expect(response.statusCode).toBe(503);
  });
});

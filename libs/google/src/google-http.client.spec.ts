import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoogleHttpClient } from './google-http.client.js';
import { GoogleCallError } from './google.errors.js';

describe(GoogleHttpClient.name, () => {
  let server: Server;
  let url: string;
  const client = new GoogleHttpClient({ timeoutMs: 300 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      if (request.url === '/large') {
        response.setHeader('content-type', 'application/json');
        response.end('x'.repeat(2048));
      } else if (request.url === '/trickle') {
        response.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 50);
        response.on('close', () => clearInterval(timer));
      } else {
        response.writeHead(503, { 'retry-after': '7', 'x-two': ['a', 'b'] });
        response.end('down');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failureOf(call: Promise<unknown>): Promise<GoogleCallError> {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GoogleCallError);
    return error as GoogleCallError;
  }

  describe('send', () => {
    it('returns any status with its headers and body: the callers decide what it means', async () => {
      const answer = await client.send({ method: 'GET', url: `${url}/down` });

      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.headers.get('x-two')).toBe('a, b');
      expect(answer.body.toString()).toBe('down');
    });

    it('cuts off a body larger than the cap, as a malformed answer', async () => {
      const error = await failureOf(
        client.send({ method: 'GET', url: `${url}/large`, maxBytes: 1024 }),
      );

      expect(error).toMatchObject({ code: 'google_malformed_answer', failure: 'transient' });
    });

    it('gives up at the deadline while the body still trickles in', async () => {
      const started = performance.now();

      const error = await failureOf(client.send({ method: 'GET', url: `${url}/trickle` }));

      expect(error).toMatchObject({ code: 'google_timeout', reason: 'timeout' });
      expect(performance.now() - started).toBeLessThan(1_500);
    });

    it('reports a refused connection as unreachable, keeping the transport error as cause', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));

      const error = await failureOf(
        client.send({ method: 'GET', url: `http://127.0.0.1:${port}/` }),
      );

      expect(error).toMatchObject({ code: 'google_unreachable', reason: 'econnrefused' });
      expect(error.cause).toBeInstanceOf(Error);
      expect(error.status).toBe(503);
    });

    it('stops when the caller aborts, before the deadline', async () => {
      const error = await failureOf(
        client.send({ method: 'GET', url: `${url}/trickle`, signal: AbortSignal.timeout(50) }),
      );

      expect(error).toMatchObject({ code: 'google_unreachable', reason: 'aborted' });
    });
  });
});

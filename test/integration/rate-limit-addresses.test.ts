// Rate-limit buckets and audited addresses per client address: requests come from two loopback
// addresses (127.0.0.2 and 127.0.0.3, every 127/8 address is the machine's own), so a single
// global counter, or one a client can pick with X-Forwarded-For, would fail these tests.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly requestId: string;
}

/** Signs in with `credential` from the local address `from`, with extra request headers. */
function signInFrom(
  api: ApiUnderTest,
  from: string,
  credential: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = JSON.stringify({ credential });
  // 127.0.0.1, not localhost: the source address is IPv4, so must the destination be.
  const url = new URL('/auth/google/id-token', api.url.replace('localhost', '127.0.0.1'));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            requestId: String(response.headers['x-request-id']),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function auditedIp(api: ApiUnderTest, requestId: string): Promise<string | null> {
  const rows = await api.db.query<{ ip: string | null }>(
    `SELECT ip FROM audit_events WHERE request_id = $1 AND action = 'sign_in.succeeded'`,
    [requestId],
  );
  expect(rows).toHaveLength(1);
  return rows[0].ip;
}

describe('Rate limits per client address, no proxy trusted (the default)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps a bucket per address, and X-Forwarded-For changes neither bucket nor audited IP', async () => {
    const token = await api.mintIdToken();
    const first = await signInFrom(api, '127.0.0.2', token, { 'x-forwarded-for': '203.0.113.1' });
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('"sign-in";q=2;w=60');
    expect(first.headers['ratelimit']).toMatch(/^"sign-in";r=1;t=\d+$/);
    expect(await auditedIp(api, first.requestId)).toBe('127.0.0.2');

    const second = await signInFrom(api, '127.0.0.2', token, { 'x-forwarded-for': '203.0.113.2' });
    expect(second.status).toBe(200);
    expect(second.headers['ratelimit']).toMatch(/^"sign-in";r=0;t=\d+$/);
    const third = await signInFrom(api, '127.0.0.2', token, { 'x-forwarded-for': '203.0.113.3' });
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another address has its own, untouched bucket.
    const other = await signInFrom(api, '127.0.0.3', token, { 'x-forwarded-for': '127.0.0.2' });
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit']).toMatch(/^"sign-in";r=1;t=\d+$/);
    expect(await auditedIp(api, other.requestId)).toBe('127.0.0.3');
  });
});

describe('Rate limits with a trusted proxy (TRUST_PROXY=127.0.0.2)', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.2' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts and audits the forwarded address of requests from the proxy', async () => {
    const token = await api.mintIdToken();
    const asClientA = { 'x-forwarded-for': '198.51.100.7' };
    const a1 = await signInFrom(api, '127.0.0.2', token, asClientA);
    expect(a1.status).toBe(200);
    expect(await auditedIp(api, a1.requestId)).toBe('198.51.100.7');
    expect((await signInFrom(api, '127.0.0.2', token, asClientA)).status).toBe(200);
    expect((await signInFrom(api, '127.0.0.2', token, asClientA)).status).toBe(429);

    // A second client behind the same proxy: its own bucket.
    const b = await signInFrom(api, '127.0.0.2', token, { 'x-forwarded-for': '198.51.100.8' });
    expect(b.status).toBe(200);
    expect(await auditedIp(api, b.requestId)).toBe('198.51.100.8');
  });

  it('ignores X-Forwarded-For from any other address', async () => {
    const token = await api.mintIdToken();
    const statuses: number[] = [];
    for (const forwarded of ['198.51.100.20', '198.51.100.21', '198.51.100.22']) {
      const answer = await signInFrom(api, '127.0.0.3', token, { 'x-forwarded-for': forwarded });
      statuses.push(answer.status);
      if (answer.status === 200) expect(await auditedIp(api, answer.requestId)).toBe('127.0.0.3');
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

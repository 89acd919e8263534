// /metrics behind METRICS_TOKEN, and HTTP request metrics by route pattern and status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('HTTP request metrics', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await api.close();
  });

  it('asks for the token: none or a wrong one is 401', async () => {
    expect((await request(`${api.url}/metrics`)).status).toBe(401);
    const wrong = await request(`${api.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(401);
  });

  it('counts requests by method, route pattern and status, without raw URLs', async () => {
    for (let i = 0; i < 2; i++) await request(`${api.url}/api/v1/me?secret=shh`);
    await request(`${api.url}/health`);
    await request(`${api.url}/no/such/route-42`);
    const response = await request(`${api.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    const count = (labels: string): number => {
      const name = `grantkeeper_http_request_duration_seconds_count{${labels}}`;
      const line = response.text.split('\n').find((l) => l.startsWith(`${name} `));
      return line ? Number(line.slice(name.length + 1)) : 0;
    };
    expect(count('method="GET",route="/api/v1/me",status="401"')).toBe(2);
    expect(count('method="GET",route="/health",status="200"')).toBe(1);
    expect(count('method="GET",route="unmatched",status="404"')).toBe(1);
    // The two 401s of the first test, under the metrics route itself.
    expect(count('method="GET",route="/metrics",status="401"')).toBe(2);
    expect(response.text).toMatch(
      /grantkeeper_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",status="200"\} \d/,
    );
    // The vault's encryptions per key version (at least the key check value), and the bound.
    expect(response.text).toMatch(/\ngrantkeeper_vault_key_encryptions\{version="1"\} [1-9]\d*\n/);
    expect(response.text).toMatch(/\ngrantkeeper_vault_key_encryption_limit 4294967296\n/);
    expect(response.text).not.toContain('shh');
    expect(response.text).not.toContain('route-42');
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

const CERTS = '/oauth2/v3/certs';

describe("Google's signing keys", () => {
  let api: ApiUnderTest;
  const signIn = async () =>
    request(`${api.url}/auth/google/id-token`, { json: { credential: await api.mintIdToken() } });
  const fault = (rule: Record<string, unknown>) =>
    api.control('faults', { path: CERTS, times: 0, ...rule });
  const certsCalls = async () =>
    (await request<{ calls: unknown[] }>(`${api.emulatorUrl}/__control/calls?path=${CERTS}`)).body
      .calls.length;

  beforeEach(async () => {
    api = await startApiUnderTest({
      GOOGLE_HTTP_TIMEOUT_MS: '1000',
      GOOGLE_CERTS_MIN_REFRESH_SECONDS: '1',
    });
  });
  afterEach(async () => {
    await api.close();
  });

  it.each([
    ['a 500', { status: 500, body: '{"error":"backendError"}' }],
    ['an HTML page', { status: 200, body: '<html>Sorry</html>', content_type: 'text/html' }],
    ['a hang', { hang: true }],
  ])(
    'answers 503 certificates_unavailable, within the deadline, when the endpoint gives %s',
    async (_, rule) => {
      await fault(rule);
      const started = Date.now();
      const response = await signIn();
      expect(Date.now() - started).toBeLessThan(4000);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, error: 'certificates_unavailable' });
      const bearer = await request(`${api.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${await api.mintIdToken()}` },
      });
      expect(bearer.status).toBe(503);
    },
  );

  it('recovers once the endpoint answers again', async () => {
    await fault({ status: 503 });
    expect((await signIn()).status).toBe(503);
    await request(`${api.emulatorUrl}/__control/faults`, { method: 'DELETE' });
    expect((await signIn()).status).toBe(200);
  });

  it('caches the keys per Cache-Control instead of fetching them per sign-in', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn()).status).toBe(200);
    expect(await certsCalls()).toBe(1);
  });

  it('rotates keys with zero failed sign-ins: publish, wait for caches, switch, retire', async () => {
    await api.control('settings', { certs_max_age: 1 });
    const outcomes: number[] = [];
    outcomes.push((await signIn()).status);
    await api.control('keys/rotate', { step: 'publish' });
    outcomes.push((await signIn()).status);
    await sleep(1200); // longer than max-age: the api's cache now holds the published key too
    outcomes.push((await signIn()).status);
    await api.control('keys/rotate', { step: 'activate' });
    outcomes.push((await signIn()).status);
    await api.control('keys/rotate', { step: 'retire' });
    await sleep(1200);
    outcomes.push((await signIn()).status);
    expect(outcomes).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('Hosted domain', () => {
  let api: ApiUnderTest;

  beforeEach(async () => {
    api = await startApiUnderTest({ GOOGLE_HOSTED_DOMAIN: 'corp.example' });
  });
  afterEach(async () => {
    await api.close();
  });

  it('accepts only accounts of the configured Workspace domain', async () => {
    const bob = await api.mintIdToken({
      sub: '100000000000000000003',
      email: 'bob@corp.example',
      hd: 'corp.example',
    });
    const alice = await api.mintIdToken();
    const other = await api.mintIdToken({ hd: 'evil.example' });
    expect(
      (await request(`${api.url}/auth/google/id-token`, { json: { credential: bob } })).status,
    ).toBe(200);
    for (const token of [alice, other]) {
      const response = await request(`${api.url}/auth/google/id-token`, {
        json: { credential: token },
      });
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('wrong_hosted_domain');
    }
  });
});

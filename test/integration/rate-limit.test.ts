import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import { postCode, signInAs } from '../support/offline-access-client.js';

describe('Sign-in rate limit', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 with Retry-After once a client exceeds the limit, and keeps other routes open', async () => {
    const token = await api.mintIdToken();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await request(`${api.url}/auth/google/id-token`, {
        json: { credential: token },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body).toMatchObject({ statusCode: 429, error: 'rate_limited' });
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await request(`${api.url}/health`)).status).toBe(200);
  });
});

describe('Code exchange rate limit', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '5',
      OFFLINE_ACCESS_RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 once a client exceeds its own limit, which the sign-in limit does not share', async () => {
    const session = await signInAs(api, ALICE_SUB);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await postCode(api, session, 'not-a-real-code');
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([400, 400, 429]);
    // One sign-in so far: four more are still within the sign-in limit of five.
    for (let i = 0; i < 4; i++) expect((await signInAs(api, ALICE_SUB)).length).toBeGreaterThan(0);
  });
});

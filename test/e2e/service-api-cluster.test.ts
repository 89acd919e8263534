// The service API's limits and kill switches across two api processes on one database: the
// per-client limit is counted once for both (identity's PostgreSQL buckets), and a kill switch
// set through one instance stops issuance on the other within seconds (each instance trusts
// what it read of the switches for under 3 s); a revoked key is refused at once by the instance
// the admin revoked it through, and by the other within seconds (CREDENTIAL_CACHE_MS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_SUB,
  adminCall as adminCallAt,
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInWith,
  userIdOf,
} from '../support/admin-client.js';
import { ALICE_SUB } from '../support/api-under-test.js';
import { eventually } from '../support/eventually.js';
import type { HttpResponse } from '../support/http-client.js';
import { authorizationCode, GMAIL_SEND, postCode } from '../support/offline-access-client.js';
import { type ProcessStack, startProcessStack, targetOf } from '../support/process-stack.js';
const PER_MINUTE = 4;

type Answer = Record<string, unknown> & { error?: string; id?: string; key?: string };

describe('Service API limits and kill switches across api instances', () => {
  let stack: ProcessStack;
  let secondUrl: string;
  let admin: string;
  let aliceId: string;

  const adminCall = (url: string, path: string, method: string, json?: unknown) =>
    adminCallAt<Answer>(targetOf(stack, url), admin, path, { method, json });
  const newClient = async (name: string) => {
    const api = targetOf(stack);
    const id = await registerServiceClient(api, admin, name, {
      purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
    });
    return { id, key: (await newServiceKey(api, admin, id)).key };
  };
  const call = (url: string, key: string, path: string, json?: unknown) =>
    serviceCall<Answer>(targetOf(stack, url), key, path, json);
  const token = (url: string, key: string) =>
    call(url, key, 'tokens', {
      user: { id: aliceId },
      scopes: [GMAIL_SEND],
      purpose: 'weekly-digest',
    });
  /** Polls a token request at `url` until `done`; returns the answer and the seconds it took. */
  const until = async (
    url: string,
    key: string,
    done: (answer: HttpResponse<Answer>) => boolean,
  ) => {
    const started = Date.now();
    const answer = await eventually(() => token(url, key), done, 10_000);
    return { answer, seconds: (Date.now() - started) / 1000 };
  };

  beforeAll(async () => {
    stack = await startProcessStack({
      SERVICE_API_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE: '1000',
    });
    secondUrl = (await stack.startApi()).url;
    const api = targetOf(stack);
    admin = await signInWith(api, { sub: ADMIN_SUB, email: 'admin@grantkeeper.test' });
    const alice = await signInWith(api, { sub: ALICE_SUB, email: 'alice@example.com' });
    const code = await authorizationCode(api, {
      scopes: ['openid', 'email', 'profile', GMAIL_SEND],
    });
    const granted = await postCode(api, alice, code);
    expect(granted.status).toBe(200);
    aliceId = await userIdOf(api, ALICE_SUB);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('counts a client’s calls at either instance against one limit', async () => {
    const { id, key } = await newClient('cluster-limited');
    const answers: HttpResponse<Answer>[] = [];
    for (const url of [stack.apiUrl, secondUrl, stack.apiUrl, secondUrl, stack.apiUrl, secondUrl]) {
      answers.push(await call(url, key, 'grants'));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(answers.map((answer) => answer.headers.get('ratelimit')?.split(';')[1])).toEqual([
      'r=3',
      'r=2',
      'r=1',
      'r=0',
      'r=0',
      'r=0',
    ]);
    expect(answers[5].body.error).toBe('rate_limited');
    expect(Number(answers[5].headers.get('retry-after'))).toBeGreaterThan(0);
    const buckets = await stack.db.query<{ key: string; hits: number }>(
      `SELECT key, hits FROM rate_limit_buckets WHERE key LIKE $1`,
      [`service:${id}%`],
    );
    expect(buckets).toEqual([{ key: `service:${id}`, hits: 6 }]);
  });

  it('applies a kill switch set through one instance on the other within seconds', async () => {
    const { id, key } = await newClient('cluster-killed');
    // Room for polling: a limit set through the first instance, which the second soon uses.
    const limits = await adminCall(stack.apiUrl, `service-clients/${id}/rate-limits`, 'PUT', {
      perMinute: 1000,
    });
    expect(limits.status).toBe(200);
    await eventually(
      () => call(secondUrl, key, 'grants'),
      (answer) => answer.headers.get('ratelimit-policy') === '"service";q=1000;w=60',
      10_000,
    );
    expect((await token(secondUrl, key)).status).toBe(200);

    // The client's switch, through the first instance.
    const set = await adminCall(stack.apiUrl, `service-clients/${id}/kill-switch`, 'PUT', {
      reason: 'Incident 7',
    });
    expect(set.status).toBe(200);
    const stopped = await until(secondUrl, key, (answer) => answer.status === 403);
    expect(stopped.answer.body).toMatchObject({
      error: 'issuance_stopped',
      switch: 'client',
      reason: 'Incident 7',
    });
    expect(stopped.seconds).toBeLessThan(4);
    const cleared = await adminCall(stack.apiUrl, `service-clients/${id}/kill-switch`, 'DELETE');
    expect(cleared.status).toBe(200);
    expect((await until(secondUrl, key, (answer) => answer.status === 200)).seconds).toBeLessThan(
      4,
    );

    // The scope's switch, through the second instance, stops the first.
    const scope = `scope-kill-switches/${encodeURIComponent(GMAIL_SEND)}`;
    expect((await adminCall(secondUrl, scope, 'PUT', { reason: 'Gmail abuse' })).status).toBe(200);
    const scoped = await until(stack.apiUrl, key, (answer) => answer.status === 403);
    expect(scoped.answer.body).toMatchObject({
      error: 'issuance_stopped',
      switch: 'scope',
      scope: GMAIL_SEND,
      reason: 'Gmail abuse',
    });
    expect(scoped.seconds).toBeLessThan(4);
    expect((await adminCall(secondUrl, scope, 'DELETE')).status).toBe(204);
    expect(
      (await until(stack.apiUrl, key, (answer) => answer.status === 200)).seconds,
    ).toBeLessThan(4);
    const refusals = await stack.db.query<{ refusal: string }>(
      `SELECT DISTINCT refusal FROM disclosures WHERE client_id = $1 AND outcome = 'refused'`,
      [id],
    );
    expect(refusals).toEqual([{ refusal: 'issuance_stopped' }]);
  });

  it('refuses a revoked key at once through the instance that revoked it, on the other within seconds', async () => {
    const api = targetOf(stack);
    const id = await registerServiceClient(api, admin, 'cluster-revoked', {
      purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest' }],
    });
    const { id: keyId, key } = await newServiceKey(api, admin, id);
    // Room for polling, as above.
    const limits = await adminCall(stack.apiUrl, `service-clients/${id}/rate-limits`, 'PUT', {
      perMinute: 1000,
    });
    expect(limits.status).toBe(200);
    // Both instances have checked the key, and trust it for now.
    expect((await token(stack.apiUrl, key)).status).toBe(200);
    expect((await token(secondUrl, key)).status).toBe(200);
    const revoked = await adminCall(stack.apiUrl, `service-clients/${id}/keys/${keyId}`, 'DELETE');
    expect(revoked.status).toBe(204);
    expect((await token(stack.apiUrl, key)).status).toBe(401);
    const elsewhere = await until(secondUrl, key, (answer) => answer.status === 401);
    expect(elsewhere.answer.body.error).toBe('invalid_credentials');
    expect(elsewhere.seconds).toBeLessThan(4);
  });
});

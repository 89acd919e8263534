// The service API's rate limits (per client, per client and user, counted in PostgreSQL) and
// the admins' kill switches (per client, per Google scope), through real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  adminCall,
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import type { HttpResponse } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  GMAIL_SEND,
  postCode,
  signInAs,
} from '../support/offline-access-client.js';

const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const PURPOSES = [{ id: 'weekly-digest', feature: 'Your weekly digest by email' }];
/** The configured defaults of this run. */
const PER_MINUTE = 4;
const PER_USER_PER_MINUTE = 2;

type Answer = Record<string, unknown> & { error?: string };

/** `RateLimit: "service";r=3;t=59, …` → { service: { r: 3, t: 59 }, … } */
function rateLimitOf(response: HttpResponse<unknown>, header = 'ratelimit') {
  const value = response.headers.get(header) ?? '';
  return Object.fromEntries(
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const [name, ...params] = item.split(';');
        return [
          JSON.parse(name) as string,
          Object.fromEntries(params.map((p) => [p.split('=')[0], Number(p.split('=')[1])])),
        ];
      }),
  ) as Record<string, Record<string, number>>;
}

describe('Service API: limits and kill switches', () => {
  let api: ApiUnderTest;
  let admin: string;
  let aliceId: string;

  const call = (key: string, path: string, json?: unknown) =>
    serviceCall<Answer>(api, key, path, json);
  const tokenFor = (key: string, user: Record<string, string>, scopes = [GMAIL_SEND]) =>
    call(key, 'tokens', { user, scopes, purpose: 'weekly-digest' });
  const admins = <T = Answer>(path: string, method?: string, json?: unknown) =>
    adminCall<T>(api, admin, path, { method, json });
  /** A new client with one key. */
  const newClient = async (name: string): Promise<{ id: string; key: string }> => {
    const id = await registerServiceClient(api, admin, name, {
      allowedScopes: [GMAIL_SEND, CALENDAR],
      purposes: PURPOSES,
    });
    return { id, key: (await newServiceKey(api, admin, id)).key };
  };
  const auditOf = (action: string) =>
    api.db.query<{ details: Record<string, unknown>; actor_kind: string }>(
      `SELECT details, actor_kind FROM audit_events WHERE action = $1 ORDER BY id`,
      [action],
    );

  beforeAll(async () => {
    api = await startApiUnderTest({
      SERVICE_API_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      SERVICE_API_RATE_LIMIT_PER_USER_PER_MINUTE: String(PER_USER_PER_MINUTE),
    });
    admin = await signInAdmin(api);
    const alice = await signInAs(api, ALICE_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    await signInAs(api, BOB_SUB); // a user without a grant
  });
  afterAll(() => api.close());

  describe('rate limits', () => {
    it('sends the headers on every answer and 429 rate_limited with Retry-After past the limit', async () => {
      const { key } = await newClient('per-client');
      const answers: HttpResponse<Answer>[] = [];
      for (let i = 0; i < PER_MINUTE + 2; i++) answers.push(await call(key, 'grants'));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
      for (const answer of answers) {
        expect(answer.headers.get('ratelimit-policy')).toBe(`"service";q=${PER_MINUTE};w=60`);
      }
      expect(answers.map((answer) => rateLimitOf(answer).service.r)).toEqual([3, 2, 1, 0, 0, 0]);
      for (const answer of answers) {
        const t = rateLimitOf(answer).service.t;
        expect(t).toBeGreaterThanOrEqual(1);
        expect(t).toBeLessThanOrEqual(60);
      }
      const refused = answers[4];
      expect(refused.body).toMatchObject({ error: 'rate_limited', limit: 'service' });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Every route counts against the same bucket: a token request is refused too, before
      // anything is looked up or recorded.
      const token = await tokenFor(key, { id: aliceId });
      expect([token.status, token.body.error]).toEqual([429, 'rate_limited']);
    });

    it('never counts a call without a valid credential against a client', async () => {
      const { id, key } = await newClient('flooded');
      const spare = await newServiceKey(api, admin, id);
      const revoke = await admins(`service-clients/${id}/keys/${spare.id}`, 'DELETE');
      expect(revoke.status).toBe(204);
      for (let i = 0; i < PER_MINUTE * 3; i++) {
        expect((await call(spare.key, 'grants')).status).toBe(401);
        expect((await call(`${key.slice(0, -3)}abc`, 'grants')).status).toBe(401);
      }
      const first = await call(key, 'grants');
      expect(first.status).toBe(200);
      expect(rateLimitOf(first).service.r).toBe(PER_MINUTE - 1);
    });

    it('counts token requests per user, apart from the client’s bucket', async () => {
      const { id, key } = await newClient('per-user');
      const set = await admins(`service-clients/${id}/rate-limits`, 'PUT', { perMinute: 20 });
      expect(set.status).toBe(200);
      const first = await tokenFor(key, { id: aliceId });
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-policy')).toBe(
        `"service";q=20;w=60, "service-user";q=${PER_USER_PER_MINUTE};w=60`,
      );
      expect(rateLimitOf(first)).toMatchObject({ service: { r: 19 }, 'service-user': { r: 1 } });
      // The same user by Google account id is the same bucket.
      const second = await tokenFor(key, { google_sub: ALICE_SUB });
      expect(second.status).toBe(200);
      expect(rateLimitOf(second)['service-user'].r).toBe(0);
      const third = await tokenFor(key, { id: aliceId });
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ error: 'rate_limited', limit: 'service-user' });
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another user has a bucket of their own (Bob has no grant: counted, then refused).
      const bob = await tokenFor(key, { google_sub: BOB_SUB });
      expect([bob.status, bob.body.error]).toEqual([404, 'no_grant']);
      expect(rateLimitOf(bob)['service-user'].r).toBe(PER_USER_PER_MINUTE - 1);
      // Calls that act for no user have only the client's bucket, which counted all of them.
      const lookup = await call(key, 'grants');
      expect(lookup.status).toBe(200);
      expect(lookup.headers.get('ratelimit-policy')).toBe('"service";q=20;w=60');
      expect(rateLimitOf(lookup).service.r).toBe(20 - 5);
      // Another client has its own (client, user) bucket for Alice.
      const other = await newClient('per-user-other');
      expect((await tokenFor(other.key, { id: aliceId })).status).toBe(200);
    });

    it('counts a token request the client’s limit refuses against none of the user’s budget', async () => {
      const { id, key } = await newClient('nested-buckets');
      const set = await admins(`service-clients/${id}/rate-limits`, 'PUT', {
        perMinute: 1,
        perUserPerMinute: 5,
      });
      expect(set.status).toBe(200);
      expect((await tokenFor(key, { id: aliceId })).status).toBe(200);
      const refused = await tokenFor(key, { id: aliceId });
      expect([refused.status, refused.body.error, refused.body.limit]).toEqual([
        429,
        'rate_limited',
        'service',
      ]);
      // The client's bucket counted both calls (one statement for both buckets), the user's
      // only the one the client's limit let through.
      const buckets = await api.db.query<{ key: string; hits: number }>(
        `SELECT key, hits FROM rate_limit_buckets WHERE key LIKE $1 ORDER BY key`,
        [`service:${id}%`],
      );
      expect(buckets).toEqual([
        { key: `service:${id}`, hits: 2 },
        { key: `service:${id}:user:${aliceId}`, hits: 1 },
      ]);
    });

    it('lets admins set a client’s limits, audited, and go back to the defaults', async () => {
      const { id, key } = await newClient('admin-limits');
      const before = await admins(`service-clients/${id}/controls`);
      expect(before.body).toEqual({
        rateLimits: { perMinute: null, perUserPerMinute: null },
        effective: { perMinute: PER_MINUTE, perUserPerMinute: PER_USER_PER_MINUTE },
        killSwitch: null,
      });
      const set = await admins(`service-clients/${id}/rate-limits`, 'PUT', {
        perMinute: 2,
        perUserPerMinute: 1,
      });
      expect(set.body).toMatchObject({
        rateLimits: { perMinute: 2, perUserPerMinute: 1 },
        effective: { perMinute: 2, perUserPerMinute: 1 },
      });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(key, 'grants')).status);
      expect(statuses).toEqual([200, 200, 429]);
      const audit = await auditOf('service_client.rate_limits_changed');
      expect(audit.at(-1)).toMatchObject({
        actor_kind: 'admin',
        details: { client_id: id, per_minute: 2, per_user_per_minute: 1 },
      });
      const reset = await admins(`service-clients/${id}/rate-limits`, 'PUT', { perMinute: null });
      expect(reset.body).toMatchObject({
        rateLimits: { perMinute: null, perUserPerMinute: null },
        effective: { perMinute: PER_MINUTE, perUserPerMinute: PER_USER_PER_MINUTE },
      });
      // The bucket's count stays; the limit it is held to is the default again.
      const after = await call(key, 'grants');
      expect(after.status).toBe(200);
      expect(after.headers.get('ratelimit-policy')).toBe(`"service";q=${PER_MINUTE};w=60`);
      for (const json of [{ perMinute: 0 }, { perMinute: 'many' }, { perUserPerMinute: 1.5 }]) {
        const refused = await admins(`service-clients/${id}/rate-limits`, 'PUT', json);
        expect([refused.status, refused.body.error]).toEqual([400, 'validation_failed']);
      }
      const unknown = await admins(
        'service-clients/00000000-0000-0000-0000-000000000000/rate-limits',
        'PUT',
        { perMinute: 5 },
      );
      expect([unknown.status, unknown.body.error]).toEqual([404, 'not_found']);
      expect((await admins('service-clients/nope/controls')).status).toBe(404);
    });
  });

  describe('kill switches', () => {
    it('stops one client’s issuance at once with the admin’s reason, and resumes it', async () => {
      const { id, key } = await newClient('killed');
      const other = await newClient('not-killed');
      const stop = await admins(`service-clients/${id}/kill-switch`, 'PUT', {
        reason: 'Incident 42: tokens in a log',
      });
      expect(stop.status).toBe(200);
      expect(stop.body.killSwitch).toMatchObject({
        reason: 'Incident 42: tokens in a log',
        since: expect.any(String) as string,
      });
      const refused = await tokenFor(key, { id: aliceId });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        error: 'issuance_stopped',
        switch: 'client',
        scope: null,
        reason: 'Incident 42: tokens in a log',
      });
      expect(Date.parse(refused.body.since as string)).toBeLessThanOrEqual(Date.now());
      const [disclosure] = await api.db.query<{ outcome: string; refusal: string }>(
        `SELECT outcome, refusal, user_id, token_fingerprint FROM disclosures WHERE client_id = $1`,
        [id],
      );
      expect(disclosure).toEqual({
        outcome: 'refused',
        refusal: 'issuance_stopped',
        user_id: aliceId,
        token_fingerprint: null,
      });
      // Its key still works for everything else; other clients still get tokens.
      expect((await call(key, 'grants')).status).toBe(200);
      expect((await tokenFor(other.key, { id: aliceId })).status).toBe(200);
      const resume = await admins(`service-clients/${id}/kill-switch`, 'DELETE');
      expect(resume.status).toBe(200);
      expect(resume.body.killSwitch).toBeNull();
      expect((await tokenFor(key, { id: aliceId })).status).toBe(200);
      const again = await admins(`service-clients/${id}/kill-switch`, 'DELETE');
      expect([again.status, again.body.error]).toEqual([404, 'not_found']);
      expect((await auditOf('service_client.kill_switch_set')).at(-1)?.details).toEqual({
        client_id: id,
        reason: 'Incident 42: tokens in a log',
      });
      expect((await auditOf('service_client.kill_switch_cleared')).at(-1)?.details).toEqual({
        client_id: id,
        reason: 'Incident 42: tokens in a log',
      });
      for (const json of [{}, { reason: 'no' }, { reason: 'bad\u0000reason' }]) {
        const bad = await admins(`service-clients/${id}/kill-switch`, 'PUT', json);
        expect([bad.status, bad.body.error]).toEqual([400, 'validation_failed']);
      }
      const unknown = await admins(
        'service-clients/00000000-0000-0000-0000-000000000000/kill-switch',
        'PUT',
        { reason: 'Incident 43' },
      );
      expect(unknown.status).toBe(404);
    });

    it('stops every token with a scope, for every client, and clears it', async () => {
      const first = await newClient('scope-switch-a');
      const second = await newClient('scope-switch-b');
      const path = `scope-kill-switches/${encodeURIComponent(GMAIL_SEND)}`;
      const set = await admins(path, 'PUT', { reason: 'Gmail send abuse' });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ scope: GMAIL_SEND, reason: 'Gmail send abuse' });
      const list = await admins<{ items: Array<{ scope: string }> }>('scope-kill-switches');
      expect(list.body.items.map((item) => item.scope)).toEqual([GMAIL_SEND]);
      for (const { key } of [first, second]) {
        const refused = await tokenFor(key, { id: aliceId });
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({
          error: 'issuance_stopped',
          switch: 'scope',
          scope: GMAIL_SEND,
          reason: 'Gmail send abuse',
        });
      }
      // A request without the scope is not stopped (Alice never granted Calendar: that refusal).
      const calendar = await tokenFor(first.key, { id: aliceId }, [CALENDAR]);
      expect([calendar.status, calendar.body.error]).toEqual([403, 'insufficient_scope']);
      const refusals = await api.db.query<{ refusal: string }>(
        `SELECT refusal FROM disclosures WHERE client_id = ANY($1) ORDER BY id`,
        [[first.id, second.id]],
      );
      expect(refusals.map((row) => row.refusal)).toEqual([
        'issuance_stopped',
        'issuance_stopped',
        'insufficient_scope',
      ]);
      const cleared = await admins(path, 'DELETE');
      expect(cleared.status).toBe(204);
      expect((await tokenFor(second.key, { id: aliceId })).status).toBe(200);
      expect((await admins(path, 'DELETE')).status).toBe(404);
      expect((await admins<{ items: unknown[] }>('scope-kill-switches')).body.items).toEqual([]);
      expect((await auditOf('scope_kill_switch.set')).at(-1)?.details).toEqual({
        scope: GMAIL_SEND,
        reason: 'Gmail send abuse',
      });
      expect((await auditOf('scope_kill_switch.cleared')).at(-1)?.details).toEqual({
        scope: GMAIL_SEND,
        reason: 'Gmail send abuse',
      });
      const bad = await admins('scope-kill-switches/not%20a%20scope', 'PUT', { reason: 'Abuse' });
      expect([bad.status, bad.body.error]).toEqual([400, 'validation_failed']);
      const noReason = await admins(path, 'PUT', {});
      expect(noReason.status).toBe(400);
    });
  });
});

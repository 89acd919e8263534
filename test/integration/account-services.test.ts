// What a user sees and controls of the services that use their Google access: /account/services
// sums up their disclosures, and the block switch refuses one service (403 blocked_by_user, on
// the record) without touching the grant or the other services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import {
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInAdmin,
  userIdOf,
} from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  GMAIL_SEND,
  postCode,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const PURPOSES = [
  { id: 'weekly-digest', feature: 'Your weekly digest by email' },
  { id: 'reminders', feature: 'Reminders you asked for' },
];

interface AccountService {
  clientId: string;
  name: string;
  team: string;
  features: string[];
  tokensIssued: number;
  requestsRefused: number;
  lastRequestAt: string | null;
  lastIssuedAt: string | null;
  blocked: boolean;
  blockedAt: string | null;
}

describe('Account: the services using your Google access', () => {
  let api: ApiUnderTest;
  let admin: string;
  let alice: string;
  let bob: string;
  let aliceId: string;
  let bobId: string;
  let newsletter: { id: string; key: string };
  let reminders: { id: string; key: string };

  const register = async (name: string) => {
    const id = await registerServiceClient(api, admin, name, {
      allowedScopes: [GMAIL_SEND, CALENDAR],
      purposes: PURPOSES,
    });
    return { id, key: (await newServiceKey(api, admin, id)).key };
  };
  const token = (key: string, userId: string, purpose = 'weekly-digest', scope = GMAIL_SEND) =>
    serviceCall<{ error?: string; access_token?: string }>(api, key, 'tokens', {
      user: { id: userId },
      scopes: [scope],
      purpose,
    });
  const lookup = (key: string, path: string) =>
    serviceCall<{ error?: string; items?: Array<{ user_id: string }> }>(api, key, path);
  const services = async (session: string) => {
    const answer = await request<{ items: AccountService[] }>(`${api.url}/account/services`, {
      cookies: { [SESSION_COOKIE]: session },
    });
    expect(answer.status).toBe(200);
    return answer.body.items;
  };
  const serviceOf = async (session: string, clientId: string) =>
    (await services(session)).find((service) => service.clientId === clientId);
  const toggle = (
    session: string,
    clientId: string,
    method: 'PUT' | 'DELETE',
    headers: Record<string, string> = XHR,
  ) =>
    request<AccountService & { error?: string }>(`${api.url}/account/services/${clientId}/block`, {
      method,
      headers,
      cookies: { [SESSION_COOKIE]: session },
    });

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    alice = await signInAs(api, ALICE_SUB);
    bob = await signInAs(api, BOB_SUB);
    aliceId = await userIdOf(api, ALICE_SUB);
    bobId = await userIdOf(api, BOB_SUB);
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    expect((await postCode(api, bob, await authorizationCode(api, { sub: BOB_SUB }))).status).toBe(
      200,
    );
    newsletter = await register('newsletter');
    reminders = await register('reminders');
  });
  afterAll(() => api.close());

  it('is empty before any service asked', async () => {
    expect(await services(alice)).toEqual([]);
  });

  it('sums up each service: features, tokens given, refusals, last time', async () => {
    for (let i = 0; i < 3; i++) expect((await token(newsletter.key, aliceId)).status).toBe(200);
    expect((await token(newsletter.key, aliceId, 'reminders')).status).toBe(200);
    // Refused (a scope Alice never granted) still counts as asked.
    const refused = await token(reminders.key, aliceId, 'weekly-digest', CALENDAR);
    expect([refused.status, refused.body.error]).toEqual([403, 'insufficient_scope']);
    expect((await token(reminders.key, aliceId, 'reminders')).status).toBe(200);
    // Bob's use is not Alice's.
    expect((await token(reminders.key, bobId)).status).toBe(200);
    const list = await services(alice);
    expect(list.map((service) => service.name)).toEqual(['reminders', 'newsletter']);
    const [second, first] = list;
    expect(first).toMatchObject({
      clientId: newsletter.id,
      team: 'Growth',
      features: ['Reminders you asked for', 'Your weekly digest by email'],
      tokensIssued: 4,
      requestsRefused: 0,
      blocked: false,
      blockedAt: null,
    });
    expect(second).toMatchObject({
      clientId: reminders.id,
      features: ['Reminders you asked for', 'Your weekly digest by email'],
      tokensIssued: 1,
      requestsRefused: 1,
    });
    const [{ last }] = await api.db.query<{ last: Date }>(
      `SELECT max(occurred_at) AS last FROM disclosures WHERE user_id = $1 AND client_id = $2`,
      [aliceId, newsletter.id],
    );
    expect(first.lastRequestAt).toBe(last.toISOString());
    expect((await services(bob)).map((service) => [service.name, service.tokensIssued])).toEqual([
      ['reminders', 1],
    ]);
  });

  it('blocks one service: blocked_by_user for tokens and lookups, on the record, audited', async () => {
    const blocked = await toggle(alice, newsletter.id, 'PUT');
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ clientId: newsletter.id, blocked: true, tokensIssued: 4 });
    expect(blocked.body.blockedAt).not.toBeNull();

    const refused = await token(newsletter.key, aliceId);
    expect([refused.status, refused.body.error]).toEqual([403, 'blocked_by_user']);
    expect(refused.body.access_token).toBeUndefined();
    const [disclosure] = await api.db.query<{ outcome: string; refusal: string; user_id: string }>(
      `SELECT outcome, refusal, user_id FROM disclosures WHERE client_id = $1 ORDER BY id DESC LIMIT 1`,
      [newsletter.id],
    );
    expect(disclosure).toEqual({
      outcome: 'refused',
      refusal: 'blocked_by_user',
      user_id: aliceId,
    });
    for (const path of [`users/${aliceId}/grant`, `users/by-google-sub/${ALICE_SUB}/grant`]) {
      const answer = await lookup(newsletter.key, path);
      expect([path, answer.status, answer.body.error]).toEqual([path, 403, 'blocked_by_user']);
    }
    // A consent link does not lift the block: the service cannot ask the user again either.
    const asked = await request<{ error?: string }>(`${api.url}/api/v1/consent-requests`, {
      json: {
        user: { id: aliceId },
        scopes: [GMAIL_SEND],
        purpose: 'weekly-digest',
      },
      headers: { authorization: `Bearer ${newsletter.key}` },
    });
    expect([asked.status, asked.body.error]).toEqual([403, 'blocked_by_user']);
    const page = await lookup(newsletter.key, 'grants');
    expect(page.status).toBe(200);
    expect(page.body.items!.map((grant) => grant.user_id)).toEqual([bobId]);

    // The grant is untouched, and so are the other service and the other user.
    const grant = await request<{ status: string }>(`${api.url}/offline-access`, {
      cookies: { [SESSION_COOKIE]: alice },
    });
    expect(grant.body.status).toBe('active');
    expect((await token(reminders.key, aliceId, 'reminders')).status).toBe(200);
    expect((await token(newsletter.key, bobId)).status).toBe(200);
    expect((await lookup(newsletter.key, `users/${bobId}/grant`)).status).toBe(200);

    const list = await services(alice);
    expect(list.find((service) => service.clientId === newsletter.id)).toMatchObject({
      blocked: true,
      requestsRefused: 1,
    });
    // Blocking again changes nothing and is not audited twice.
    expect((await toggle(alice, newsletter.id, 'PUT')).status).toBe(200);
    const events = await api.db.query<{
      action: string;
      actor_kind: string;
      actor_id: string;
      details: Record<string, unknown>;
    }>(
      `SELECT action, actor_kind, actor_id, details FROM audit_events
        WHERE action LIKE 'service_client.%blocked_by_user' ORDER BY id`,
    );
    expect(events).toEqual([
      {
        action: 'service_client.blocked_by_user',
        actor_kind: 'user',
        actor_id: aliceId,
        details: { client_id: newsletter.id },
      },
    ]);
  });

  it('does not let another user’s block affect this one', async () => {
    expect((await toggle(bob, reminders.id, 'PUT')).status).toBe(200);
    expect((await token(reminders.key, bobId)).body.error).toBe('blocked_by_user');
    // The block outranks what the grant says: a scope Bob never granted is not answered with
    // insufficient_scope and a consent link, and the refusal on the record is the block.
    const unscoped = await token(reminders.key, bobId, 'reminders', CALENDAR);
    expect([unscoped.status, unscoped.body.error]).toEqual([403, 'blocked_by_user']);
    expect(unscoped.body).not.toHaveProperty('consent_url');
    const [last] = await api.db.query<{ outcome: string; refusal: string }>(
      `SELECT outcome, refusal FROM disclosures WHERE client_id = $1 AND user_id = $2
        ORDER BY id DESC LIMIT 1`,
      [reminders.id, bobId],
    );
    expect(last).toEqual({ outcome: 'refused', refusal: 'blocked_by_user' });
    expect((await token(reminders.key, aliceId, 'reminders')).status).toBe(200);
    expect((await serviceOf(alice, reminders.id))?.blocked).toBe(false);
    expect((await toggle(bob, reminders.id, 'DELETE')).status).toBe(200);
  });

  it('unblocks: the service gets tokens and lookups again', async () => {
    const unblocked = await toggle(alice, newsletter.id, 'DELETE');
    expect(unblocked.status).toBe(200);
    expect(unblocked.body).toMatchObject({ blocked: false, blockedAt: null });
    expect((await token(newsletter.key, aliceId)).status).toBe(200);
    expect((await lookup(newsletter.key, `users/${aliceId}/grant`)).status).toBe(200);
    const page = await lookup(newsletter.key, 'grants');
    expect(page.body.items!.map((grant) => grant.user_id).sort()).toEqual([aliceId, bobId].sort());
    expect((await toggle(alice, newsletter.id, 'DELETE')).status).toBe(200);
    const actions = await api.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_events
        WHERE action = 'service_client.unblocked_by_user' AND actor_id = $1`,
      [aliceId],
    );
    expect(actions).toHaveLength(1);
  });

  it('refuses a cross-site write, an unknown service and a Bearer caller', async () => {
    const forged = await toggle(alice, newsletter.id, 'PUT', {});
    expect([forged.status, forged.body.error]).toEqual([403, 'cross_site_request']);
    const otherOrigin = await toggle(alice, newsletter.id, 'PUT', {
      ...XHR,
      origin: 'https://evil.example',
    });
    expect([otherOrigin.status, otherOrigin.body.error]).toEqual([403, 'cross_site_request']);
    expect((await serviceOf(alice, newsletter.id))?.blocked).toBe(false);
    for (const id of ['00000000-0000-0000-0000-000000000000', 'nope']) {
      for (const method of ['PUT', 'DELETE'] as const) {
        const answer = await toggle(alice, id, method);
        expect([id, method, answer.status, answer.body.error]).toEqual([
          id,
          method,
          404,
          'not_found',
        ]);
      }
    }
    const anonymous = await request(`${api.url}/account/services`);
    expect(anonymous.status).toBe(401);
    const credential = await api.mintIdToken({ sub: ALICE_SUB });
    const bearer = await request(`${api.url}/account/services/${newsletter.id}/block`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${credential}` },
    });
    expect([bearer.status, bearer.body.error]).toEqual([401, 'authentication_required']);
    expect(
      await api.db.query(`SELECT 1 FROM user_service_blocks WHERE user_id = $1`, [aliceId]),
    ).toEqual([]);
  });

  it('lists a service blocked before it ever asked', async () => {
    const quiet = await register('quiet');
    const blocked = await toggle(bob, quiet.id, 'PUT');
    expect(blocked.body).toMatchObject({ name: 'quiet', blocked: true, tokensIssued: 0 });
    expect((await serviceOf(bob, quiet.id))?.lastRequestAt).toBeNull();
    const unblocked = await toggle(bob, quiet.id, 'DELETE');
    expect(unblocked.body).toMatchObject({ name: 'quiet', blocked: false });
    expect(await serviceOf(bob, quiet.id)).toBeUndefined();
  });

  it('sums up a user with many disclosures from one index, without reading the table', async () => {
    const heavy = '00000000-0000-4000-8000-00000000beef';
    // 60,000 disclosures of 2,000 users over two services, 6,000 of them the heavy user's.
    await api.db.query(
      `INSERT INTO disclosures (occurred_at, client_id, user_id, scopes, purpose, outcome)
       SELECT now() - make_interval(secs => i), ($1::uuid[])[1 + i % 2],
              CASE WHEN i % 10 = 0 THEN $2::uuid
                   ELSE ('00000000-0000-4000-8000-' || lpad((i % 2000)::text, 12, '0'))::uuid END,
              ARRAY[$3], CASE WHEN i % 3 = 0 THEN 'reminders' ELSE 'weekly-digest' END,
              CASE WHEN i % 7 = 0 THEN 'refused' ELSE 'issued' END
         FROM generate_series(1, 60000) AS i`,
      [[newsletter.id, reminders.id], heavy, GMAIL_SEND],
    );
    await api.db.query('VACUUM ANALYZE disclosures');
    const [{ 'QUERY PLAN': plan }] = await api.db.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON, ANALYZE)
       SELECT client_id,
              count(*) FILTER (WHERE outcome = 'issued')::int AS issued,
              count(*) FILTER (WHERE outcome = 'refused')::int AS refused,
              array_agg(DISTINCT purpose) AS purposes,
              max(occurred_at) AS last_at,
              max(occurred_at) FILTER (WHERE outcome = 'issued') AS last_issued_at
         FROM disclosures
        WHERE user_id = $1::uuid
        GROUP BY client_id`,
      [heavy],
    );
    const text = JSON.stringify(plan);
    expect(text).toContain('"Index Only Scan"');
    expect(text).toContain('disclosures_user_client_idx');
    expect(text).not.toContain('"Sort"');
    const started = performance.now();
    const answer = await request<{ items: AccountService[] }>(`${api.url}/account/services`, {
      cookies: { [SESSION_COOKIE]: alice },
    });
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

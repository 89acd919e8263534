import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_SUB,
  type ApiUnderTest,
  startApiUnderTest,
  WEB_CLIENT_ID,
} from '../support/api-under-test.js';
import { adminCall, ADMIN_SUB, seedUsers, signInAdmin, userIdOf } from '../support/admin-client.js';
import { request } from '../support/http-client.js';
import {
  authorizationCode,
  postCode,
  SESSION_COOKIE,
  signInAs,
} from '../support/offline-access-client.js';

describe('Admin API: bulk revocation', () => {
  let api: ApiUnderTest;
  let admin: string;
  let alice: string;

  const bulk = (body: unknown, headers?: Record<string, string>) =>
    adminCall(api, admin, 'grants/revoke-bulk', { json: body, headers });
  const live = async (scope: string) =>
    (
      await api.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM grants WHERE status = 'active' AND $1 = ANY(scopes)`,
        [scope],
      )
    )[0].n;

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    alice = await signInAs(api, ALICE_SUB);
    await postCode(api, alice, await authorizationCode(api));
    await seedUsers(api, 800, WEB_CLIENT_ID);
  });
  afterAll(() => api.close());

  it('counts without revoking on a dry run', async () => {
    const before = await live('scope:a');
    const response = await bulk({ filter: { scope: 'scope:a' }, reason: 'cleanup', dryRun: true });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ count: before });
    expect(before).toBeGreaterThan(100);
    expect(await live('scope:a')).toBe(before);
  });

  it('revokes every live grant the filter matches, in batches, on the record', async () => {
    const before = await live('scope:a');

    const response = await bulk({ filter: { scope: 'scope:a' }, reason: 'cleanup', dryRun: false });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ revoked: before });
    expect(await live('scope:a')).toBe(0);
    expect(await live('scope:b')).toBeGreaterThan(0);
    const again = await bulk({ filter: { scope: 'scope:a' }, reason: 'cleanup', dryRun: true });
    expect(again.body).toEqual({ count: 0 });
    const adminId = await userIdOf(api, ADMIN_SUB);
    const [summary] = await api.db.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_events WHERE action = 'admin.grants_bulk_revoked'`,
    );
    expect(summary).toMatchObject({ actor_id: adminId, details: { revoked: before } });
    const [{ n }] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'offline_access.revoked' AND actor_id = $1`,
      [adminId],
    );
    expect(n).toBe(before);
  });

  it("revokes a real user's grant, which they then see revoked", async () => {
    const response = await bulk({
      filter: { scope: 'https://www.googleapis.com/auth/gmail.send', status: 'active' },
      reason: 'gmail access withdrawn',
      dryRun: false,
    });
    expect(response.body).toEqual({ revoked: 1 });
    const own = await request(`${api.url}/offline-access`, {
      cookies: { [SESSION_COOKIE]: alice },
    });
    expect(own.body).toMatchObject({
      status: 'revoked',
      revocationReason: 'gmail access withdrawn',
    });
  });

  it.each([
    { filter: {}, reason: 'all of them', dryRun: true },
    { filter: { status: 'dead' }, reason: 'bad status', dryRun: true },
    { filter: { scope: 'x', extra: 1 }, reason: 'unknown field', dryRun: true },
    { filter: { scope: 'x' }, reason: 'no', dryRun: true },
    { filter: { scope: 'x' }, reason: 'dry run missing' },
    { reason: 'no filter', dryRun: true },
  ])('answers 400 to %j', async (body) => {
    expect((await bulk(body)).status).toBe(400);
  });

  it('refuses a session request without X-Requested-With', async () => {
    const response = await bulk(
      { filter: { scope: 'scope:b' }, reason: 'csrf', dryRun: false },
      {},
    );
    expect(response.status).toBe(403);
    expect(await live('scope:b')).toBeGreaterThan(0);
  });
});

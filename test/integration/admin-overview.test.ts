import { GrantsService } from '@grantkeeper/offline-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest, WEB_CLIENT_ID } from '../support/api-under-test.js';
import { adminCall, signInAdmin } from '../support/admin-client.js';

interface Overview {
  days: number;
  headline: {
    users: number;
    liveGrants: number;
    suspendedGrants: number;
    failingTasks: number;
    revokedInPeriod: number;
    refreshSuccessRate: number | null;
  };
  grantsByStatus: Array<{ date: string; active: number; revoked: number; suspended: number }>;
  refreshOutcomes: Array<{ date: string; succeeded: number; failed: number }>;
  signIns: Array<{ date: string; count: number }>;
  tasksByState: Record<string, number>;
  googleClient: { rejected: boolean; since: string | null; refusals: number };
}

const DAY = 86_400_000;

/** Midnight UTC `n` days before today, plus `hours`. */
function at(daysAgo: number, hours = 0): string {
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return new Date(today - daysAgo * DAY + hours * 3_600_000).toISOString();
}

describe('Admin API: overview charts', () => {
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApiUnderTest();
    admin = await signInAdmin(api);
    // Six grants whose lives cross the last three days (today is day 0).
    const grants: Array<{ created: string; status: string; revoked?: string; suspended?: string }> =
      [
        { created: at(10), status: 'active' },
        { created: at(10), status: 'revoked', revoked: at(1, 12) },
        { created: at(2, 12), status: 'active' },
        { created: at(0, 1), status: 'suspended', suspended: at(0, 2) },
        { created: at(20), status: 'revoked', revoked: at(15) },
        { created: at(5), status: 'suspended', suspended: at(4) },
      ];
    for (const [n, grant] of grants.entries()) {
      const [user] = await api.db.query<{ id: string }>(
        `INSERT INTO users (google_sub, email, email_verified, name)
         VALUES ($1, $2, true, 'Chart Person') RETURNING id`,
        [`30000000000000000000${n}`, `chart-${n}@example.org`],
      );
      await api.db.query(
        `INSERT INTO grants (user_id, client_id, scopes, status, created_at, revoked_at,
                             revoked_by, revocation_reason, suspended_at)
         VALUES ($1, $2, '{openid}', $3, $4, $5, $6, $7, $8)`,
        [
          user.id,
          WEB_CLIENT_ID,
          grant.status,
          grant.created,
          grant.revoked ?? null,
          grant.revoked ? 'system' : null,
          grant.revoked ? 'test' : null,
          grant.suspended ?? null,
        ],
      );
    }
    // Their news digests: two active (one failing), one paused, one turned off (failed, but
    // switched off, so not counted as failing).
    const tasks = [
      { enabled: true, state: 'active', failures: 2 },
      { enabled: true, state: 'paused', failures: 0 },
      { enabled: false, state: 'active', failures: 3 },
      { enabled: true, state: 'active', failures: 0 },
    ];
    for (const [n, task] of tasks.entries()) {
      await api.db.query(
        `INSERT INTO user_tasks (user_id, task_name, enabled, state, consecutive_failures)
         SELECT id, 'news-digest', $2, $3, $4 FROM users WHERE google_sub = $1`,
        [`30000000000000000000${n}`, task.enabled, task.state, task.failures],
      );
    }
    const events: Array<[string, string]> = [
      ['offline_access.refresh_succeeded', at(1, 3)],
      ['offline_access.refresh_succeeded', at(1, 4)],
      ['offline_access.refresh_failed', at(0, 0)],
      ['sign_in.succeeded', at(2, 23)],
      // Outside the window: left out.
      ['sign_in.succeeded', at(3, 23)],
    ];
    for (const [action, occurredAt] of events) {
      await api.db.query(
        `INSERT INTO audit_events (actor_kind, action, occurred_at) VALUES ('system', $1, $2)`,
        [action, occurredAt],
      );
    }
  });
  afterAll(() => api.close());

  it('rebuilds grants by status per UTC day, with per-day refresh outcomes and sign-ins', async () => {
    const response = await adminCall<Overview>(api, admin, 'overview?days=3');
    expect(response.status).toBe(200);
    const dates = [at(2), at(1), at(0)].map((d) => d.slice(0, 10));
    expect(response.body.days).toBe(3);
    expect(response.body.grantsByStatus).toEqual([
      { date: dates[0], active: 3, revoked: 1, suspended: 1 },
      { date: dates[1], active: 2, revoked: 2, suspended: 1 },
      { date: dates[2], active: 2, revoked: 2, suspended: 2 },
    ]);
    expect(response.body.refreshOutcomes).toEqual([
      { date: dates[0], succeeded: 0, failed: 0 },
      { date: dates[1], succeeded: 2, failed: 0 },
      { date: dates[2], succeeded: 0, failed: 1 },
    ]);
    // Today's one is the admin's own sign-in above.
    expect(response.body.signIns).toEqual([
      { date: dates[0], count: 1 },
      { date: dates[1], count: 0 },
      { date: dates[2], count: 1 },
    ]);
    expect(response.body.tasksByState).toEqual({ active: 2, paused: 1, disabled: 1 });
    const [{ users }] = await api.db.query<{ users: number }>(
      `SELECT count(*)::int AS users FROM users`,
    );
    // One revocation inside the three days (the other is 15 days old); 2 of 3 refreshes succeeded.
    expect(response.body.headline).toEqual({
      users,
      liveGrants: 2,
      suspendedGrants: 2,
      failingTasks: 1,
      revokedInPeriod: 1,
      refreshSuccessRate: 2 / 3,
    });
    // This instance's view of Google: the OAuth client is accepted (no 401 invalid_client).
    expect(response.body.googleClient).toEqual({ rejected: false, since: null, refusals: 0 });
  });

  it('defaults to 30 days, today last', async () => {
    const response = await adminCall<Overview>(api, admin, 'overview');
    expect(response.status).toBe(200);
    expect(response.body.days).toBe(30);
    expect(response.body.signIns).toHaveLength(30);
    expect(response.body.grantsByStatus.at(-1)?.date).toBe(at(0).slice(0, 10));
    expect(response.body.grantsByStatus).toHaveLength(30);
    expect(response.body.headline.revokedInPeriod).toBe(2);
  });

  it('refuses a window outside 1–365 days or a stray parameter with 400', async () => {
    for (const query of ['days=0', 'days=366', 'days=abc', 'days=1.5', 'from=2026-01-01']) {
      const response = await adminCall(api, admin, `overview?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400 });
    }
  });

  it('records a suspension time on suspend and clears it on resume', async () => {
    const [user] = await api.db.query<{ id: string }>(
      `SELECT user_id AS id FROM grants WHERE status = 'active' ORDER BY created_at LIMIT 1`,
    );
    const grants = api.app.get(GrantsService);
    expect(await grants.suspendForUser(user.id, 'test')).toBe(1);
    const [suspended] = await api.db.query<{ suspended_at: Date | null }>(
      `SELECT suspended_at FROM grants WHERE user_id = $1`,
      [user.id],
    );
    expect(suspended.suspended_at).toBeInstanceOf(Date);
    expect(await grants.resumeForUser(user.id, 'test')).toBe(1);
    const [resumed] = await api.db.query<{ suspended_at: Date | null }>(
      `SELECT suspended_at FROM grants WHERE user_id = $1`,
      [user.id],
    );
    expect(resumed.suspended_at).toBeNull();
  });
});

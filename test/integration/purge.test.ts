// The purge job (MaintenanceWorker.purge) on a real database: sessions that can never be used
// again and ended rate-limit windows go; live ones stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaintenanceWorker } from '../../libs/scheduler/src/maintenance.worker.js';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';
import { SESSION_COOKIE, signInAs } from '../support/offline-access-client.js';

describe('Purge job', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  it('deletes expired and revoked sessions and ended rate-limit windows, and keeps live ones', async () => {
    const live = await signInAs(api, ALICE_SUB);
    for (let i = 0; i < 3; i++) await signInAs(api, ALICE_SUB);
    const ids = (
      await api.db.query<{ id: string }>(`SELECT id FROM sessions ORDER BY created_at, id`)
    ).map((row) => row.id);
    expect(ids).toHaveLength(4);
    // The first session stays live; the others: expired, revoked, revoked and expired.
    await api.db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`,
      [[ids[1], ids[3]]],
    );
    await api.db.query(`UPDATE sessions SET revoked_at = now() WHERE id = ANY($1)`, [
      [ids[2], ids[3]],
    ]);
    await api.db.query(
      `UPDATE sessions SET expires_at = now() + interval '1 hour', revoked_at = NULL
        WHERE id = $1`,
      [ids[0]],
    );
    await api.db.query(
      `INSERT INTO rate_limit_buckets (key, hits, window_ends_at)
       VALUES ('ended', 5, now() - interval '1 second'), ('open', 1, now() + interval '1 minute')`,
    );
    const bucketsBefore = await api.db.query<{ key: string }>(`SELECT key FROM rate_limit_buckets`);

    const counts = await api.app.get(MaintenanceWorker).purge();

    expect(counts).toMatchObject({ sessionsPurged: 3, rateLimitsPurged: 1 });
    const left = await api.db.query<{ id: string }>(`SELECT id FROM sessions`);
    expect(left.map((row) => row.id)).toEqual([ids[0]]);
    const buckets = await api.db.query<{ key: string }>(`SELECT key FROM rate_limit_buckets`);
    expect(buckets.map((row) => row.key).sort()).toEqual(
      bucketsBefore
        .map((row) => row.key)
        .filter((key) => key !== 'ended')
        .sort(),
    );
    // The kept session still signs its holder in.
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: live } });
    expect(me.status).toBe(200);
  });

  it('deletes expired redirect-flow states with their PKCE verifiers, and keeps live ones', async () => {
    const session = await signInAs(api, ALICE_SUB);
    for (let i = 0; i < 2; i++) {
      const started = await request(`${api.url}/auth/google`, {
        cookies: { [SESSION_COOKIE]: session },
      });
      expect(started.status).toBe(302);
    }
    const states = await api.db.query<{ id: string; verifier_envelope_id: string }>(
      `SELECT encode(state_hash, 'hex') AS id, verifier_envelope_id FROM oauth_states ORDER BY created_at, state_hash`,
    );
    expect(states).toHaveLength(2);
    await api.db.query(
      `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE encode(state_hash, 'hex') = $1`,
      [states[0].id],
    );

    const counts = await api.app.get(MaintenanceWorker).purge();

    expect(counts).toMatchObject({ statesPurged: 1 });
    const left = await api.db.query<{ id: string }>(
      `SELECT encode(state_hash, 'hex') AS id FROM oauth_states`,
    );
    expect(left.map((row) => row.id)).toEqual([states[1].id]);
    const envelopes = await api.db.query<{ id: string }>(
      'SELECT id FROM vault_envelopes WHERE id = ANY($1)',
      [states.map((state) => state.verifier_envelope_id)],
    );
    expect(envelopes.map((row) => row.id)).toEqual([states[1].verifier_envelope_id]);
  });
});

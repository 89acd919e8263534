import { createSecretKey, randomBytes } from 'node:crypto';
import { refreshTokenIdentifier, tokenBinding } from '@grantkeeper/offline-access';
import { EnvelopeCipher, Keyring } from '@grantkeeper/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase, SeedRefusedError, type SeedSummary } from '../../apps/seed/src/seeder.js';
import { type ApiUnderTest, startApiUnderTest, WEB_CLIENT_ID } from '../support/api-under-test.js';
import { adminCall, allPages, signInAdmin } from '../support/admin-client.js';

const COUNTS = { grants: 200, audit: 1_000, users: 240 };

interface GrantRow {
  id: string;
  user_id: string;
  status: string;
  refresh_token_envelope_id: string | null;
  refresh_token_identifier: string | null;
  upstream_revoked_at: Date | null;
}

describe('Seeding (npm run seed)', () => {
  let api: ApiUnderTest;
  let admin: string;
  let summary: SeedSummary;
  let counted: Record<string, number>;
  const vaultKey = randomBytes(32);
  const keyring = new Keyring([{ version: 1, key: createSecretKey(vaultKey) }], 1);
  const seed = () => seedDatabase(api.db.url, COUNTS, { clientId: WEB_CLIENT_ID, keyring });

  beforeAll(async () => {
    api = await startApiUnderTest({ VAULT_KEYS: `1:${vaultKey.toString('base64url')}` });
    summary = await seed();
    [counted] = await api.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM users WHERE google_sub >= '9') AS users,
              (SELECT count(*)::int FROM grants) AS grants,
              (SELECT count(*)::int FROM audit_events) AS audit,
              (SELECT count(*)::int FROM vault_envelopes) AS envelopes`,
    );
    admin = await signInAdmin(api);
  });
  afterAll(() => api.close());

  it('writes the counts asked for', () => {
    expect(counted).toEqual({
      users: 240,
      grants: 200,
      audit: 1_000,
      envelopes: summary.envelopes,
    });
    expect(summary).toMatchObject(COUNTS);
  });

  it('gives every live grant a refresh token sealed and bound to it, and revoked ones none', async () => {
    const grants = await api.db.query<GrantRow>('SELECT * FROM grants');
    const statuses = new Set(grants.map((g) => g.status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['active', 'revoked']));
    const cipher = new EnvelopeCipher(keyring);
    for (const grant of grants) {
      if (grant.status === 'revoked') {
        expect(grant.refresh_token_envelope_id).toBeNull();
        expect(grant.refresh_token_identifier).toBeNull();
        expect(grant.upstream_revoked_at).not.toBeNull();
        continue;
      }
      const [envelope] = await api.db.query<Record<string, Buffer | number>>(
        `SELECT kek_version AS "kekVersion", data_key_nonce AS "dataKeyNonce",
                wrapped_data_key AS "wrappedDataKey", data_key_tag AS "dataKeyTag", nonce,
                ciphertext, tag FROM vault_envelopes WHERE id = $1`,
        [grant.refresh_token_envelope_id],
      );
      const open = (binding: ReturnType<typeof tokenBinding>) =>
        cipher.open(grant.refresh_token_envelope_id!, envelope as never, binding);
      const token = open(tokenBinding(grant.id, grant.user_id, 'refresh'));
      expect(refreshTokenIdentifier(token)).toBe(grant.refresh_token_identifier);
      if (grant === grants.find((g) => g.status === 'active')) {
        // The token itself is nowhere in clear: not in any grant, user or audit row.
        const [found] = await api.db.query<{ n: number }>(
          `SELECT ((SELECT count(*) FROM grants g WHERE g::text LIKE $1) +
                   (SELECT count(*) FROM users u WHERE u::text LIKE $1) +
                   (SELECT count(*) FROM audit_events e WHERE e::text LIKE $1))::int AS n`,
          [`%${token.slice(4, 40)}%`],
        );
        expect(found.n).toBe(0);
      }
      expect(() => open(tokenBinding(grant.id, grant.user_id, 'access'))).toThrow();
      expect(() =>
        open(
          tokenBinding(
            grants[0].id === grant.id ? grants[1].id : grants[0].id,
            grant.user_id,
            'refresh',
          ),
        ),
      ).toThrow();
    }
  });

  it('keeps dates in order and puts every grant creation and revocation on the record', async () => {
    const [wrong] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grants g JOIN users u ON u.id = g.user_id
        WHERE g.created_at < u.created_at OR g.created_at > now()
           OR g.last_used_at < g.created_at OR g.revoked_at < g.created_at
           OR g.last_refreshed_at < g.created_at OR u.created_at < now() - interval '731 days'`,
    );
    expect(wrong.n).toBe(0);
    const [missing] = await api.db.query<{ created: number; revoked: number }>(
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_events e
                WHERE e.grant_id = g.id AND e.action = 'offline_access.grant_created'))::int AS created,
              count(*) FILTER (WHERE g.status = 'revoked' AND NOT EXISTS (SELECT 1 FROM audit_events e
                WHERE e.grant_id = g.id AND e.action = 'offline_access.revoked'))::int AS revoked
         FROM grants g`,
    );
    expect(missing).toEqual({ created: 0, revoked: 0 });
    const kinds = await api.db.query<{ actor_kind: string }>(
      'SELECT DISTINCT actor_kind FROM audit_events ORDER BY 1',
    );
    expect(kinds.map((k) => k.actor_kind)).toEqual(
      expect.arrayContaining(['anonymous', 'google', 'system', 'user']),
    );
  });

  it('lists the seeded data through the admin API', async () => {
    const users = await allPages<{ email: string }>(api, admin, 'users?limit=200');
    expect(users.items.length).toBe(241); // and the admin who signed in
    const someone = users.items.find((u) => /\d@/.test(u.email))!;
    const prefix = someone.email.split('@')[0];
    const found = await adminCall<{ items: Array<{ email: string }> }>(
      api,
      admin,
      `users?q=${encodeURIComponent(prefix)}`,
    );
    expect(found.body.items.map((u) => u.email)).toContain(someone.email);
    const revoked = await allPages<{ status: string }>(
      api,
      admin,
      'grants?status=revoked&limit=200',
    );
    const [count] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grants WHERE status = 'revoked'`,
    );
    expect(revoked.items.length).toBe(count.n);
    const created = await allPages(
      api,
      admin,
      'audit?action=offline_access.grant_created&limit=200',
    );
    expect(created.items.length).toBe(200);
    const vault = await adminCall<{ versions: Array<{ envelopes: number }> }>(api, admin, 'vault');
    expect(vault.body.versions[0].envelopes).toBe(summary.envelopes);
  });

  it('refuses to seed a database that holds seeded data, writing nothing', async () => {
    await expect(seed()).rejects.toThrow(SeedRefusedError);
    await expect(seed()).rejects.toThrow(/already holds 240 seeded users/);
    const [row] = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grants');
    expect(row.n).toBe(200);
  });
});

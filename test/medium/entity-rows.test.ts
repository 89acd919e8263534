import { entityRows } from '@grantkeeper/database';
import { IdentityModule } from '@grantkeeper/identity';
import { type GrantEntity, OfflineAccessModule } from '@grantkeeper/offline-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModuleUnderTest, startModules } from '../support/module-under-test.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The broker's hot grant read maps `SELECT *` rows itself: the entity it makes must be the one
// TypeORM's find makes, for every column of the table, set or null.
describe(entityRows.name, () => {
  let db: TestDatabase;
  let modules: ModuleUnderTest;

  beforeAll(async () => {
    db = await createTestDatabase();
    modules = await startModules([IdentityModule, OfflineAccessModule], { databaseUrl: db.url });
    await db.query(
      `INSERT INTO users (google_sub, email, email_verified, name)
       VALUES ('100000000000000000001', 'ada@example.org', true, 'Ada'),
              ('100000000000000000002', 'bob@example.org', true, 'Bob')`,
    );
    // One grant with every nullable column set, one with each left at its default or null.
    await db.query(
      `INSERT INTO grants (user_id, client_id, scopes, status, refresh_token_envelope_id,
                           access_token_envelope_id, refresh_token_identifier,
                           access_token_expires_at, refresh_token_issued_at, refresh_token_expires_at,
                           reauth_required_at, health_flags, refresh_tokens_issued, last_refreshed_at,
                           last_used_at, failure_count, last_error, next_refresh_at, revoked_at,
                           revoked_by, revocation_reason, upstream_revoked_at)
       SELECT id, 'web.apps.googleusercontent.com', ARRAY['openid', 'email'], 'revoked',
              gen_random_uuid(), gen_random_uuid(), 'identifier', now() + interval '1 hour',
              now() - interval '1 day', now() + interval '6 days', now(), ARRAY['idle_near_expiry'],
              3, now() - interval '1 minute', now(), 2, 'invalid_grant', now() + interval '1 minute',
              now(), 'admin', 'revoked by an admin', now()
         FROM users WHERE email = 'ada@example.org'`,
    );
    await db.query(
      `INSERT INTO grants (user_id, client_id) SELECT id, 'web.apps.googleusercontent.com'
         FROM users WHERE email = 'bob@example.org'`,
    );
  });

  afterAll(async () => {
    await modules?.close();
    await db?.drop();
  });

  it('makes the entity TypeORM’s find makes, from a plain SELECT *', async () => {
    const grantOf = entityRows<GrantEntity>(modules.dataSource, 'GrantEntity');
    const rows = await modules.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM grants ORDER BY refresh_tokens_issued DESC`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const found = await modules.dataSource
        .getRepository<GrantEntity>('GrantEntity')
        .findOneByOrFail({ id: row.id as string });
      const mapped = grantOf(row);
      expect(mapped.constructor).toBe(found.constructor);
      expect(mapped).toEqual(found);
      expect(Object.keys(mapped).sort()).toEqual(Object.keys(found).sort());
    }
    expect(grantOf(rows[0]).revokedBy).toBe('admin');
    expect(grantOf(rows[1]).accessTokenExpiresAt).toBeNull();
  });

  it('refuses an entity with a column pg returns otherwise than TypeORM (bigint)', () => {
    expect(() => entityRows(modules.dataSource, 'AuditEventEntity')).toThrow(
      /AuditEventEntity\.id \(bigint\) cannot be mapped from a raw row/,
    );
  });
});

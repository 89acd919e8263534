import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline grants: one per user and OAuth client. Token material is not here: the refresh and
 * access tokens live in vault envelopes, referenced by id.
 */
export class Grants1764950500000 implements MigrationInterface {
  name = 'Grants1764950500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        client_id text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        refresh_token_envelope_id uuid,
        access_token_envelope_id uuid,
        access_token_expires_at timestamptz,
        refresh_tokens_issued integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_refreshed_at timestamptz,
        last_used_at timestamptz,
        failure_count integer NOT NULL DEFAULT 0,
        last_error text,
        next_refresh_at timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        revocation_reason text,
        upstream_revoked_at timestamptz,
        CONSTRAINT grants_user_client_key UNIQUE (user_id, client_id)
      )`);
    await db.query(`CREATE INDEX grants_status_idx ON grants (status, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE grants`);
  }
}

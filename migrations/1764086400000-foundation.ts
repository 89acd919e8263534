import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, their database-backed sessions, and the append-only audit log.
 * Audit rows can't be changed; they can't be deleted either unless the transaction sets
 * `grantkeeper.audit_maintenance = on`, which only the retention job does.
 */
export class Foundation1764086400000 implements MigrationInterface {
  name = 'Foundation1764086400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        google_sub text NOT NULL,
        email text,
        email_verified boolean NOT NULL DEFAULT false,
        name text,
        given_name text,
        family_name text,
        picture text,
        hd text,
        role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        CONSTRAINT users_google_sub_key UNIQUE (google_sub)
      )`);
    await db.query(`CREATE INDEX users_email_idx ON users (lower(email))`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text,
        ip text,
        user_agent text,
        CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
      )`);
    await db.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id text,
        action text NOT NULL,
        subject_user_id uuid,
        grant_id uuid,
        request_id text,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(
      `CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_subject_idx ON audit_events (subject_user_id, occurred_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('grantkeeper.audit_maintenance', true), '') = 'on'
           AND TG_OP IN ('DELETE', 'TRUNCATE') THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE users`);
  }
}

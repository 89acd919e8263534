import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service API's tables (libs/service-api): the other teams' services an admin registered,
 * their API keys (a SHA-256 hash and an indexed lookup prefix, never the key), and the
 * disclosures, one row for every token a service asked for, given or refused. Disclosures are
 * append-only like the audit log: the same trigger refuses UPDATE and DELETE.
 */
export class ServiceClients1765910000000 implements MigrationInterface {
  name = 'ServiceClients1765910000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE service_clients (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         name text NOT NULL,
         team text NOT NULL,
         contact text NOT NULL,
         allowed_scopes text[] NOT NULL DEFAULT '{}',
         purposes jsonb NOT NULL DEFAULT '[]',
         ip_allowlist text[] NOT NULL DEFAULT '{}',
         status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         last_used_at timestamptz,
         CONSTRAINT service_clients_name_key UNIQUE (name)
       )`,
    );
    await db.query(
      `CREATE TABLE service_api_keys (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         client_id uuid NOT NULL REFERENCES service_clients (id) ON DELETE CASCADE,
         lookup_prefix text NOT NULL,
         secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
         api_scopes text[] NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz,
         last_used_at timestamptz,
         last_used_ip text,
         CONSTRAINT service_api_keys_lookup_prefix_key UNIQUE (lookup_prefix)
       )`,
    );
    await db.query(`CREATE INDEX service_api_keys_client_idx ON service_api_keys (client_id)`);
    await db.query(
      `CREATE TABLE disclosures (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         occurred_at timestamptz NOT NULL DEFAULT now(),
         client_id uuid NOT NULL,
         key_id uuid,
         user_id uuid,
         grant_id uuid,
         scopes text[] NOT NULL,
         purpose text NOT NULL,
         purpose_detail text,
         outcome text NOT NULL CHECK (outcome IN ('issued', 'refused')),
         refusal text,
         token_fingerprint text,
         request_id text,
         ip text
       )`,
    );
    await db.query(`CREATE INDEX disclosures_time_idx ON disclosures (occurred_at, id)`);
    await db.query(
      `CREATE INDEX disclosures_user_idx ON disclosures (user_id, occurred_at) WHERE user_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX disclosures_client_idx ON disclosures (client_id, occurred_at)`);
    // As the audit log's: a DELETE passes only in a retention transaction that sets
    // `grantkeeper.audit_maintenance`.
    await db.query(`
      CREATE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('grantkeeper.audit_maintenance', true), '') = 'on'
           AND TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'disclosures is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(
      `CREATE TRIGGER disclosures_no_update_delete BEFORE UPDATE OR DELETE ON disclosures
         FOR EACH ROW EXECUTE FUNCTION disclosures_append_only()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE disclosures`);
    await db.query(`DROP FUNCTION disclosures_append_only()`);
    await db.query(`DROP TABLE service_api_keys`);
    await db.query(`DROP TABLE service_clients`);
  }
}

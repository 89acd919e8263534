import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `private_key_jwt` client credentials (libs/service-api): a client's public keys (an inline
 * JWK set or the URL of one) and the API scopes its JWT-issued tokens may carry; the access
 * tokens `POST /api/v1/oauth/token` hands out (a SHA-256 hash and an indexed lookup prefix,
 * never the token); the assertion ids already used, kept until the assertion expires, so each
 * is accepted once across instances; and on a disclosure, the access token it was made with.
 */
export class ServiceJwtCredentials1765920000000 implements MigrationInterface {
  name = 'ServiceJwtCredentials1765920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE service_clients
         ADD COLUMN jwks jsonb,
         ADD COLUMN jwks_uri text,
         ADD COLUMN jwt_api_scopes text[] NOT NULL DEFAULT '{tokens:issue,grants:read}',
         ADD CONSTRAINT service_clients_one_key_set CHECK (jwks IS NULL OR jwks_uri IS NULL)`,
    );
    await db.query(
      `CREATE TABLE service_access_tokens (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         client_id uuid NOT NULL REFERENCES service_clients (id) ON DELETE CASCADE,
         lookup_prefix text NOT NULL,
         secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
         api_scopes text[] NOT NULL,
         assertion_kid text,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         ip text,
         CONSTRAINT service_access_tokens_lookup_prefix_key UNIQUE (lookup_prefix)
       )`,
    );
    await db.query(
      `CREATE INDEX service_access_tokens_client_idx ON service_access_tokens (client_id)`,
    );
    await db.query(
      `CREATE INDEX service_access_tokens_expiry_idx ON service_access_tokens (expires_at)`,
    );
    await db.query(
      `CREATE TABLE service_assertion_jtis (
         client_id uuid NOT NULL REFERENCES service_clients (id) ON DELETE CASCADE,
         jti text NOT NULL,
         expires_at timestamptz NOT NULL,
         PRIMARY KEY (client_id, jti)
       )`,
    );
    await db.query(
      `CREATE INDEX service_assertion_jtis_expiry_idx ON service_assertion_jtis (expires_at)`,
    );
    // No foreign key, like key_id: the record outlives the token and the client.
    await db.query(`ALTER TABLE disclosures ADD COLUMN access_token_id uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE disclosures DROP COLUMN access_token_id`);
    await db.query(`DROP TABLE service_assertion_jtis`);
    await db.query(`DROP TABLE service_access_tokens`);
    await db.query(
      `ALTER TABLE service_clients DROP CONSTRAINT service_clients_one_key_set,
         DROP COLUMN jwt_api_scopes, DROP COLUMN jwks_uri, DROP COLUMN jwks`,
    );
  }
}

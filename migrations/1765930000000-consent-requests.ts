import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent requests (incremental authorization): a service asks a user, through a link, to grant
 * Google scopes the user has not granted yet. `scopes` are stored normalised and sorted, so "the
 * same scope set" is plain array equality; at most one request is pending per client, user,
 * scope set and purpose (the partial unique index), so repeated asks reuse the link instead of
 * piling up rows. Service clients get the origins a request may send the user back to.
 */
export class ConsentRequests1765930000000 implements MigrationInterface {
  name = 'ConsentRequests1765930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE service_clients ADD COLUMN return_origins text[] NOT NULL DEFAULT '{}'`,
    );
    await db.query(
      `CREATE TABLE consent_requests (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         client_id uuid NOT NULL REFERENCES service_clients (id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
         scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
         purpose text NOT NULL,
         return_url text,
         status text NOT NULL DEFAULT 'pending'
           CHECK (status IN ('pending', 'completed', 'declined', 'expired')),
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         completed_at timestamptz,
         granted_scopes text[]
       )`,
    );
    await db.query(
      `CREATE UNIQUE INDEX consent_requests_pending_key
         ON consent_requests (client_id, user_id, purpose, scopes) WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX consent_requests_user_idx ON consent_requests (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consent_requests`);
    await db.query(`ALTER TABLE service_clients DROP COLUMN return_origins`);
  }
}

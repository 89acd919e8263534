import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use `state` values of the redirect flow (GET /auth/google and its callback). */
export class OAuthStates1764950600000 implements MigrationInterface {
  name = 'OAuthStates1764950600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oauth_states (
        state_hash bytea PRIMARY KEY,
        binding_hash bytea NOT NULL,
        user_id uuid,
        verifier_envelope_id uuid NOT NULL,
        return_to text NOT NULL,
        forced_consent boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_states`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vault's envelopes: ciphertext, the wrapped data key and the version of the KEK that
 * wrapped it. No plaintext column. The index on (kek_version, id) serves the re-wrap's keyset
 * scan of envelopes not yet on the active version, and the per-version counts.
 */
export class VaultEnvelopes1764950400000 implements MigrationInterface {
  name = 'VaultEnvelopes1764950400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE vault_envelopes (
        id uuid PRIMARY KEY,
        purpose text NOT NULL,
        kek_version integer NOT NULL,
        data_key_nonce bytea NOT NULL,
        wrapped_data_key bytea NOT NULL,
        data_key_tag bytea NOT NULL,
        nonce bytea NOT NULL,
        ciphertext bytea NOT NULL,
        tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rewrapped_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX vault_envelopes_kek_version_idx ON vault_envelopes (kek_version, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE vault_envelopes`);
  }
}

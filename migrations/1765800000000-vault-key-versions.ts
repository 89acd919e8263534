import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per vault key version (KEK) ever configured: its key check value (an AES-GCM tag over
 * nothing, bound to the version), so a wrong key under a known version stops the start-up, and
 * the encryptions made under it so far, against AES-GCM's 2^32 bound for random nonces. Rows
 * are written by VaultService at start-up; a vault from before this table gets them then.
 */
export class VaultKeyVersions1765800000000 implements MigrationInterface {
  name = 'VaultKeyVersions1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE vault_key_versions (
         version integer PRIMARY KEY CHECK (version > 0),
         check_nonce bytea NOT NULL,
         check_tag bytea NOT NULL,
         encryptions bigint NOT NULL DEFAULT 0 CHECK (encryptions >= 0),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE vault_key_versions`);
  }
}

// Set-up of bench/admin-scale.bench.ts: an embedded PostgreSQL under .data/bench-postgres-admin
// seeded by the seed command's own code (apps/seed), and kept: a later run that asks for the same
// size reuses it (migrations added since are applied to it, as in production), so only the first
// run pays for the seeding. The vault key its envelopes are sealed with is kept beside it (0600).
import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { seedDatabase, type SeedCounts } from '../apps/seed/src/seeder.js';
import { applyMigrations, EmbeddedDatabase } from '../libs/database/src/index.js';
import { Keyring } from '../libs/vault/src/keyring.js';
import { migrations } from '../migrations/index.js';

export const CLUSTER_DIR = '.data/bench-postgres-admin';
const MARKER = `${CLUSTER_DIR}.seed.json`;

/** What the kept cluster holds, and how long it took to make. */
export interface SeededCluster extends SeedCounts {
  readonly clientId: string;
  /** base64url of the 32-byte KEK (version 1): the api under test gets it as VAULT_KEYS. */
  readonly vaultKey: string;
  readonly seededAt: string;
  readonly seedSeconds: number;
  readonly databaseBytes: number;
}

export interface PreparedCluster {
  readonly database: EmbeddedDatabase;
  readonly url: string;
  readonly seeded: SeededCluster;
  /** True when this run seeded it; false when a kept cluster of that size was reused. */
  readonly fresh: boolean;
  /** Migrations applied to a reused cluster in this run, with the seconds they took. */
  readonly migrated: { names: string[]; seconds: number };
}

function keptCluster(counts: SeedCounts, clientId: string): SeededCluster | undefined {
  if (!existsSync(MARKER) || !existsSync(`${CLUSTER_DIR}/PG_VERSION`)) return undefined;
  const kept = JSON.parse(readFileSync(MARKER, 'utf8')) as SeededCluster;
  const same =
    kept.grants === counts.grants &&
    kept.audit === counts.audit &&
    kept.users === counts.users &&
    kept.clientId === clientId;
  return same ? kept : undefined;
}

async function migrate(url: string): Promise<{ names: string[]; seconds: number }> {
  const started = performance.now();
  const names = await applyMigrations(url, migrations);
  return { names, seconds: (performance.now() - started) / 1000 };
}

/** Starts the kept cluster of this size, or seeds a new one (the old one is removed). */
export async function prepareCluster(
  counts: SeedCounts,
  clientId: string,
  log: (line: string) => void,
): Promise<PreparedCluster> {
  let seeded = keptCluster(counts, clientId);
  if (!seeded) {
    rmSync(CLUSTER_DIR, { recursive: true, force: true });
    rmSync(MARKER, { force: true });
  }
  const database = new EmbeddedDatabase({ clusterDir: CLUSTER_DIR, database: 'bench' });
  const url = await database.start();
  try {
    const migrated = await migrate(url);
    if (seeded) return { database, url, seeded, fresh: false, migrated };
    const key = randomBytes(32);
    const keyring = new Keyring([{ version: 1, key: createSecretKey(key) }], 1);
    log(`Seeding ${CLUSTER_DIR} (kept for later runs of this size)…`);
    const summary = await seedDatabase(url, counts, { clientId, keyring }, log);
    seeded = {
      ...counts,
      clientId,
      vaultKey: key.toString('base64url'),
      seededAt: new Date().toISOString(),
      seedSeconds: summary.seconds,
      databaseBytes: summary.databaseBytes,
    };
    writeFileSync(MARKER, JSON.stringify(seeded, null, 2), { mode: 0o600 });
    return { database, url, seeded, fresh: true, migrated: { names: [], seconds: 0 } };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

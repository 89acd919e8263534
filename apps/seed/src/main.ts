// `npm run seed -- --grants N --audit N [--users N] [--database-url URL]`: synthetic users,
// grants with sealed refresh tokens, offline tasks and audit events, for trying the admin
// dashboard and measuring the admin API at scale. Without a URL (or DATABASE_URL) it seeds the
// development database of `npm start` (embedded, under the data folder): the running one if
// `npm start` is up, else it starts it for the duration and stops it after.
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@grantkeeper/config';
import { applyMigrations, EmbeddedDatabase } from '@grantkeeper/database';
import { Keyring } from '@grantkeeper/vault';
import { migrations } from '../../../migrations/index.js';
import { parseSeedOptions, SEED_USAGE, type SeedOptions } from './seed-options.js';
import { seedDatabase, SeedRefusedError } from './seeder.js';

/** Synthetic users and grants have no place in a production database: refused before anything. */
export const PRODUCTION_REFUSAL =
  'npm run seed writes synthetic users, grants and audit events for development and ' +
  'benchmarks; it refuses to run with NODE_ENV=production. Nothing was written.';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error(PRODUCTION_REFUSAL);
    process.exit(1);
  }
  let options: SeedOptions;
  try {
    options = parseSeedOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${SEED_USAGE}`);
    process.exit(2);
  }
  const { config, warnings } = loadConfig();
  for (const warning of warnings) console.warn(`WARNING: ${warning}`);
  const embedded =
    options.databaseUrl || config.database.url
      ? undefined
      : new EmbeddedDatabase({
          clusterDir: join(config.dataDir, 'postgres'),
          database: 'grantkeeper',
        });
  let started = false;
  try {
    let url = options.databaseUrl || config.database.url;
    if (embedded) {
      ({ url, started } = await embedded.attachOrStart());
      console.log(
        started
          ? `Started the development PostgreSQL (${join(config.dataDir, 'postgres')}) for seeding`
          : 'Seeding the development PostgreSQL that `npm start` runs',
      );
    }
    await migrate(url);
    console.log(
      `Seeding ${options.users.toLocaleString('en-US')} users, ` +
        `${options.grants.toLocaleString('en-US')} grants, ` +
        `${options.audit.toLocaleString('en-US')} audit events (one transaction)…`,
    );
    const summary = await seedDatabase(
      url,
      options,
      {
        clientId: config.google.webClientId,
        keyring: new Keyring(config.vault.keys, config.vault.activeVersion),
      },
      (line) => console.log(line),
    );
    console.log(
      `Seeded in ${summary.seconds.toFixed(0)} s: ${summary.envelopes.toLocaleString('en-US')} ` +
        `sealed refresh tokens, ${summary.userTasks.toLocaleString('en-US')} tasks, ` +
        `${summary.taskRuns.toLocaleString('en-US')} task runs; database ` +
        `${(summary.databaseBytes / 2 ** 30).toFixed(2)} GiB`,
    );
  } finally {
    if (started) await embedded?.stop();
  }
}

async function migrate(url: string): Promise<void> {
  for (const name of await applyMigrations(url, migrations))
    console.log(`Applied migration ${name}`);
}

main().catch((error: unknown) => {
  // Refusals and configuration errors say what to do; anything else gets its stack.
  if (error instanceof SeedRefusedError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('seed failed:', error);
  }
  process.exit(1);
});

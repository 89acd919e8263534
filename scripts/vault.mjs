// `npm run vault:status` and `npm run vault:rotate`: the compiled vault command
// (apps/api/src/vault-cli.ts) on the configured database. With no DATABASE_URL outside
// production it runs against the development database of `npm start` (.data/postgres), starting
// it for the duration, as scripts/typeorm.mjs does.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--server-only'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

let database;
const env = { ...process.env };
if (!env.DATABASE_URL && env.NODE_ENV !== 'production') {
  const { EmbeddedDatabase } = await import('../dist/libs/database/src/index.js');
  database = new EmbeddedDatabase({
    clusterDir: join(env.DATA_DIR ?? '.data', 'postgres'),
    database: 'grantkeeper',
  });
  env.DATABASE_URL = await database.start();
  await migrate(env.DATABASE_URL);
}
// Ctrl-C reaches the command too (same process group); it finishes its batch and exits, and only
// then is the database stopped. (The development PostgreSQL gets the Ctrl-C as well and may stop
// first; the batch in flight then rolls back, which loses nothing either.)
process.on('SIGINT', () => undefined);
const cli = spawn(process.execPath, ['dist/apps/api/src/vault-cli.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
const code = await new Promise((resolve) => cli.once('exit', (status) => resolve(status ?? 1)));
await database?.stop();
process.exit(code);

/** The development database may predate the vault's table: migrate it, as `npm start` would. */
async function migrate(url) {
  const { applyMigrations } = await import('../dist/libs/database/src/index.js');
  const { migrations } = await import('../dist/migrations/index.js');
  for (const name of await applyMigrations(url, migrations))
    console.log(`Applied migration ${name}`);
}

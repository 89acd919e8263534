// `npm run migration:run|revert|generate`: the TypeORM CLI on the shared data source
// (apps/api/src/data-source.ts). With no DATABASE_URL outside production it runs against the
// development database of `npm start` (.data/postgres), starting it for the duration.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--server-only'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const args = [
  'node_modules/typeorm/cli.js',
  ...process.argv.slice(2),
  '-d',
  'dist/apps/api/src/data-source.js',
];
let database;
const env = { ...process.env };
if (!env.DATABASE_URL && env.NODE_ENV !== 'production') {
  const { EmbeddedDatabase } = await import('../dist/libs/database/src/index.js');
  database = new EmbeddedDatabase({
    clusterDir: join(env.DATA_DIR ?? '.data', 'postgres'),
    database: 'grantkeeper',
  });
  env.DATABASE_URL = await database.start();
}
const cli = spawnSync(process.execPath, args, { stdio: 'inherit', env });
await database?.stop();
process.exit(cli.status ?? 1);

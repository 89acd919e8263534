// The data source the TypeORM CLI loads (`npm run migration:*` passes the compiled file with -d).
// The application builds its connection from the same options in app.module.ts.
// It reads DATABASE_URL alone: a migration needs no Google client, session secret or vault key,
// so a production migration step (compose's `migrate`) is given the database and nothing else.
import { buildDataSourceOptions } from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  throw new Error(
    'DATABASE_URL: set it to a postgres:// URL (npm run migration:* starts the development ' +
      'database when it is unset outside production).',
  );
}

export default new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, migrations }));

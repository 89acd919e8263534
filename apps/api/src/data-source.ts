// The data source the TypeORM CLI loads (`npm run migration:*` passes the compiled file with -d).
// The application builds its connection from the same options in app.module.ts.
import { loadConfig } from '@grantkeeper/config';
import { buildDataSourceOptions } from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

const { config } = loadConfig();
if (!config.database.url) {
  throw new Error('DATABASE_URL is not set (npm run migration:* starts the development database).');
}

export default new DataSource(
  buildDataSourceOptions({ url: config.database.url, entities: ENTITIES, migrations }),
);

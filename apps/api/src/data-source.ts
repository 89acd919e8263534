// The data source the TypeORM CLI loads (`npm run migration:*` passes the compiled file with -d).
// The application builds its connection from the same options in app.module.ts.
// It reads DATABASE_URL alone (loadDatabaseUrl): a production migration step (compose's
// `migrate`) is given the database and nothing else.
import { loadDatabaseUrl } from '@grantkeeper/config';
import { buildDataSourceOptions } from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

const url = loadDatabaseUrl();

export default new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, migrations }));

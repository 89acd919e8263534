export { applyMigrations } from './apply-migrations.js';
export { buildDataSourceOptions, type DatabaseOptions } from './data-source-options.js';
export { DatabaseModule } from './database.module.js';
export { entityRows } from './entity-rows.js';
export { EmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded-database.js';
export { freePort } from './free-port.js';
export { assertDatabaseReady, DatabaseNotReadyError } from './startup-check.js';
export { SnakeNamingStrategy } from './snake-naming.strategy.js';
export {
  DATABASE_QUERY_ERROR_STATUS,
  DatabaseQueryError,
  type DatabaseQueryErrorCode,
} from './database.errors.js';
export {
  BIGINT_ID,
  decodeCursor,
  encodeCursor,
  everyRow,
  type KeysetPosition,
  type Page,
  pageOf,
  UUID_ID,
} from './keyset-cursor.js';
export { escapeLike, iso, sortKeySql, SqlFilter } from './sql-query.js';
export { isUuid } from './uuid.js';

export { applyMigrations } from './apply-migrations.js';
export { buildDataSourceOptions, type DatabaseOptions } from './data-source-options.js';
export { DatabaseModule } from './database.module.js';
export { EmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded-database.js';
export { freePort } from './free-port.js';
export { assertDatabaseReady, DatabaseNotReadyError } from './startup-check.js';
export { SnakeNamingStrategy } from './snake-naming.strategy.js';

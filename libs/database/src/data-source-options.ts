import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Where TypeORM records applied migrations (also read by the start-up check). */
export const MIGRATIONS_TABLE = 'schema_migrations';
/** How long a connection attempt may take: fail fast instead of queueing while PostgreSQL is down. */
export const CONNECT_TIMEOUT_MS = 5000;

type Constructor = abstract new (...args: never[]) => unknown;

export interface DatabaseOptions {
  readonly url: string;
  readonly poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  readonly migrations: readonly Constructor[];
  readonly applicationName?: string;
}

/**
 * The one description of our PostgreSQL connection, used by the app and the TypeORM CLI alike.
 * `synchronize` is off for good: the schema changes only through reviewed migrations.
 */
export function buildDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: options.migrations as unknown as Function[],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'grantkeeper',
      // Fail fast instead of queueing forever when PostgreSQL is down; /health reports it.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    },
  };
}

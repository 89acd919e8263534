import pg from 'pg';
import type { MigrationInterface } from 'typeorm';
import { CONNECT_TIMEOUT_MS, MIGRATIONS_TABLE } from './data-source-options.js';

type Migration = new () => MigrationInterface;

/** Why the api cannot start on this database: one line that says what to do, no stack. */
export class DatabaseNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotReadyError';
  }
}

/**
 * Checked before the application starts: that PostgreSQL answers at `url` within the connection
 * deadline (otherwise TypeORM retries for ~29 s and prints a stack per attempt), and that every
 * migration has been applied (otherwise the first query fails far from the cause).
 */
export async function assertDatabaseReady(
  url: string,
  migrations: readonly Migration[],
): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseNotReadyError(
      `DATABASE_URL: cannot reach PostgreSQL at ${hostname}:${port || 5432} (${reason.split('\n')[0]})`,
    );
  }
  try {
    const pending = await pendingMigrations(client, migrations);
    if (pending.length > 0) {
      throw new DatabaseNotReadyError(
        `The database has ${pending.length} migration(s) not applied (${pending.join(', ')}): ` +
          'run `npm run migration:run` first (in the image: `node node_modules/typeorm/cli.js migration:run -d dist/apps/api/src/data-source.js`).',
      );
    }
  } finally {
    await client.end();
  }
}

async function pendingMigrations(
  client: pg.Client,
  migrations: readonly Migration[],
): Promise<string[]> {
  const table = await client.query<{ exists: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS exists`,
    [MIGRATIONS_TABLE],
  );
  const applied = table.rows[0].exists
    ? new Set(
        (await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`)).rows.map(
          (row) => row.name,
        ),
      )
    : new Set<string>();
  // The name TypeORM records: the instance's `name`, else the class's.
  return migrations
    .map((Migration) => new Migration().name ?? Migration.name)
    .filter((name) => !applied.has(name));
}

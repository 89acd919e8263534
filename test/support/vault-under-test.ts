// The vault module on its own, on a real PostgreSQL database, with a chosen keyring: what the
// api composes, minus HTTP. Several instances may share one database (a restart, a rotation).
import { randomBytes } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@grantkeeper/config';
import { DatabaseModule } from '@grantkeeper/database';
import { VaultModule, VaultService } from '@grantkeeper/vault';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../apps/api/src/entities.js';
import { migrations } from '../../migrations/index.js';

/** `VAULT_KEYS` entries by version, e.g. `{ 1: newVaultKey() }`. */
export type VaultKeys = Record<number, string>;

export interface VaultUnderTest {
  readonly vault: VaultService;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export const newVaultKey = (): string => randomBytes(32).toString('base64url');

export async function startVault(
  databaseUrl: string,
  keys: VaultKeys,
  activeVersion?: number,
): Promise<VaultUnderTest> {
  const { config } = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '3',
    GOOGLE_CLIENT_IDS: 'vault-test.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'test-client-secret',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    VAULT_KEYS: Object.entries(keys)
      .map(([version, key]) => `${version}:${key}`)
      .join(','),
    ...(activeVersion === undefined ? {} : { VAULT_ACTIVE_KEY_VERSION: String(activeVersion) }),
    LOG_LEVEL: 'silent',
  });
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot({ url: databaseUrl, poolSize: 3, entities: ENTITIES, migrations }),
      VaultModule,
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
    vault: moduleRef.get(VaultService),
    dataSource: moduleRef.get(DataSource),
    close: () => moduleRef.close(),
  };
}

// The vault module on its own (module-under-test.ts), on a real PostgreSQL database, with a
// chosen keyring. Several instances may share one database (a restart, a rotation).
import { randomBytes } from 'node:crypto';
import { VaultModule, VaultService } from '@grantkeeper/vault';
import type { DataSource } from 'typeorm';
import { startModules } from './module-under-test.js';

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
  const modules = await startModules([VaultModule], {
    databaseUrl,
    env: {
      VAULT_KEYS: Object.entries(keys)
        .map(([version, key]) => `${version}:${key}`)
        .join(','),
      ...(activeVersion === undefined ? {} : { VAULT_ACTIVE_KEY_VERSION: String(activeVersion) }),
    },
  });
  return {
    vault: modules.get(VaultService),
    dataSource: modules.dataSource,
    close: () => modules.close(),
  };
}

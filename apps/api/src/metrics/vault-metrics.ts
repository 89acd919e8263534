import { KEK_ENCRYPTION_LIMIT, type VaultService } from '@grantkeeper/vault';
import { Gauge, type Registry } from 'prom-client';

/**
 * Encryptions per vault key version, cluster-wide (read from `vault_key_versions` at scrape time,
 * this instance's latest counts stored first). Alert well before the limit gauge, e.g. at a
 * quarter of it: `grantkeeper_vault_key_encryptions > 2^30`.
 */
export function registerVaultMetrics(registry: Registry, vault: VaultService): void {
  new Gauge({
    name: 'grantkeeper_vault_key_encryptions',
    help: 'Encryptions made under each vault key version (seals, reseals, re-wraps), all instances.',
    labelNames: ['version'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [version, count] of await vault.encryptions()) {
        this.set({ version: String(version) }, count);
      }
    },
  });
  new Gauge({
    name: 'grantkeeper_vault_key_encryption_limit',
    help: 'Encryptions allowed under one key version: 2^32, AES-GCM with random 96-bit nonces.',
    registers: [registry],
    collect() {
      this.set(KEK_ENCRYPTION_LIMIT);
    },
  });
}

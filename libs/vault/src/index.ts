export type { EnvelopeBinding } from './envelope-cipher.js';
export { VaultError, type VaultErrorCode } from './vault.errors.js';
export { VAULT_ENTITIES, VaultModule } from './vault.module.js';
export { VaultService, type VaultStatus } from './vault.service.js';

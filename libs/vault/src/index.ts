export {
  type EnvelopeBinding,
  EnvelopeCipher,
  type KeyCheckValue,
  type SealedEnvelope,
} from './envelope-cipher.js';
export { Keyring, type KeyringEntry } from './keyring.js';
export { VAULT_ERROR_STATUS, VaultError, type VaultErrorCode } from './vault.errors.js';
export { VAULT_ENTITIES, VaultModule } from './vault.module.js';
export {
  KEK_ENCRYPTION_LIMIT,
  KEK_ENCRYPTION_WARNING,
  type SealedRow,
  VaultService,
  type VaultStatus,
} from './vault.service.js';

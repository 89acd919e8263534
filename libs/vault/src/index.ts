export type { EnvelopeBinding, SealedEnvelope } from './envelope-cipher.js';
export { VaultError, type VaultErrorCode } from './vault.errors.js';
export { VAULT_ENTITIES, VaultModule } from './vault.module.js';
export {
  envelopeUpsertParams,
  envelopeUpsertSql,
  type SealedRow,
  VaultService,
  type VaultStatus,
} from './vault.service.js';

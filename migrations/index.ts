import { Foundation1764086400000 } from './1764086400000-foundation.js';
import { VaultEnvelopes1764950400000 } from './1764950400000-vault-envelopes.js';

/** Every migration, in order. Listed explicitly: TypeORM 1 dropped glob loading for ESM builds. */
export const migrations = [Foundation1764086400000, VaultEnvelopes1764950400000];

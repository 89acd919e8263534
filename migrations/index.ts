import { Foundation1764086400000 } from './1764086400000-foundation.js';

/** Every migration, in order. Listed explicitly: TypeORM 1 dropped glob loading for ESM builds. */
export const migrations = [Foundation1764086400000];

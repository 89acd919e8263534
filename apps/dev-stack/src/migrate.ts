// One step of `npm start`, run as a short-lived child so the supervisor never loads TypeORM (and
// Nest, which the library's index brings): it applies the pending migrations to DATABASE_URL,
// prints one line per migration applied, and exits.
import { applyMigrations } from '@grantkeeper/database';
import { migrations } from '../../../migrations/index.js';

const applied = await applyMigrations(process.env.DATABASE_URL!, migrations);
for (const name of applied) console.log(`Applied migration ${name}`);
console.log(applied.length ? `${applied.length} applied` : 'up to date');

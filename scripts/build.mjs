// Compiles the server side (apps, libs, migrations, bench) into dist/ with tsc, then rewrites the
// @grantkeeper/* path aliases into relative ESM imports with tsc-alias. One program, one output
// tree: `node dist/apps/api/src/main.js` runs without any loader. Then builds the Angular
// dashboard into dist/apps/admin/browser, which the api serves at /admin/ (`--server-only` skips
// it, for `npm run admin:api-types`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (name, args) => execFileSync(bin(name), args, { stdio: 'inherit' });
const serverOnly = process.argv.includes('--server-only');

rmSync('dist', { recursive: true, force: true });
run('tsc', ['-p', 'tsconfig.build.json']);
run('tsc-alias', ['-p', 'tsconfig.build.json', '--resolve-full-paths']);
if (!serverOnly) {
  const started = Date.now();
  run('ng', ['build', 'admin', '--configuration', 'production']);
  console.log(`admin dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

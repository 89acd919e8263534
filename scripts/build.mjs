// Compiles the server side (apps, libs, migrations, bench) into dist/ with tsc, then rewrites the
// @grantkeeper/* path aliases into relative ESM imports with tsc-alias. One program, one output
// tree: `node dist/apps/api/src/main.js` runs without any loader.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (name, args) => execFileSync(bin(name), args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('tsc', ['-p', 'tsconfig.build.json']);
run('tsc-alias', ['-p', 'tsconfig.build.json', '--resolve-full-paths']);

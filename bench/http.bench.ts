// GET /api/v1/me with a valid Bearer ID token, against a bare Fastify hello-world and Nest's own
// floor on Fastify (bench/servers/nest-fastify.ts), all as separate processes loaded by autocannon
// from this one. The api runs twice: in its default production configuration (LOG_LEVEL=info, one
// JSON access line per request, stdout to a file) and at LOG_LEVEL=warn (no line per request).
// Targets: default ≥ 0.40 × bare Fastify, warn ≥ 0.45 × bare Fastify, in the same rounds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { applyMigrations, EmbeddedDatabase, freePort } from '../libs/database/src/index.js';
import { migrations } from '../migrations/index.js';
import { apiEnv, cpuSeconds, emulatorEnv, waitFor } from './processes.js';
import { formatTarget } from './harness.js';

const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const DURATION_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 8);
const CONNECTIONS = 50;
const TARGET_DEFAULT = 0.4;
const TARGET_WARN = 0.45;
/** Where the default configuration's access lines go (a file, as a log collector would read). */
const ACCESS_LOG = '.data/bench-access.log';
const CLUSTER_DIR = '.data/bench-postgres';
const IDLE_SECONDS = 5;
// BENCH_HTTP_PROFILE_DIR: the api writes a V8 CPU profile there when it stops (the warn one
// in its warn/ folder).
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE_DIR;

// With two or more cores, the server under test runs on core 0 and the load generator (this
// process) on core 1, so they don't steal time from each other and rounds are comparable.
const PIN = existsSync('/usr/bin/taskset') && cpus().length >= 2;

function startServer(
  script: string,
  env: NodeJS.ProcessEnv,
  flags: string[] = [],
  stdout: number | 'ignore' = 'ignore',
): ChildProcess {
  const [command, args] = PIN
    ? ['taskset', ['-c', '0', process.execPath, ...flags, script]]
    : [process.execPath, [...flags, script]];
  return spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, stdout],
  });
}

interface Target {
  readonly url: string;
  readonly pid: number;
  readonly headers?: Record<string, string>;
}

interface Run {
  /** Requests per second the load generator achieved. */
  readonly rps: number;
  /** Server CPU time per request, µs: what bounds its throughput once it has a core to itself. */
  readonly cpuMicros: number;
}

async function measure({ url, pid, headers = {} }: Target): Promise<Run> {
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  const cpu = cpuSeconds(pid) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, cpuMicros: (cpu * 1e6) / result.requests.total };
}

/**
 * Two views of the same rounds: requests/s as measured (bounded by the load generator's core
 * as much as by the server), and server capacity = 1 / CPU time per request, which does not
 * depend on how fast autocannon is. The target is judged on capacity. Nest's own floor (a
 * constant route behind an always-true global guard) is measured in the same rounds, so what the
 * api adds over the framework is visible.
 */
function report(
  bareRuns: readonly Run[],
  cases: ReadonlyArray<readonly [string, readonly Run[]]>,
  idleMillisPerSecond: readonly number[],
  accessLogBytes: number,
): Map<string, number> {
  const paired = (runs: readonly Run[]) => ({
    rps: median(runs.map((run, i) => run.rps / bareRuns[i].rps)),
    // Paired per round: this machine's speed shifts between rounds.
    capacity: median(runs.map((run, i) => bareRuns[i].cpuMicros / run.cpuMicros)),
  });
  console.log('\nHTTP: GET /api/v1/me (Bearer ID token) vs bare Fastify hello-world');
  console.log(
    `  ${CONNECTIONS} connections, ${ROUNDS} paired rounds of ${DURATION_SECONDS} s, medians` +
      (PIN ? '; servers on core 0, autocannon on core 1' : ''),
  );
  console.log(
    '  case                                  req/s   CPU µs/req   capacity req/s   × bare (capacity)   × bare (req/s)',
  );
  const ratios = new Map<string, number>();
  for (const [name, runs] of [['bare Fastify hello-world', bareRuns] as const, ...cases]) {
    const ratio = paired(runs);
    ratios.set(name, ratio.capacity);
    const rps = median(runs.map((run) => run.rps))
      .toFixed(0)
      .padStart(8);
    const cpu = median(runs.map((run) => run.cpuMicros));
    const capacity = (1e6 / cpu).toFixed(0).padStart(14);
    console.log(
      `  ${name.padEnd(34)} ${rps}   ${cpu.toFixed(1).padStart(10)}   ${capacity}   ` +
        `${ratio.capacity.toFixed(2).padStart(17)}   ${ratio.rps.toFixed(2).padStart(14)}`,
    );
  }
  const idle = idleMillisPerSecond.map((ms) => ms.toFixed(0)).join(' / ');
  console.log(`  idle CPU, ms per s (bare / Nest / api default / api warn): ${idle}`);
  console.log(`  access lines written by the default configuration: ${accessLogBytes} bytes`);
  return ratios;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  if (PIN) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  // A fresh cluster: each run draws a new vault key, which a kept one would refuse (its key
  // check value is for the last run's key).
  rmSync(CLUSTER_DIR, { recursive: true, force: true });
  const database = new EmbeddedDatabase({ clusterDir: CLUSTER_DIR, database: 'bench' });
  const children: ChildProcess[] = [];
  try {
    const url = await database.start();
    await applyMigrations(url, migrations);

    const [barePort, nestPort, emulatorPort, apiPort, warnPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const bareServer = startServer('dist/bench/servers/bare-fastify.js', {
      PORT: String(barePort),
    });
    children.push(bareServer);
    const nestServer = startServer('dist/bench/servers/nest-fastify.js', {
      PORT: String(nestPort),
    });
    children.push(nestServer);
    const secret = randomBytes(16).toString('hex');
    children.push(
      startServer(
        'dist/apps/google-emulator/src/main.js',
        emulatorEnv(emulatorPort, CLIENT_ID, secret),
      ),
    );
    await waitFor(`http://localhost:${emulatorPort}/oauth2/v3/certs`);
    const apiConfig = {
      databaseUrl: url,
      emulatorUrl: `http://localhost:${emulatorPort}`,
      clientId: CLIENT_ID,
      clientSecret: secret,
      vaultKey: randomBytes(32).toString('base64url'),
    };
    // The default configuration: LOG_LEVEL unset (info), JSON lines on stdout into a file.
    mkdirSync('.data', { recursive: true });
    const accessLog = openSync(ACCESS_LOG, 'w');
    const defaultServer = startServer(
      'dist/apps/api/src/main.js',
      { ...apiEnv({ ...apiConfig, port: apiPort }), LOG_LEVEL: 'info' },
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
      accessLog,
    );
    closeSync(accessLog);
    children.push(defaultServer);
    const warnServer = startServer(
      'dist/apps/api/src/main.js',
      apiEnv({ ...apiConfig, port: warnPort }),
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/warn`] : [],
    );
    children.push(warnServer);
    await waitFor(`http://localhost:${barePort}/api/v1/me`);
    await waitFor(`http://localhost:${nestPort}/api/v1/me`);
    await waitFor(`http://localhost:${apiPort}/health`);
    await waitFor(`http://localhost:${warnPort}/health`);

    const minted = await fetch(`http://localhost:${emulatorPort}/__control/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: {} }),
    });
    const { id_token: token } = (await minted.json()) as { id_token: string };

    const bare: Target = { url: `http://127.0.0.1:${barePort}/api/v1/me`, pid: bareServer.pid! };
    const nest: Target = { url: `http://127.0.0.1:${nestPort}/api/v1/me`, pid: nestServer.pid! };
    const headers = { authorization: `Bearer ${token}` };
    const api: Target = {
      url: `http://127.0.0.1:${apiPort}/api/v1/me`,
      pid: defaultServer.pid!,
      headers,
    };
    const warn: Target = {
      url: `http://127.0.0.1:${warnPort}/api/v1/me`,
      pid: warnServer.pid!,
      headers,
    };
    const targets = [bare, nest, api, warn];
    // Warm-up (JIT, caches), then paired rounds so background noise hits all alike.
    for (const target of targets) await measure(target);
    // CPU each server burns with no requests (the api's timers, job polling, metrics): counted in
    // CPU per request like everything else, and larger per request the fewer requests a round gets.
    const idleBefore = targets.map((target) => cpuSeconds(target.pid));
    await sleep(IDLE_SECONDS * 1000);
    const idle = targets.map(
      (target, i) => ((cpuSeconds(target.pid) - idleBefore[i]) * 1000) / IDLE_SECONDS,
    );
    const runs: Run[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, target] of targets.entries()) runs[i].push(await measure(target));
    }
    const ratios = report(
      runs[0],
      [
        ['Nest on Fastify, constant', runs[1]],
        ['api default (info, lines to a file)', runs[2]],
        ['api LOG_LEVEL=warn', runs[3]],
      ],
      idle,
      statSync(ACCESS_LOG).size,
    );
    const fail = (name: string, target: number) =>
      `  ${formatTarget(`${name} vs bare Fastify (capacity)`, ratios.get(name)!, target)}`;
    console.log(fail('api default (info, lines to a file)', TARGET_DEFAULT));
    console.log(fail('api LOG_LEVEL=warn', TARGET_WARN));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await database.stop();
  }
}

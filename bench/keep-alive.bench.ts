// One keep-alive sweep over BENCH_KEEPALIVE_GRANTS (10,000) due grants, run by the compiled api's
// scheduler against the compiled emulator, against the emulator's own POST /token throughput for
// refresh_token, measured in the same run (before and after the sweep). Target: grants refreshed
// per second ≥ 0.5 × /token requests per second, with the api's memory flat across the sweep.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { applyMigrations, EmbeddedDatabase, freePort } from '../libs/database/src/index.js';
import { migrations } from '../migrations/index.js';
import { apiEnv, cpuSeconds, emulatorEnv, liveHeapMegabytes, waitFor } from './processes.js';
import { formatTarget } from './harness.js';
import { insertGrants, mintRefreshTokens } from './keep-alive-grants.js';

const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const GRANTS = Number(process.env.BENCH_KEEPALIVE_GRANTS ?? 10_000);
// The product's defaults (SCHEDULER_CONCURRENCY, KEEP_ALIVE_GROUP_SIZE) unless told otherwise.
const CONCURRENCY = Number(process.env.BENCH_KEEPALIVE_CONCURRENCY ?? 4);
const GROUP_SIZE = process.env.BENCH_KEEPALIVE_GROUP_SIZE;
const POOL_SIZE = Number(process.env.BENCH_KEEPALIVE_POOL_SIZE ?? CONCURRENCY + 4);
// The emulator's own throughput is measured with as many connections as it can use, whatever
// the sweep's settings.
const BASELINE_CONNECTIONS = Number(process.env.BENCH_KEEPALIVE_BASELINE_CONNECTIONS ?? 16);
const BASELINE_SECONDS = Number(process.env.BENCH_KEEPALIVE_BASELINE_SECONDS ?? 3);
const TIMEOUT_SECONDS = Number(process.env.BENCH_KEEPALIVE_TIMEOUT_SECONDS ?? 900);
const CLUSTER_DIR = '.data/bench-postgres-keepalive';
const TARGET = 0.5;
/**
 * Memory counts as flat when the heap that survives a full collection at the end is at most this
 * × the same after the first 10 % of grants. The RSS is reported too, but it is not the test: at
 * this allocation rate V8 grows its heap for tens of seconds before its first full collection.
 */
const FLAT = 1.2;

// The emulator gets core 0 in the baseline and in the sweep alike; the api and the load
// generator share core 1 (PostgreSQL is not pinned). Without two cores nothing is pinned.
const PIN = existsSync('/usr/bin/taskset') && cpus().length >= 2;

// BENCH_KEEPALIVE_PROFILE_DIR: the api writes a V8 CPU profile there when it stops.
const PROFILE_DIR = process.env.BENCH_KEEPALIVE_PROFILE_DIR;
// BENCH_KEEPALIVE_TRACE_GC=1: the api prints V8's heap size at every collection (--trace-gc).
const TRACE_GC = process.env.BENCH_KEEPALIVE_TRACE_GC === '1';
// BENCH_KEEPALIVE_HEAP_DIR: the api writes a heap snapshot there (a full collection first) after
// the first 10 % of grants and after the last; they slow the sweep, so use it for memory only.
const HEAP_DIR = process.env.BENCH_KEEPALIVE_HEAP_DIR;

function startProcess(
  script: string,
  core: number,
  env: NodeJS.ProcessEnv,
  flags: string[] = [],
): ChildProcess {
  const node = [process.execPath, ...flags, script];
  const [command, args] = PIN
    ? ['taskset', ['-c', String(core), ...node]]
    : [node[0], node.slice(1)];
  return spawn(command, args, {
    env: { ...process.env, ...env },
    // --trace-gc prints to stdout; the api's own logs (warn and up) go there too.
    stdio: ['ignore', flags.includes('--trace-gc') ? 'inherit' : 'ignore', 'inherit'],
  });
}

/** CPU seconds of the PostgreSQL server and its live backends (children of the postmaster). */
function postgresCpuSeconds(): number {
  const postmaster = Number(readFileSync(`${CLUSTER_DIR}/postmaster.pid`, 'utf8').split('\n')[0]);
  const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number);
  let total = 0;
  for (const pid of [postmaster, ...children]) {
    try {
      total += cpuSeconds(pid);
    } catch {
      // a backend that just ended
    }
  }
  return total;
}

/** Asks the api for a heap snapshot (--heapsnapshot-signal) and waits until it is written. */
async function heapSnapshot(pid: number): Promise<void> {
  if (!HEAP_DIR) return;
  const count = () => readdirSync(HEAP_DIR).filter((f) => f.endsWith('.heapsnapshot')).length;
  const before = count();
  process.kill(pid, 'SIGUSR2');
  while (count() === before) await sleep(200);
  // Written in one go once it appears complete: wait for the size to settle.
  let size = -1;
  for (;;) {
    await sleep(500);
    const files = readdirSync(HEAP_DIR).filter((f) => f.endsWith('.heapsnapshot'));
    const total = files.reduce((sum, f) => sum + statSync(`${HEAP_DIR}/${f}`).size, 0);
    if (total === size) return;
    size = total;
  }
}

function rssMegabytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

interface Baseline {
  readonly rps: number;
  readonly cpuMicros: number;
}

/** The emulator's POST /token with grant_type=refresh_token, as fast as it answers. */
async function measureToken(url: string, pid: number, body: string): Promise<Baseline> {
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url: `${url}/token`,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    connections: BASELINE_CONNECTIONS,
    duration: BASELINE_SECONDS,
  });
  const cpu = cpuSeconds(pid) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`/token: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, cpuMicros: (cpu * 1e6) / result.requests.total };
}

interface Sweep {
  readonly refreshed: number;
  readonly seconds: number;
  readonly apiCpuMicros: number;
  readonly emulatorCpuMicros: number;
  /** Backends that ended during the sweep are missing: a lower bound. */
  readonly postgresCpuMicros: number;
  /** RSS before the trigger, after the first 10 % of grants, at its peak, and at the end (MB). */
  readonly rss: { idle: number; warm: number; peak: number; end: number };
  /** The heap live after a full collection: before the trigger, after 10 %, at the end (MB). */
  readonly live: { idle: number; warm: number; end: number };
  readonly db: DatabaseCounters;
}

interface DatabaseCounters {
  readonly commits: number;
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  /** Updates of grant rows, and those of them that were HOT (no index entries written). */
  readonly grantUpdates: number;
  readonly grantHotUpdates: number;
}

async function databaseCounters(client: pg.Client): Promise<DatabaseCounters> {
  const { rows } = await client.query<Record<keyof DatabaseCounters, string>>(
    `SELECT xact_commit AS commits, tup_fetched AS fetched, tup_inserted AS inserted,
            tup_updated AS updated
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  const [row] = rows;
  const grants = await client.query<{ updates: string; hot: string }>(
    `SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables
      WHERE relname = 'grants'`,
  );
  return {
    commits: Number(row.commits),
    fetched: Number(row.fetched),
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    grantUpdates: Number(grants.rows[0]?.updates ?? 0),
    grantHotUpdates: Number(grants.rows[0]?.hot ?? 0),
  };
}

/** Queues the keep-alive sweep as the api's cron would, then waits until every grant is done. */
async function sweep(
  url: string,
  apiPid: number,
  apiInspector: number,
  emulatorPid: number,
): Promise<Sweep> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    supervise: false,
    schedule: false,
    migrate: false,
  });
  await boss.start();
  try {
    const refreshedCount = async () =>
      Number(
        (await client.query<{ n: string }>('SELECT count(last_refreshed_at) AS n FROM grants'))
          .rows[0].n,
      );
    const idle = rssMegabytes(apiPid);
    const rss = { idle, warm: 0, peak: idle, end: idle };
    const live = { idle: await liveHeapMegabytes(apiInspector), warm: 0, end: 0 };
    const counters = await databaseCounters(client);
    const [apiCpu, emulatorCpu, postgresCpu] = [
      cpuSeconds(apiPid),
      cpuSeconds(emulatorPid),
      postgresCpuSeconds(),
    ];
    const started = Date.now();
    await boss.send('keep-alive-sweep', {}, { singletonKey: 'keep-alive' });
    let refreshed = 0;
    // Once a second: each count reads every grant row, which PostgreSQL would otherwise be
    // busy with instead of the sweep. The end is taken from the rows themselves, not the poll.
    while (refreshed < GRANTS && Date.now() - started < TIMEOUT_SECONDS * 1000) {
      await sleep(1000);
      refreshed = await refreshedCount();
      rss.end = rssMegabytes(apiPid);
      rss.peak = Math.max(rss.peak, rss.end);
      if (process.env.BENCH_KEEPALIVE_TRACE_RSS === '1')
        console.log(`  rss ${refreshed} ${rss.end}`);
      if (rss.warm === 0 && refreshed >= GRANTS / 10) {
        rss.warm = rss.end;
        // One full collection (tens of milliseconds), once: the sweep barely notices.
        live.warm = await liveHeapMegabytes(apiInspector);
        await heapSnapshot(apiPid);
      }
    }
    await heapSnapshot(apiPid);
    live.end = await liveHeapMegabytes(apiInspector);
    const last = await client.query<{ at: Date }>(
      'SELECT max(last_refreshed_at) AS at FROM grants',
    );
    const seconds = (last.rows[0].at.getTime() - started) / 1000;
    const cpu = {
      apiCpuMicros: ((cpuSeconds(apiPid) - apiCpu) * 1e6) / refreshed,
      emulatorCpuMicros: ((cpuSeconds(emulatorPid) - emulatorCpu) * 1e6) / refreshed,
      postgresCpuMicros: ((postgresCpuSeconds() - postgresCpu) * 1e6) / refreshed,
    };
    // Backends report their table statistics at most once a second.
    await sleep(1500);
    const after = await databaseCounters(client);
    return {
      refreshed,
      seconds,
      ...cpu,
      rss: { ...rss, warm: rss.warm || rss.end },
      live: { ...live, warm: live.warm || live.end },
      db: {
        commits: after.commits - counters.commits,
        fetched: after.fetched - counters.fetched,
        inserted: after.inserted - counters.inserted,
        updated: after.updated - counters.updated,
        grantUpdates: after.grantUpdates - counters.grantUpdates,
        grantHotUpdates: after.grantHotUpdates - counters.grantHotUpdates,
      },
    };
  } finally {
    await boss.stop({ graceful: false });
    await client.end();
  }
}

function report(baselines: readonly Baseline[], result: Sweep): void {
  const rps = baselines.reduce((sum, b) => sum + b.rps, 0) / baselines.length;
  const tokenCpu = baselines.reduce((sum, b) => sum + b.cpuMicros, 0) / baselines.length;
  const grantsPerSecond = result.refreshed / result.seconds;
  const ratio = grantsPerSecond / rps;
  const perGrant = (n: number) => (n / result.refreshed).toFixed(1);
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  console.log(
    `\nKeep-alive sweep over ${GRANTS.toLocaleString('en-US')} due grants vs emulator POST /token`,
  );
  console.log(
    `  ${CONCURRENCY} jobs at once (SCHEDULER_CONCURRENCY), ${GROUP_SIZE ?? 'default'} grants a ` +
      `group (KEEP_ALIVE_GROUP_SIZE), pool ${POOL_SIZE}; /token measured with ` +
      `${BASELINE_CONNECTIONS} connections for ${BASELINE_SECONDS} s before and after the sweep` +
      (PIN ? '; emulator on core 0, api and load generator on core 1' : ''),
  );
  console.log('  case                                     per s   emulator CPU µs   api CPU µs');
  console.log(
    `  emulator POST /token (refresh_token) ${rps.toFixed(0).padStart(9)}   ${tokenCpu.toFixed(0).padStart(15)}`,
  );
  console.log(
    `  keep-alive: grants refreshed         ${grantsPerSecond.toFixed(0).padStart(9)}   ` +
      `${result.emulatorCpuMicros.toFixed(0).padStart(15)}   ${result.apiCpuMicros.toFixed(0).padStart(10)}`,
  );
  console.log(
    `  baseline rounds: ${baselines.map((b) => b.rps.toFixed(0)).join(', ')} req/s; ` +
      `sweep: ${result.refreshed} grants in ${result.seconds.toFixed(1)} s`,
  );
  console.log(
    `  PostgreSQL per grant: ${perGrant(result.db.commits)} commits, ${perGrant(result.db.fetched)} rows fetched, ` +
      `${perGrant(result.db.inserted)} inserted, ${perGrant(result.db.updated)} updated; ` +
      `${((100 * result.db.grantHotUpdates) / Math.max(1, result.db.grantUpdates)).toFixed(0)} % ` +
      `of grant updates HOT`,
  );
  console.log(
    `  CPU per grant: api ${result.apiCpuMicros.toFixed(0)} µs, PostgreSQL ` +
      `${result.postgresCpuMicros.toFixed(0)} µs, emulator ${result.emulatorCpuMicros.toFixed(0)} µs`,
  );
  console.log(`  ${formatTarget('keep-alive vs emulator /token', ratio, TARGET)}`);
  const { idle, warm, peak, end } = result.rss;
  const live = result.live;
  const flat = live.end <= live.warm * FLAT;
  console.log(
    `  ${flat ? 'PASS' : 'FAIL'}  api heap live after a full collection flat: idle ${mb(live.idle)}, ` +
      `after 10 % ${mb(live.warm)}, end ${mb(live.end)} (target end ≤ ${FLAT}× after 10 %)`,
  );
  console.log(
    `        api RSS: idle ${mb(idle)}, after 10 % ${mb(warm)}, peak ${mb(peak)}, end ${mb(end)}`,
  );
  if (result.refreshed < GRANTS) {
    console.log(
      `  FAIL  only ${result.refreshed} of ${GRANTS} grants refreshed in ${TIMEOUT_SECONDS} s`,
    );
  }
}

export async function run(): Promise<void> {
  if (PIN) spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  // A fresh cluster every run: audit events are append-only, and every grant must start due.
  rmSync(CLUSTER_DIR, { recursive: true, force: true });
  const database = new EmbeddedDatabase({
    clusterDir: CLUSTER_DIR,
    database: 'bench',
  });
  const children: ChildProcess[] = [];
  try {
    const url = await database.start();
    await applyMigrations(url, migrations);

    const [emulatorPort, apiPort, inspectorPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const secret = randomBytes(16).toString('hex');
    const emulator = startProcess(
      'dist/apps/google-emulator/src/main.js',
      0,
      emulatorEnv(emulatorPort, CLIENT_ID, secret),
    );
    children.push(emulator);
    await waitFor(`${emulatorUrl}/oauth2/v3/certs`);

    // One token more than there are grants: the baseline refreshes it over and over.
    const [baselineToken, ...tokens] = await mintRefreshTokens(emulatorUrl, GRANTS + 1);
    const vaultKey = randomBytes(32);
    await insertGrants(url, vaultKey, CLIENT_ID, tokens);

    const api = startProcess(
      'dist/apps/api/src/main.js',
      1,
      apiEnv(
        {
          port: apiPort,
          databaseUrl: url,
          emulatorUrl,
          clientId: CLIENT_ID,
          clientSecret: secret,
          vaultKey: vaultKey.toString('base64url'),
        },
        {
          DATABASE_POOL_SIZE: String(POOL_SIZE),
          SCHEDULER_ENABLED: 'true',
          SCHEDULER_CONCURRENCY: String(CONCURRENCY),
          ...(GROUP_SIZE ? { KEEP_ALIVE_GROUP_SIZE: GROUP_SIZE } : {}),
          SCHEDULER_POLLING_SECONDS: '0.5',
          KEEP_ALIVE_AFTER_DAYS: '1',
          // Far off: the benchmark queues the one sweep itself.
          KEEP_ALIVE_CRON: '0 0 1 1 *',
        },
      ),
      [
        // For the memory check: a full collection on request (liveHeapMegabytes).
        `--inspect=127.0.0.1:${inspectorPort}`,
        ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
        ...(TRACE_GC ? ['--trace-gc'] : []),
        ...(HEAP_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${HEAP_DIR}`] : []),
      ],
    );
    children.push(api);
    await waitFor(`http://127.0.0.1:${apiPort}/health`);

    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: baselineToken,
      client_id: CLIENT_ID,
      client_secret: secret,
    }).toString();
    await measureToken(emulatorUrl, emulator.pid!, body); // warm-up
    const before = await measureToken(emulatorUrl, emulator.pid!, body);
    const result = await sweep(url, api.pid!, inspectorPort, emulator.pid!);
    const after = await measureToken(emulatorUrl, emulator.pid!, body);
    report([before, after], result);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await database.stop();
  }
}

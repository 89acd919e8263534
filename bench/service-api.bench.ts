// POST /api/v1/tokens, authenticated by API key, with a cached Google token (the broker warmed
// first): each answer counts the client's and the user's rate-limit buckets, reads the grant,
// serves the token the broker opened before and writes the disclosure (the user's block read in
// that statement) durably before it answers. The api runs as separate processes in its default
// production configuration (LOG_LEVEL unset: info, one JSON access line per request, stdout to
// a file), loaded by autocannon at 50 connections. The floor it is judged against, measured in
// the same rounds: a bare `INSERT … RETURNING` loop into a table of the same shape as
// `disclosures` (its columns, defaults and indexes), 50 in flight through a pool of the api's
// size. Two ceilings in the same rounds, bare Fastify as its own process through a pool of the
// api's size (bench/servers/bare-insert.ts): answering with the floor's INSERT (what HTTP costs),
// and making the statements a cached issuance makes (what the required statements cost without
// any product code). Then the floor and the api again with two api instances on one database
// (two pools, 25 + 25). Target: issuances/s ≥ 0.5 × the inserts/s of the floor.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../libs/config/src/index.js';
import { applyMigrations, EmbeddedDatabase, freePort } from '../libs/database/src/index.js';
import { ServiceClientsService, ServiceControlsService } from '../libs/service-api/src/index.js';
import { migrations } from '../migrations/index.js';
import { createApp } from '../apps/api/src/create-app.js';
import { formatTarget } from './harness.js';
import { insertGrants, mintRefreshTokens } from './keep-alive-grants.js';
import { apiEnv, cpuSeconds, emulatorEnv, waitFor } from './processes.js';

const CLUSTER_DIR = '.data/bench-postgres-service-api';
const ACCESS_LOG = '.data/bench-service-api-access';
const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const PURPOSE = 'weekly-digest';
const CONNECTIONS = 50;
const TARGET = 0.5;
/** The client's rate limits, per minute and per user per minute: never reached here. */
const LIMIT = 1_000_000;
const USERS = Number(process.env.BENCH_SERVICE_USERS ?? 200);
const DURATION_SECONDS = Number(process.env.BENCH_SERVICE_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_SERVICE_ROUNDS ?? 3);
// BENCH_SERVICE_PROFILE_DIR: each api instance writes a V8 CPU profile there when it stops.
const PROFILE_DIR = process.env.BENCH_SERVICE_PROFILE_DIR;

interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU per answer, µs (api processes only). */
  readonly cpuMicros?: number;
}

export async function run(): Promise<void> {
  rmSync(CLUSTER_DIR, { recursive: true, force: true });
  const database = new EmbeddedDatabase({ clusterDir: CLUSTER_DIR, database: 'bench' });
  const children: ChildProcess[] = [];
  const pools: pg.Pool[] = [];
  try {
    const url = await database.start();
    await applyMigrations(url, migrations);
    const emulatorPort = await freePort();
    const secret = randomBytes(16).toString('hex');
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    children.push(
      spawn(process.execPath, ['dist/apps/google-emulator/src/main.js'], {
        env: { ...process.env, ...emulatorEnv(emulatorPort, CLIENT_ID, secret) },
        stdio: 'ignore',
      }),
    );
    await waitFor(`${emulatorUrl}/oauth2/v3/certs`);
    const vaultKey = randomBytes(32);
    await insertGrants(url, vaultKey, CLIENT_ID, await mintRefreshTokens(emulatorUrl, USERS));
    const ports = [await freePort(), await freePort()];
    const envOf = (port: number) => ({
      ...apiEnv({
        port,
        databaseUrl: url,
        emulatorUrl,
        clientId: CLIENT_ID,
        clientSecret: secret,
        vaultKey: vaultKey.toString('base64url'),
      }),
      // The default configuration: LOG_LEVEL unset is info, one access line per request.
      LOG_LEVEL: 'info',
    });
    const key = await registerClient(envOf(ports[0]));
    // The api's default pool (DATABASE_POOL_SIZE unset), which the floor's pools match.
    const poolSize = loadConfig(envOf(ports[0])).config.database.poolSize;

    mkdirSync('.data', { recursive: true });
    const apis = ports.map((port, i) => {
      const log = openSync(`${ACCESS_LOG}-${i}.log`, 'w');
      const flags = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      const child = spawn(process.execPath, [...flags, 'dist/apps/api/src/main.js'], {
        env: { ...process.env, ...envOf(port) },
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      children.push(child);
      return { port, pid: child.pid! };
    });
    for (const { port } of apis) await waitFor(`http://localhost:${port}/health`);

    const users = await userIds(url);
    // Warm-up: one refresh per user fills the broker's cache (the tokens live an hour), then
    // a round per instance for the JIT and the pools.
    for (const { port } of apis) {
      for (const user of users) {
        const response = await issue(port, key, user);
        if (response.status !== 200) {
          throw new Error(`warm-up: ${response.status} ${await response.text()}`);
        }
      }
    }
    await pgQuery(url, 'CREATE TABLE bench_disclosures (LIKE disclosures INCLUDING ALL)');
    const floorRow = await floorValues(url, users[0]);
    for (let i = 0; i < 2; i++) {
      pools.push(new pg.Pool({ connectionString: url, max: poolSize }));
    }
    // The ceilings: bare Fastify with the floor's INSERT, and with an issuance's statements.
    const ceilingPort = await freePort();
    const ceilingServer = spawn(process.execPath, ['dist/bench/servers/bare-insert.js'], {
      env: {
        ...process.env,
        PORT: String(ceilingPort),
        DATABASE_URL: url,
        POOL_SIZE: String(poolSize),
        FLOOR_ROW: JSON.stringify(floorRow),
      },
      stdio: 'ignore',
    });
    children.push(ceilingServer);
    const ceiling = { port: ceilingPort, pid: ceilingServer.pid! };
    await waitFor(`http://localhost:${ceilingPort}/`);
    await floor(pools.slice(0, 1), floorRow, 1);
    await load([ceiling], key, users, 1, '/insert');
    await load([ceiling], key, users, 1, '/statements');
    await load([ceiling], key, users, 1, '/statements-without-limits');
    await load([apis[0]], key, users, 1);

    const cases = {
      floorOne: [] as Run[],
      ceilingInsert: [] as Run[],
      ceilingStatements: [] as Run[],
      ceilingWithoutLimits: [] as Run[],
      apiOne: [] as Run[],
      floorTwo: [] as Run[],
      apiTwo: [] as Run[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      cases.floorOne.push(await floor(pools.slice(0, 1), floorRow, DURATION_SECONDS));
      cases.ceilingInsert.push(await load([ceiling], key, users, DURATION_SECONDS, '/insert'));
      cases.ceilingStatements.push(
        await load([ceiling], key, users, DURATION_SECONDS, '/statements'),
      );
      cases.ceilingWithoutLimits.push(
        await load([ceiling], key, users, DURATION_SECONDS, '/statements-without-limits'),
      );
      cases.apiOne.push(await load([apis[0]], key, users, DURATION_SECONDS));
      cases.floorTwo.push(await floor(pools, floorRow, DURATION_SECONDS));
      cases.apiTwo.push(await load(apis, key, users, DURATION_SECONDS));
    }
    const [disclosures] = await pgQuery<{ count: number }>(
      url,
      `SELECT count(*)::int AS count FROM disclosures WHERE outcome = 'issued'`,
    );
    report(
      cases,
      poolSize,
      disclosures.count,
      [0, 1].map((i) => statSync(`${ACCESS_LOG}-${i}.log`).size),
    );
  } finally {
    for (const pool of pools) await pool.end();
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await database.stop();
  }
}

/**
 * The bench's service client and its API key, registered as an admin would (in-process), with
 * its rate limits raised so that no answer is a 429.
 */
async function registerClient(env: NodeJS.ProcessEnv): Promise<string> {
  const app = await createApp(loadConfig({ ...env, SCHEDULER_ENABLED: 'false' }).config);
  await app.init();
  try {
    const clients = app.get(ServiceClientsService);
    const admin = { id: 'bench', context: {} };
    const client = await clients.create(
      {
        name: 'bench-digest',
        team: 'Bench',
        contact: 'bench@example.com',
        allowedScopes: [GMAIL_SEND],
        purposes: [{ id: PURPOSE, feature: 'Your weekly digest by email' }],
      },
      admin,
    );
    const { key } = await clients.createKey(
      client.id,
      { apiScopes: ['tokens:issue'], expiresInDays: 1 },
      admin,
    );
    // Limits out of the way (as an admin's PUT …/rate-limits sets them): the bench measures
    // issuance, not 429s. The buckets are still counted on every call, as in production.
    await app
      .get(ServiceControlsService)
      .setRateLimits(client.id, { perMinute: LIMIT, perUserPerMinute: LIMIT }, admin);
    return key;
  } finally {
    await app.close();
  }
}

function issue(port: number, key: string, user: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: tokenBody(user),
  });
}

function tokenBody(user: string): string {
  return JSON.stringify({
    user: { id: user },
    scopes: [GMAIL_SEND],
    purpose: PURPOSE,
    purpose_detail: 'bench',
  });
}

/** 50 connections over `apis` (split evenly), each request for the next user in turn. */
async function load(
  apis: ReadonlyArray<{ port: number; pid: number }>,
  key: string,
  users: readonly string[],
  seconds: number,
  path = '/api/v1/tokens',
): Promise<Run> {
  let next = 0;
  const before = apis.map((api) => cpuSeconds(api.pid));
  const results = await Promise.all(
    apis.map((api) =>
      autocannon({
        url: `http://127.0.0.1:${api.port}`,
        connections: CONNECTIONS / apis.length,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path,
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              body: tokenBody(users[next++ % users.length]),
            }),
          },
        ],
      }),
    ),
  );
  const cpu = apis.reduce((sum, api, i) => sum + cpuSeconds(api.pid) - before[i], 0);
  for (const result of results) {
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`tokens: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    }
  }
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    perSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    // Two instances: the worse of the two (they share the machine alike).
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    cpuMicros: (cpu * 1e6) / total,
  };
}

type FloorRow = readonly unknown[];

/** A disclosure row as the api writes one: real client, key, user and grant ids. */
async function floorValues(url: string, user: string): Promise<FloorRow> {
  const [row] = await pgQuery<{ client_id: string; key_id: string; grant_id: string }>(
    url,
    `SELECT client_id, key_id, grant_id FROM disclosures WHERE user_id = $1 LIMIT 1`,
    [user],
  );
  return [
    row.client_id,
    row.key_id,
    user,
    row.grant_id,
    [GMAIL_SEND],
    PURPOSE,
    'bench',
    'issued',
    createHash('sha256').update(randomBytes(32)).digest('base64url'),
    randomUUID(),
    '127.0.0.1',
  ];
}

/** The floor: INSERT … RETURNING id, 50 in flight over `pools` (split evenly). */
async function floor(pools: readonly pg.Pool[], row: FloorRow, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      const pool = pools[worker % pools.length];
      while (performance.now() < deadline) {
        const at = performance.now();
        await pool.query(
          `INSERT INTO bench_disclosures
             (client_id, key_id, user_id, grant_id, scopes, purpose, purpose_detail, outcome,
              token_fingerprint, request_id, ip)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          row as unknown[],
        );
        latencies.push(performance.now() - at);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    perSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: quantile(0.5),
    p99: quantile(0.99),
  };
}

type Case =
  | 'floorOne'
  | 'ceilingInsert'
  | 'ceilingStatements'
  | 'ceilingWithoutLimits'
  | 'apiOne'
  | 'floorTwo'
  | 'apiTwo';

function report(
  cases: Record<Case, Run[]>,
  poolSize: number,
  disclosures: number,
  logBytes: number[],
): void {
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // Paired per round: the machine's speed shifts between rounds.
  const ratioOne = median(
    cases.apiOne.map((run, i) => run.perSecond / cases.floorOne[i].perSecond),
  );
  const ofFloor = (runs: Run[]) =>
    median(runs.map((run, i) => run.perSecond / cases.floorOne[i].perSecond));
  const ratioToStatements = median(
    cases.apiOne.map((run, i) => run.perSecond / cases.ceilingStatements[i].perSecond),
  );
  const ratioTwo = median(
    cases.apiTwo.map((run, i) => run.perSecond / cases.floorTwo[i].perSecond),
  );
  console.log(
    'POST /api/v1/tokens (API key, cached Google token, disclosure) vs INSERT … RETURNING',
  );
  console.log(
    `  ${CONNECTIONS} connections, ${ROUNDS} paired rounds of ${DURATION_SECONDS} s, medians; ` +
      `${USERS} users; pool ${poolSize} per api instance and per floor pool; load average ` +
      loadavg()
        .map((load) => load.toFixed(2))
        .join(' '),
  );
  console.log(
    '  case                                      per s    p50 ms    p99 ms   CPU µs/answer',
  );
  const rows: Array<[string, Run[]]> = [
    ['floor: INSERT … RETURNING, 1 pool', cases.floorOne],
    ['ceiling: bare Fastify, the INSERT', cases.ceilingInsert],
    ['ceiling: bare Fastify, the statements', cases.ceilingStatements],
    ['ceiling: the statements but the limits', cases.ceilingWithoutLimits],
    ['api, 1 instance (issuances)', cases.apiOne],
    ['floor: INSERT … RETURNING, 2 pools', cases.floorTwo],
    ['api, 2 instances (issuances)', cases.apiTwo],
  ];
  for (const [name, runs] of rows) {
    const cpu =
      runs[0].cpuMicros === undefined ? '' : median(runs.map((r) => r.cpuMicros!)).toFixed(0);
    console.log(
      `  ${name.padEnd(38)} ${median(runs.map((r) => r.perSecond))
        .toFixed(0)
        .padStart(8)}  ` +
        `${median(runs.map((r) => r.p50))
          .toFixed(2)
          .padStart(8)}  ` +
        `${median(runs.map((r) => r.p99))
          .toFixed(2)
          .padStart(8)}   ${cpu.padStart(13)}`,
    );
  }
  console.log(`  disclosures written: ${disclosures}; access log bytes: ${logBytes.join(' + ')}`);
  console.log(`  ${formatTarget('1 instance vs the floor (issuances/s)', ratioOne, TARGET)}`);
  console.log(
    `  vs the floor: bare Fastify with the INSERT ${ofFloor(cases.ceilingInsert).toFixed(2)}×, ` +
      `with an issuance's statements ${ofFloor(cases.ceilingStatements).toFixed(2)}× ` +
      `(${ofFloor(cases.ceilingWithoutLimits).toFixed(2)}× without the rate limits); ` +
      `the api, 1 instance, vs the statements' ceiling ${ratioToStatements.toFixed(2)}×`,
  );
  console.log(
    `  ${formatTarget('2 instances vs the floor, 2 pools (issuances/s)', ratioTwo, TARGET)}`,
  );
}

async function userIds(url: string): Promise<string[]> {
  const rows = await pgQuery<{ id: string }>(
    url,
    'SELECT user_id AS id FROM grants ORDER BY user_id',
  );
  return rows.map((row) => row.id);
}

async function pgQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

// The admin API at scale: BENCH_ADMIN_GRANTS (1,000,000) grants and users, BENCH_ADMIN_AUDIT
// (5,000,000) audit events, seeded by the seed command's code into a kept cluster. The compiled
// api (production mode) answers over real HTTP to one client awaiting each answer, as the
// dashboard does. Targets: p95 ≤ 50 ms for every list request (first pages with each filter and
// sort, and a page deep in each growing list, reached by following `nextCursor`); and, run
// directly against PostgreSQL in the same run, the keyset query of that deep page ≥ 10× faster
// than the same query with OFFSET at the same depth.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from '../libs/database/src/index.js';
import { apiEnv, emulatorEnv, waitFor } from './processes.js';
import { deepLists, type DeepList, firstPageCases, searchTerms } from './admin-scale-cases.js';
import { CLUSTER_DIR, prepareCluster } from './admin-scale-data.js';
import { formatTarget } from './harness.js';

const GRANTS = Number(process.env.BENCH_ADMIN_GRANTS ?? 1_000_000);
const AUDIT = Number(process.env.BENCH_ADMIN_AUDIT ?? 5_000_000);
const USERS = Number(process.env.BENCH_ADMIN_USERS ?? GRANTS);
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS ?? 100);
/** How deep the deep pages are, in rows (at most half of the list). */
const DEPTH = Number(process.env.BENCH_ADMIN_DEPTH ?? 100_000);
const SQL_ROUNDS = Number(process.env.BENCH_ADMIN_SQL_ROUNDS ?? 10);
const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const ADMIN_EMAIL = 'bench-admin@example.com';
const P95_TARGET_MS = 50;
const KEYSET_TARGET = 10;
const PAGE = 50;
const WALK_PAGE = 200;

interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

class AdminClient {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  /** One request, timed from sending to the last byte of the body. */
  async get(path: string): Promise<{ ms: number; body: Record<string, unknown> }> {
    const started = performance.now();
    const response = await fetch(`${this.base}/api/admin/${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`);
    return { ms, body: JSON.parse(text) as Record<string, unknown> };
  }

  async repeat(path: string, times: number): Promise<{ latency: Latency; items: number }> {
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < times; i++) {
      const { ms, body } = await this.get(path);
      samples.push(ms);
      items = Array.isArray(body.items) ? body.items.length : -1;
    }
    return { latency: percentiles(samples), items };
  }
}

function startProcess(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface Row {
  readonly name: string;
  readonly latency: Latency;
  readonly items: number;
}

/** Prints the header, then returns a function printing one row as it is measured. */
function rowPrinter(width: number): (row: Row) => boolean {
  const ms = (n: number) => n.toFixed(1).padStart(7);
  const head = ['p50 ms', 'p95 ms', 'p99 ms'].map((h) => h.padStart(7)).join('  ');
  console.log(`  ${'case'.padEnd(width)}  ${head}  items  p95 ≤ ${P95_TARGET_MS} ms`);
  return ({ name, latency, items }) => {
    const pass = latency.p95 <= P95_TARGET_MS;
    const figures = [latency.p50, latency.p95, latency.p99].map(ms).join('  ');
    const verdict = pass ? 'PASS' : 'FAIL';
    console.log(`  ${name.padEnd(width)}  ${figures}  ${String(items).padStart(5)}  ${verdict}`);
    return pass;
  };
}

/** Follows `nextCursor` with pages of WALK_PAGE until `depth` rows are behind; returns the cursor. */
async function walk(admin: AdminClient, list: DeepList, depth: number) {
  const samples: number[] = [];
  let cursor: string | null = null;
  let rows = 0;
  while (rows < depth) {
    const limit = Math.min(WALK_PAGE, depth - rows);
    const query: string = `${list.path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const { ms, body } = await admin.get(query);
    samples.push(ms);
    rows += (body.items as unknown[]).length;
    cursor = body.nextCursor as string | null;
    if (!cursor) break;
  }
  return { cursor, rows, latency: percentiles(samples), pages: samples.length };
}

/** Median ms of the keyset and the OFFSET query at the same depth, alternated round by round. */
async function compareSql(client: pg.Client, list: DeepList, cursor: string, depth: number) {
  const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
    string,
    string,
  ];
  const keyset: number[] = [];
  const offset: number[] = [];
  const time = async (sql: string, params: unknown[], into: number[]) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    into.push(performance.now() - started);
    return result.rows as Array<{ id: string }>;
  };
  let same = true;
  for (let round = 0; round < SQL_ROUNDS; round++) {
    const a = await time(list.keysetSql, [key, id, PAGE + 1], keyset);
    const b = await time(list.offsetSql, [depth, PAGE + 1], offset);
    same &&= a.map((r) => r.id).join() === b.map((r) => r.id).join();
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { keyset: median(keyset), offset: median(offset), same };
}

export async function run(): Promise<void> {
  const counts = { grants: GRANTS, audit: AUDIT, users: USERS };
  const cluster = await prepareCluster(counts, CLIENT_ID, (line) => console.log(line));
  const children: ChildProcess[] = [];
  const sql = new pg.Client({ connectionString: cluster.url });
  try {
    const { seeded } = cluster;
    console.log(
      `${cluster.fresh ? 'Seeded' : 'Reused'} ${CLUSTER_DIR}: ${USERS.toLocaleString('en-US')} users, ` +
        `${GRANTS.toLocaleString('en-US')} grants, ${AUDIT.toLocaleString('en-US')} audit events; ` +
        `seeding took ${seeded.seedSeconds.toFixed(0)} s, database ${(seeded.databaseBytes / 2 ** 30).toFixed(2)} GiB at seeding` +
        (cluster.migrated.names.length
          ? `; applied ${cluster.migrated.names.join(', ')} in ${cluster.migrated.seconds.toFixed(1)} s`
          : ''),
    );
    await sql.connect();
    const size = await sql.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database())::text AS bytes',
    );
    console.log(`  database now ${(Number(size.rows[0].bytes) / 2 ** 30).toFixed(2)} GiB`);
    const held = await sql.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM vault_envelopes) AS envelopes,
              (SELECT count(*) FROM user_tasks) AS tasks, (SELECT count(*) FROM task_runs) AS runs,
              (SELECT string_agg(status || ' ' || n, ', ' ORDER BY n DESC)
                 FROM (SELECT status, count(*) AS n FROM grants GROUP BY 1) s) AS grants`,
    );
    const h = held.rows[0];
    console.log(
      `  grants ${h.grants}; ${h.envelopes} sealed refresh tokens; ${h.tasks} tasks, ${h.runs} runs`,
    );

    const [emulatorPort, apiPort] = [await freePort(), await freePort()];
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const secret = randomBytes(16).toString('hex');
    children.push(
      startProcess(
        'dist/apps/google-emulator/src/main.js',
        emulatorEnv(emulatorPort, CLIENT_ID, secret),
      ),
    );
    await waitFor(`${emulatorUrl}/oauth2/v3/certs`, 60_000);
    const never = '0 0 1 1 *';
    children.push(
      startProcess(
        'dist/apps/api/src/main.js',
        apiEnv(
          {
            port: apiPort,
            databaseUrl: cluster.url,
            emulatorUrl,
            clientId: CLIENT_ID,
            clientSecret: secret,
            vaultKey: seeded.vaultKey,
          },
          {
            ADMIN_EMAILS: ADMIN_EMAIL,
            // The queue runs (the jobs page reads it), but no cron fires during the measurement.
            SCHEDULER_ENABLED: 'true',
            KEEP_ALIVE_CRON: never,
            TASK_SWEEP_CRON: never,
            NEWS_DIGEST_CRON: never,
            PURGE_CRON: never,
          },
        ),
      ),
    );
    await waitFor(`http://127.0.0.1:${apiPort}/health`, 60_000);
    const minted = await fetch(`${emulatorUrl}/__control/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        claims: { sub: '100000000000000000777', email: ADMIN_EMAIL, email_verified: true },
      }),
    });
    const { id_token: token } = (await minted.json()) as { id_token: string };
    const admin = new AdminClient(`http://127.0.0.1:${apiPort}`, token);

    const terms = await searchTerms(sql);
    const cases = firstPageCases(terms);
    for (const c of cases) await admin.get(c.path); // warm-up: JIT, plans, caches
    console.log(
      `\nFirst pages (limit ${PAGE}): ${REQUESTS} requests each, one client awaiting each answer`,
    );
    const width = Math.max(...cases.map((c) => c.name.length), 36);
    let print = rowPrinter(width);
    let [failed, measured] = [0, 0];
    const record = (row: Row) => {
      measured += 1;
      if (!print(row)) failed += 1;
    };
    for (const c of cases) record({ name: c.name, ...(await admin.repeat(c.path, REQUESTS)) });

    console.log(
      `\nDeep pages: ${DEPTH.toLocaleString('en-US')} rows in (at most half the list), reached by following nextCursor`,
    );
    print = rowPrinter(width);
    const ratios: string[] = [];
    let ratioFailed = 0;
    for (const list of deepLists(CLIENT_ID)) {
      const total = list.name === 'audit' ? AUDIT : list.name === 'users' ? USERS : GRANTS;
      const depth = Math.min(DEPTH, Math.floor(total / 2));
      const walked = await walk(admin, list, depth);
      record({
        name: `${list.name}: walk, ${walked.pages} pages of ${WALK_PAGE}`,
        latency: walked.latency,
        items: WALK_PAGE,
      });
      if (!walked.cursor) throw new Error(`${list.name}: the walk ended before ${depth} rows`);
      const deep = await admin.repeat(
        `${list.path}?limit=${PAGE}&cursor=${walked.cursor}`,
        REQUESTS,
      );
      record({
        name: `${list.name}: page at row ${walked.rows.toLocaleString('en-US')}`,
        ...deep,
      });
      const compared = await compareSql(sql, list, walked.cursor, walked.rows);
      const ratio = compared.offset / compared.keyset;
      if (ratio < KEYSET_TARGET) ratioFailed += 1;
      ratios.push(
        `  ${list.name}: keyset ${compared.keyset.toFixed(2)} ms, OFFSET ${walked.rows.toLocaleString('en-US')} ` +
          `${compared.offset.toFixed(1)} ms (same rows: ${compared.same ? 'yes' : 'NO'}); ` +
          `HTTP page ${deep.latency.p50.toFixed(1)} ms\n  ${formatTarget(`${list.name} keyset vs OFFSET (SQL, median of ${SQL_ROUNDS})`, ratio, KEYSET_TARGET)}`,
      );
      if (!compared.same) ratioFailed += 1;
    }
    console.log(
      `\nKeyset vs OFFSET at the same depth, both run directly on PostgreSQL (same connection, alternated):`,
    );
    for (const line of ratios) console.log(line);
    console.log(
      `\n${failed === 0 ? 'PASS' : 'FAIL'}  every list p95 ≤ ${P95_TARGET_MS} ms (${failed} of ${measured} over)` +
        `\n${ratioFailed === 0 ? 'PASS' : 'FAIL'}  keyset deep pages ≥ ${KEYSET_TARGET}× faster than OFFSET`,
    );
  } finally {
    await sql.end().catch(() => undefined);
    for (const child of children) child.kill('SIGTERM');
    await sleep(1000);
    await cluster.database.stop();
  }
}

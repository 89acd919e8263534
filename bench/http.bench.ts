// GET /api/v1/me with a valid Bearer ID token, against a bare Fastify hello-world, both as
// separate processes loaded by autocannon from this one. Target: api ≥ 0.50 × bare Fastify.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, EmbeddedDatabase, freePort } from '../libs/database/src/index.js';
import { migrations } from '../migrations/index.js';

const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const DURATION_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 50;

function startNode(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: 'ignore' });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

async function load(url: string, headers: Record<string, string> = {}): Promise<number> {
  // Warm-up, then the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result.requests.average;
}

export async function run(): Promise<void> {
  const database = new EmbeddedDatabase({ clusterDir: '.data/bench-postgres', database: 'bench' });
  const children: ChildProcess[] = [];
  try {
    const url = await database.start();
    const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();

    const [barePort, emulatorPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    children.push(startNode('dist/bench/servers/bare-fastify.js', { PORT: String(barePort) }));
    const secret = randomBytes(16).toString('hex');
    children.push(
      startNode('dist/apps/google-emulator/src/main.js', {
        NODE_ENV: 'test',
        EMULATOR_PORT: String(emulatorPort),
        EMULATOR_CLIENTS: JSON.stringify([
          {
            client_id: CLIENT_ID,
            client_secret: secret,
            javascript_origins: [],
            redirect_uris: [],
          },
        ]),
      }),
    );
    await waitFor(`http://localhost:${emulatorPort}/oauth2/v3/certs`);
    children.push(
      startNode('dist/apps/api/src/main.js', {
        NODE_ENV: 'production',
        PORT: String(apiPort),
        PUBLIC_URL: `http://localhost:${apiPort}`,
        DATABASE_URL: url,
        GOOGLE_CLIENT_IDS: CLIENT_ID,
        GOOGLE_CLIENT_SECRET: secret,
        GOOGLE_JWKS_URL: `http://localhost:${emulatorPort}/oauth2/v3/certs`,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      }),
    );
    await waitFor(`http://localhost:${barePort}/api/v1/me`);
    await waitFor(`http://localhost:${apiPort}/health`);

    const minted = await fetch(`http://localhost:${emulatorPort}/__control/id-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: {} }),
    });
    const { id_token: token } = (await minted.json()) as { id_token: string };

    const bare = await load(`http://127.0.0.1:${barePort}/api/v1/me`);
    const api = await load(`http://127.0.0.1:${apiPort}/api/v1/me`, {
      authorization: `Bearer ${token}`,
    });
    const ratio = api / bare;
    console.log('\nHTTP: GET /api/v1/me (Bearer ID token) vs bare Fastify');
    console.log(`  ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, autocannon in-process`);
    console.log(`  bare Fastify hello-world   ${bare.toFixed(0).padStart(8)} req/s   1.00`);
    console.log(
      `  api GET /api/v1/me          ${api.toFixed(0).padStart(8)} req/s   ${ratio.toFixed(2)}`,
    );
    console.log(`  target ≥ 0.50 × bare Fastify: ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await database.stop();
  }
}

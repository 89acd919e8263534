// The access-token broker with a cached token: AccessTokenBroker.accessTokenFor on a grant whose
// access token has an hour left, in the compiled api's own Nest application (in this process, no
// HTTP) on an embedded PostgreSQL. Each call reads the grant and serves the token the broker
// opened from its envelope on the first call (the use is written at most once a minute). Reports
// p50/p99 of calls one at a time, and calls per second with
// BENCH_BROKER_CONCURRENCY (16) in flight. Google (the emulator) is called once, to fill the cache.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../libs/config/src/index.js';
import { applyMigrations, EmbeddedDatabase, freePort } from '../libs/database/src/index.js';
import { AccessTokenBroker } from '../libs/offline-access/src/index.js';
import { migrations } from '../migrations/index.js';
import { createApp } from '../apps/api/src/create-app.js';
import { insertGrants, mintRefreshTokens } from './keep-alive-grants.js';
import { apiEnv, emulatorEnv, waitFor } from './processes.js';

const CLUSTER_DIR = '.data/bench-postgres-broker';
const CLIENT_ID = 'grantkeeper-bench.apps.googleusercontent.com';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const SEQUENTIAL_CALLS = Number(process.env.BENCH_BROKER_CALLS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_BROKER_CONCURRENCY ?? 16);
const CONCURRENT_SECONDS = Number(process.env.BENCH_BROKER_SECONDS ?? 5);

export async function run(): Promise<void> {
  // A fresh cluster each run: one user, one grant.
  rmSync(CLUSTER_DIR, { recursive: true, force: true });
  const database = new EmbeddedDatabase({
    clusterDir: CLUSTER_DIR,
    database: 'bench',
  });
  const children: ChildProcess[] = [];
  try {
    const url = await database.start();
    await applyMigrations(url, migrations);
    const emulatorPort = await freePort();
    const secret = randomBytes(16).toString('hex');
    const emulator = spawn(process.execPath, ['dist/apps/google-emulator/src/main.js'], {
      env: { ...process.env, ...emulatorEnv(emulatorPort, CLIENT_ID, secret) },
      stdio: 'ignore',
    });
    children.push(emulator);
    const emulatorUrl = `http://localhost:${emulatorPort}`;
    await waitFor(`${emulatorUrl}/oauth2/v3/certs`);
    const vaultKey = randomBytes(32);
    await insertGrants(url, vaultKey, CLIENT_ID, await mintRefreshTokens(emulatorUrl, 1));

    const env = apiEnv(
      {
        port: await freePort(),
        databaseUrl: url,
        emulatorUrl,
        clientId: CLIENT_ID,
        clientSecret: secret,
        vaultKey: vaultKey.toString('base64url'),
      },
      { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'silent' },
    );
    const { config } = loadConfig(env);
    const app = await createApp(config);
    await app.init();
    try {
      const broker = app.get(AccessTokenBroker);
      const userId = await onlyUser(url);
      await broker.accessTokenFor(userId, [GMAIL_SEND]); // the one refresh: fills the cache
      for (let i = 0; i < 300; i++) await broker.accessTokenFor(userId, [GMAIL_SEND]); // warm-up

      const latencies: number[] = [];
      for (let i = 0; i < SEQUENTIAL_CALLS; i++) {
        const started = performance.now();
        await broker.accessTokenFor(userId, [GMAIL_SEND]);
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];

      let calls = 0;
      const deadline = performance.now() + CONCURRENT_SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            await broker.accessTokenFor(userId, [GMAIL_SEND]);
            calls += 1;
          }
        }),
      );
      const perSecond = calls / ((performance.now() - started) / 1000);

      console.log(
        'Broker: accessTokenFor with a cached token (the grant read, the token opened before)',
      );
      console.log(
        `  one at a time, ${SEQUENTIAL_CALLS} calls: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, ${(1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length)).toFixed(0)} calls/s`,
      );
      console.log(
        `  ${CONCURRENCY} in flight for ${CONCURRENT_SECONDS} s: ${perSecond.toFixed(0)} calls/s (pool ${config.database.poolSize})`,
      );
    } finally {
      await app.close();
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(300);
    await database.stop();
  }
}

async function onlyUser(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>('SELECT user_id AS id FROM grants')).rows[0].id;
  } finally {
    await client.end();
  }
}

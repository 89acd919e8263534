// `npm start`: the whole product on one machine with no configuration. PostgreSQL (embedded,
// under .data/), migrations, the Google emulator and the api, stopped in reverse order on Ctrl-C.
// `npm run dev` starts it with DEV_STACK_WATCH=1 (scripts/dev.mjs): the api is restarted on the
// supervisor's `restart-api` message instead of ending the stack when it exits.
//
// The supervisor stays small: it reads the configuration and runs PostgreSQL through those two
// files of their libraries, not their index (which brings Nest and TypeORM), and applies the
// migrations in a short-lived child (migrate.ts).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '@grantkeeper/config';
import { ConfigError } from '../../../libs/config/src/config.errors.js';
import { loadConfig } from '../../../libs/config/src/load-config.js';
import { EmbeddedDatabase } from '../../../libs/database/src/embedded-database.js';
import { printBanner } from './banner.js';
import { ChildService } from './child-service.js';
import { prepareExampleService } from './example-service.js';

const distRoot = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_ADMIN = 'admin@grantkeeper.test';
const watching = process.env.DEV_STACK_WATCH === '1';

/** One progress line per start-up step, when it is done: `▸ PostgreSQL ready in 1.2 s (…)`. */
async function step<T>(label: string, run: () => Promise<T>, detail?: (result: T) => string) {
  const started = Date.now();
  const result = await run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`▸ ${label} ready in ${seconds} s${detail ? ` (${detail(result)})` : ''}`);
  return result;
}

async function main(): Promise<void> {
  const { config, warnings } = loadConfig();
  if (config.env === 'production') {
    throw new ConfigError(['NODE_ENV: `npm start` is for development; run `npm run start:prod`.']);
  }
  const database = config.database.url
    ? undefined
    : new EmbeddedDatabase({
        clusterDir: join(config.dataDir, 'postgres'),
        database: 'grantkeeper',
      });
  const services: ChildService[] = [];
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (stopping) return new Promise<never>(() => undefined);
    stopping = true;
    console.log('\nStopping…');
    for (const service of services.reverse()) {
      await service.stop();
      console.log(`▸ ${service.name} stopped`);
    }
    if (database) {
      await database.stop();
      console.log('▸ PostgreSQL stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  console.log('Starting Grantkeeper…');
  try {
    const databaseUrl = config.database.url
      ? config.database.url
      : await step(
          'PostgreSQL',
          () => database!.start(),
          () => join(config.dataDir, 'postgres'),
        );
    await step(
      'Migrations',
      () => migrate(databaseUrl),
      (summary) => summary,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    env.ADMIN_EMAILS ??= DEFAULT_ADMIN;
    const emulatorUrl = new URL(config.google.urls.jwks).origin;
    if (config.google.usesEmulator) {
      const emulator = new ChildService({
        name: 'emulator',
        script: join(distRoot, 'apps/google-emulator/src/main.js'),
        env: { ...env, ...emulatorEnv(config, emulatorUrl) },
        readyUrl: `${emulatorUrl}/.well-known/openid-configuration`,
        onExit: () => void stop(1),
      });
      services.push(emulator);
      await step(
        'Google emulator',
        () => emulator.start(),
        () => emulatorUrl,
      );
    }
    const api = new ChildService({
      name: 'api',
      script: join(distRoot, 'apps/api/src/main.js'),
      env,
      readyUrl: `http://127.0.0.1:${config.port}/health`,
      onExit: (code) => {
        if (!watching) void stop(1);
        else console.log(`▸ api exited (${code}); waiting for the next change`);
      },
    });
    services.push(api);
    await step(
      'api',
      () => api.start(60_000),
      () => config.publicUrl,
    );
    const example = await step(
      'Example service',
      async () => {
        const gmail = config.google.usesEmulator ? emulatorUrl : 'https://gmail.googleapis.com';
        const prepared = await prepareExampleService(distRoot, config, env, gmail, () => {
          if (!watching) void stop(1);
        });
        services.push(prepared.service);
        await prepared.service.start();
        return prepared;
      },
      (prepared) => `${prepared.url}, API key in ${prepared.keyFile}`,
    );
    if (watching) {
      process.on('message', (message) => {
        if (message !== 'restart-api' || stopping) return;
        void step('api (restarted)', () => api.restart(60_000)).catch((error: unknown) =>
          console.log(` failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
    }
    printBanner(config, warnings, env.ADMIN_EMAILS, [['Example service', example.url]]);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

/** Runs migrate.js on `url`; its last line is the summary, the lines before it are printed. */
function migrate(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distRoot, 'apps/dev-stack/src/migrate.js')], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = output.trim().split('\n');
      if (code !== 0) return reject(new Error(`Migrations failed:\n${output}`));
      const summary = lines.pop() ?? '';
      for (const line of lines) console.log(`  ${line}`);
      resolve(summary);
    });
  });
}

function emulatorEnv(config: AppConfig, emulatorUrl: string) {
  const url = new URL(emulatorUrl);
  return {
    EMULATOR_PORT: url.port || '80',
    EMULATOR_PUBLIC_URL: url.origin,
    // Google pushes security events to the receiver registered for the project; the emulator's
    // POST /__control/risc/deliver posts to the api's, so RISC works end to end under npm start.
    EMULATOR_RISC_RECEIVER_URL: `${config.publicUrl}/risc/events`,
    // Keys, grants and tokens survive a restart of `npm start`, as they survive at Google: the
    // api's stored refresh tokens keep working.
    EMULATOR_STATE_DIR: resolve(config.dataDir, 'google-emulator'),
    EMULATOR_CLIENTS: JSON.stringify(
      config.google.clientIds.map((clientId) => ({
        client_id: clientId,
        client_secret: config.google.clientSecret,
        javascript_origins: [config.publicUrl],
        redirect_uris: [
          `${config.publicUrl}/auth/google/callback`,
          `${config.publicUrl}/auth/google/id-token`,
        ],
      })),
    ),
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

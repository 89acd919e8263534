// `npm start`: the whole product on one machine with no configuration. PostgreSQL (embedded,
// under .data/), migrations, the Google emulator and the api, stopped in reverse order on Ctrl-C.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@grantkeeper/config';
import { applyMigrations, EmbeddedDatabase } from '@grantkeeper/database';
import { migrations } from '../../../migrations/index.js';
import { printBanner } from './banner.js';
import { ChildService } from './child-service.js';

const distRoot = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_ADMIN = 'admin@grantkeeper.test';

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
    for (const service of services.reverse()) await service.stop();
    await database?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const databaseUrl = config.database.url || (await database!.start());
    await migrate(databaseUrl);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    env.ADMIN_EMAILS ??= DEFAULT_ADMIN;
    if (config.google.usesEmulator) {
      const emulatorUrl = new URL(config.google.urls.jwks).origin;
      const emulator = new ChildService({
        name: 'emulator',
        script: join(distRoot, 'apps/google-emulator/src/main.js'),
        env: { ...env, ...emulatorEnv(config, emulatorUrl) },
        readyUrl: `${emulatorUrl}/.well-known/openid-configuration`,
        onExit: () => void stop(1),
      });
      services.push(emulator);
      await emulator.start();
    }
    const api = new ChildService({
      name: 'api',
      script: join(distRoot, 'apps/api/src/main.js'),
      env,
      readyUrl: `http://127.0.0.1:${config.port}/health`,
      onExit: () => void stop(1),
    });
    services.push(api);
    await api.start(60_000);
    printBanner(config, warnings, env.ADMIN_EMAILS);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

async function migrate(url: string): Promise<void> {
  for (const name of await applyMigrations(url, migrations))
    console.log(`Applied migration ${name}`);
}

function emulatorEnv(config: ReturnType<typeof loadConfig>['config'], emulatorUrl: string) {
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

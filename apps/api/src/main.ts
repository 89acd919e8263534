import 'reflect-metadata';
import { ConfigError, loadConfig } from '@grantkeeper/config';
import { assertDatabaseReady, DatabaseNotReadyError } from '@grantkeeper/database';
import { VaultError } from '@grantkeeper/vault';
import { migrations } from '../../../migrations/index.js';
import { createApp } from './create-app.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const { config, warnings } = loadConfig();
  for (const warning of warnings) console.warn(`WARNING: ${warning}`);
  if (!config.database.url) {
    throw new ConfigError([
      'DATABASE_URL: not set. `npm start` runs a development database for you; otherwise set it.',
    ]);
  }
  await assertDatabaseReady(config.database.url, migrations);
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Grantkeeper api listening on ${config.publicUrl}`);

  // Graceful shutdown: stop accepting requests, let in-flight ones finish (Fastify answers 503
  // to new ones meanwhile), close the database pool, exit 0. A stuck close is cut short.
  let closing = false;
  const shutdown = (reason: string): void => {
    if (closing) return;
    closing = true;
    console.log(`Shutting down (${reason})`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Started by `npm start` with an IPC channel: leave with the supervisor, even if it was SIGKILLed.
  process.on('disconnect', () => shutdown('supervisor gone'));
}

main().catch((error: unknown) => {
  // Both say what the operator must do and carry no secrets; a stack would only bury that.
  if (
    error instanceof ConfigError ||
    error instanceof VaultError ||
    error instanceof DatabaseNotReadyError
  ) {
    console.error(error.message);
  } else console.error('Grantkeeper api failed to start:', error);
  process.exit(1);
});

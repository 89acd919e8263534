import { startEmulator } from './emulator.app.js';
import { EmulatorConfigError, loadEmulatorConfig } from './emulator.config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadEmulatorConfig();
  } catch (error) {
    if (!(error instanceof EmulatorConfigError)) throw error;
    console.error(`google-emulator: refusing to start: ${error.message}`);
    process.exit(1);
  }
  const emulator = await startEmulator(config);
  const address = emulator.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`google-emulator: listening on ${config.host}:${port}, public URL ${emulator.url}`);
  if (config.stateDir !== undefined) {
    console.log(`google-emulator: keys, grants and tokens are kept in ${config.stateDir}`);
  }

  let closing = false;
  const shutdown = (reason: string) => {
    if (closing) return;
    closing = true;
    console.log(`google-emulator: ${reason}, closing`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('google-emulator: close failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // Started by `npm start` with an IPC channel: leave with the supervisor, even if it was SIGKILLed.
  process.once('disconnect', () => shutdown('supervisor gone'));
}

main().catch((error: unknown) => {
  console.error('google-emulator: failed to start', error);
  process.exit(1);
});

// The api in-process (createApp, the production pipeline) on a fresh real PostgreSQL database,
// talking over real HTTP to a real emulator listening on a free port.
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@grantkeeper/config';
import { freePort } from '@grantkeeper/database';
import type { FastifyInstance } from 'fastify';
import { emulatorConfig } from '../../apps/google-emulator/src/emulator.config.js';
import { buildEmulator } from '../../apps/google-emulator/src/emulator.app.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { emulatorControl } from './emulator-control.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const WEB_CLIENT_ID = 'grantkeeper-test-web.apps.googleusercontent.com';
export const ANDROID_CLIENT_ID = 'grantkeeper-test-android.apps.googleusercontent.com';
export const ALICE_SUB = '100000000000000000001';

export interface ApiUnderTest {
  readonly url: string;
  readonly emulatorUrl: string;
  readonly db: TestDatabase;
  readonly app: NestFastifyApplication;
  /** A token from the emulator's control API (`POST /__control/id-token`). */
  mintIdToken(claims?: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  control(path: string, body?: unknown): Promise<unknown>;
  /**
   * Stops the api and starts it again on the same port, database, secrets and emulator, with
   * `env` over the first start's variables (a deployment changing its configuration).
   */
  restartApi(env: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startApiUnderTest(env: Record<string, string> = {}): Promise<ApiUnderTest> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const emulator: FastifyInstance = await buildEmulator(
    emulatorConfig({
      clients: [
        {
          clientId: WEB_CLIENT_ID,
          clientSecret: 'test-client-secret',
          javascriptOrigins: [url],
          redirectUris: [`${url}/auth/google/callback`, `${url}/auth/google/id-token`],
        },
      ],
    }),
  );
  await emulator.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.server.address();
  const emulatorUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    GOOGLE_CLIENT_IDS: `${WEB_CLIENT_ID},${ANDROID_CLIENT_ID}`,
    GOOGLE_CLIENT_SECRET: 'test-client-secret',
    GOOGLE_EMULATOR_URL: emulatorUrl,
    GOOGLE_HTTP_TIMEOUT_MS: '1500',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    VAULT_KEYS: `1:${randomBytes(32).toString('base64url')}`,
    ADMIN_EMAILS: 'admin@grantkeeper.test,carol@example.net',
    LOG_LEVEL: 'silent',
    // Tests that need the job queue and cron triggers turn them on.
    SCHEDULER_ENABLED: 'false',
    ...env,
  };
  const startApp = async (extra: Record<string, string>) => {
    const started = await createApp(loadConfig({ ...baseEnv, ...extra }).config);
    await started.listen({ port, host: '127.0.0.1' });
    return started;
  };
  let app = await startApp({});

  const { control, mintIdToken } = emulatorControl(emulatorUrl);
  return {
    url,
    emulatorUrl,
    db,
    get app() {
      return app;
    },
    control,
    async restartApi(extra) {
      await app.close();
      app = await startApp(extra);
    },
    mintIdToken,
    async close() {
      await app.close();
      await emulator.close();
      await db.drop();
    },
  };
}

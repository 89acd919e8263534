// One step of `npm start`, run as a short-lived child (as migrate.ts is) so the supervisor never
// loads Nest: registers the example digest service (apps/example-service) as a service client,
// through ServiceClientsService and so on the audit log, and keeps its API key in a file under
// the data folder (mode 0600). Idempotent: a second start finds the client, and the key in the
// file if it is still active; otherwise it issues a new one (revoking the oldest when the client
// already has two). Prints one line, the key file's path: never the key.
import 'reflect-metadata';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@grantkeeper/config';
import { type AdminActor, ServiceClientsService } from '@grantkeeper/service-api';
import pino from 'pino';
import { AppModule } from '../../api/src/app.module.js';

export const EXAMPLE_SERVICE_CLIENT = 'example-digest-service';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';
/** Who the audit log says made the change: `npm start` itself. */
const DEV_STACK: AdminActor = { id: 'npm-start', context: {} };

const { config } = loadConfig({
  ...process.env,
  SCHEDULER_ENABLED: 'false',
  LOG_LEVEL: 'silent',
});
const keyFile = join(config.dataDir, 'example-service', 'api-key');
// Its own origin is its return origin: a consent link brings the user back to its page.
const exampleOrigin = `http://localhost:${Number(process.env.EXAMPLE_SERVICE_PORT ?? 4500)}`;
const app = await NestFactory.createApplicationContext(
  AppModule.forRoot(config, pino({ level: 'silent' })),
  { logger: false, abortOnError: false },
);
try {
  const clients = app.get(ServiceClientsService);
  const found = (await clients.list()).find((one) => one.name === EXAMPLE_SERVICE_CLIENT);
  const client = found
    ? found.returnOrigins.includes(exampleOrigin)
      ? found
      : await clients.update(
          found.id,
          { returnOrigins: [...found.returnOrigins, exampleOrigin] },
          DEV_STACK,
        )
    : await clients.create(
        {
          name: EXAMPLE_SERVICE_CLIENT,
          team: 'Examples',
          contact: 'apps/example-service',
          allowedScopes: [GMAIL_SEND, CALENDAR_READONLY],
          purposes: [{ id: 'weekly-digest', feature: 'Your weekly digest by email' }],
          returnOrigins: [exampleOrigin],
        },
        DEV_STACK,
      );
  const active = (await clients.keys(client.id)).filter(
    (key) => key.revokedAt === null && key.expiresAt.getTime() > Date.now(),
  );
  const kept = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '';
  // gk_<env>_<secret…>: the first 12 characters of the secret are the key's lookup prefix.
  const keptPrefix = kept.split('_')[2]?.slice(0, 12);
  if (active.some((key) => key.lookupPrefix === keptPrefix)) {
    console.log(`kept the key in ${keyFile}`);
    console.log(keyFile);
  } else {
    if (active.length >= 2) {
      const oldest = active.reduce((a, b) => (a.createdAt < b.createdAt ? a : b));
      await clients.revokeKey(client.id, oldest.id, DEV_STACK);
    }
    const { key } = await clients.createKey(
      client.id,
      { apiScopes: ['tokens:issue', 'grants:read'], expiresInDays: 365 },
      DEV_STACK,
    );
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    console.log(`new key in ${keyFile}`);
    console.log(keyFile);
  }
} finally {
  await app.close();
}

// One api process of the cross-instance single-flight test: boots the compiled api (dist/, as
// production runs it, from the same environment variables) without listening, prints `ready`,
// waits for `go` on stdin, then asks the broker for USER_ID's access token COUNT times at once
// and prints one JSON line: each caller's token, or its error code.
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { createApp } from '../../dist/apps/api/src/create-app.js';
import { loadConfig } from '../../dist/libs/config/src/index.js';
import { AccessTokenBroker } from '../../dist/libs/offline-access/src/index.js';

const [count, userId, scope] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const app = await createApp(loadConfig().config);
await app.init();
const broker = app.get(AccessTokenBroker);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line === 'go') break;
const results = await Promise.all(
  Array.from({ length: count }, () =>
    broker.accessTokenFor(userId, [scope]).then(
      (token) => ({ token: token.accessToken }),
      (error) => ({ error: error.code ?? String(error) }),
    ),
  ),
);
process.stdout.write(`results ${JSON.stringify(results)}\n`);
await app.close();
process.exit(0);

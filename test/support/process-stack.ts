// The compiled apps as separate processes, as production runs them: the emulator and the api
// on free ports with a fresh database. Their output is kept for assertions about logs.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@grantkeeper/database';
import type { ApiUnderTest } from './api-under-test.js';
import { emulatorControl } from './emulator-control.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const STACK_CLIENT_ID = 'grantkeeper-e2e.apps.googleusercontent.com';

export interface RunningProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code (or the signal name). */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export interface ProcessStack {
  readonly apiUrl: string;
  readonly emulatorUrl: string;
  readonly db: TestDatabase;
  readonly api: RunningProcess;
  readonly emulator: RunningProcess;
  /** The environment every api process of the stack starts from (database, secrets, Google). */
  readonly env: NodeJS.ProcessEnv;
  mintIdToken(claims?: Record<string, unknown>): Promise<string>;
  /** Another api process on the same database and secrets (a second instance of the cluster). */
  startApi(env?: Record<string, string>): Promise<{ url: string; process: RunningProcess }>;
  stop(): Promise<void>;
}

/** What the test helpers use of an api: an ApiUnderTest's, or a stack's (see {@link targetOf}). */
export type StackTarget = Pick<
  ApiUnderTest,
  'url' | 'emulatorUrl' | 'db' | 'mintIdToken' | 'control'
>;

/**
 * The stack as the helpers written for an ApiUnderTest take it: its api process (or the instance
 * at `url`), over HTTP, its database and its emulator's control API.
 */
export function targetOf(stack: ProcessStack, url: string = stack.apiUrl): StackTarget {
  return {
    url,
    db: stack.db,
    ...emulatorControl(stack.emulatorUrl),
  };
}

export function runNode(script: string, env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function waitFor(url: string, process: RunningProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(`process exited early:\n${process.output()}`);
    }
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer:\n${process.output()}`);
}

export async function startProcessStack(
  apiEnv: Record<string, string> = {},
): Promise<ProcessStack> {
  const db = await createTestDatabase();
  const [apiPort, emulatorPort] = [await freePort(), await freePort()];
  const apiUrl = `http://localhost:${apiPort}`;
  const emulatorUrl = `http://localhost:${emulatorPort}`;
  const secret = randomBytes(24).toString('base64url');
  const emulator = runNode('dist/apps/google-emulator/src/main.js', {
    ...process.env,
    NODE_ENV: 'test',
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_PUBLIC_URL: emulatorUrl,
    EMULATOR_CLIENTS: JSON.stringify([
      {
        client_id: STACK_CLIENT_ID,
        client_secret: secret,
        javascript_origins: [apiUrl],
        redirect_uris: [`${apiUrl}/auth/google/callback`, `${apiUrl}/auth/google/id-token`],
      },
    ]),
  });
  await waitFor(`${emulatorUrl}/.well-known/openid-configuration`, emulator);
  const sharedEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    GOOGLE_CLIENT_IDS: STACK_CLIENT_ID,
    GOOGLE_CLIENT_SECRET: secret,
    GOOGLE_EMULATOR_URL: emulatorUrl,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    VAULT_KEYS: `1:${randomBytes(32).toString('base64url')}`,
    ADMIN_EMAILS: 'admin@grantkeeper.test',
    LOG_LEVEL: 'info',
    SCHEDULER_ENABLED: 'false',
    ...apiEnv,
  };
  const api = runNode('dist/apps/api/src/main.js', {
    ...sharedEnv,
    PORT: String(apiPort),
    PUBLIC_URL: apiUrl,
  });
  await waitFor(`${apiUrl}/health`, api);
  const others: RunningProcess[] = [];
  return {
    apiUrl,
    emulatorUrl,
    db,
    api,
    emulator,
    env: sharedEnv,
    mintIdToken: emulatorControl(emulatorUrl).mintIdToken,
    async startApi(env = {}) {
      const port = await freePort();
      const url = `http://localhost:${port}`;
      const other = runNode('dist/apps/api/src/main.js', {
        ...sharedEnv,
        PORT: String(port),
        PUBLIC_URL: url,
        ...env,
      });
      others.push(other);
      await waitFor(`${url}/health`, other);
      return { url, process: other };
    },
    async stop() {
      for (const other of others) await other.stop();
      await api.stop();
      await emulator.stop();
      await db.drop();
    },
  };
}

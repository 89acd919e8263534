// What the cross-process benchmarks share about the processes they start: waiting for one to
// answer, reading its CPU time and live heap, and the emulator's and the api's environments.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const CLOCK_TICKS = 100;

/** Resolves once `url` answers below 500; fails after `timeoutMs` (default 30 s). */
export async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/** The process's user + system CPU time in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/**
 * The JavaScript heap a process keeps after a full collection (MB), asked through its inspector
 * (the process runs with `--inspect=127.0.0.1:<port>`). What survives a full collection is what
 * a leak would grow; the RSS also holds whatever garbage V8 has not collected yet.
 */
export async function liveHeapMegabytes(inspectorPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as
    Array<{ webSocketDebuggerUrl: string }> | [];
  if (targets.length === 0) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<unknown>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize / 2 ** 20;
  } finally {
    socket.close();
  }
}

/** The compiled emulator's environment in a benchmark: one OAuth client, `clientId`/`secret`. */
export function emulatorEnv(port: number, clientId: string, secret: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    EMULATOR_PORT: String(port),
    EMULATOR_CLIENTS: JSON.stringify([
      { client_id: clientId, client_secret: secret, javascript_origins: [], redirect_uris: [] },
    ]),
  };
}

export interface BenchApi {
  readonly port: number;
  readonly databaseUrl: string;
  readonly emulatorUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The vault's key-encryption key, base64url (version 1). */
  readonly vaultKey: string;
}

/**
 * The compiled api's environment in a benchmark: production mode, Google's endpoints at the
 * emulator, a one-key vault, and `LOG_LEVEL=warn` so that it writes no line per request.
 * `extra` adds to it (scheduler settings, admin emails).
 */
export function apiEnv(api: BenchApi, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    PORT: String(api.port),
    PUBLIC_URL: `http://localhost:${api.port}`,
    DATABASE_URL: api.databaseUrl,
    GOOGLE_CLIENT_IDS: api.clientId,
    GOOGLE_CLIENT_SECRET: api.clientSecret,
    GOOGLE_JWKS_URL: `${api.emulatorUrl}/oauth2/v3/certs`,
    GOOGLE_TOKEN_URL: `${api.emulatorUrl}/token`,
    GOOGLE_REVOKE_URL: `${api.emulatorUrl}/revoke`,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    VAULT_KEYS: `1:${api.vaultKey}`,
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

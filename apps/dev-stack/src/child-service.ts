import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildServiceOptions {
  readonly name: string;
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** Polled until it answers 2xx. */
  readonly readyUrl: string;
  readonly onExit: (code: number | null) => void;
}

/**
 * A Node service run as a child process with its output prefixed by its name. The IPC channel
 * lets the child notice when we die, even by SIGKILL, and exit instead of lingering.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  private stopping = false;

  constructor(private readonly options: ChildServiceOptions) {}

  get name(): string {
    return this.options.name;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.stopping = false;
    const { name, script, env } = this.options;
    const child = spawn(process.execPath, [script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true, // its own process group: Ctrl-C reaches us, and we stop it in order
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => console.log(`[${name}] ${line}`));
    }
    child.on('exit', (code) => {
      if (!this.stopping) this.options.onExit(code);
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
      if (await answers(this.options.readyUrl)) return;
      await sleep(150);
    }
    throw new Error(`${name} did not answer ${this.options.readyUrl} within ${timeoutMs} ms`);
  }

  /** Stops it (if it runs) and starts it again: `npm run dev` after a rebuild. */
  async restart(timeoutMs?: number): Promise<void> {
    await this.stop();
    await this.start(timeoutMs);
  }

  /** SIGTERM, then SIGKILL if it has not exited after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** node:http rather than fetch: fetch would load undici into the supervisor for a few polls. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 1000 }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 300);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

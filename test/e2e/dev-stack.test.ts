import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@grantkeeper/config';
import { freePort } from '@grantkeeper/database';
import { afterAll, describe, expect, it } from 'vitest';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import { type RunningProcess, runNode } from '../support/process-stack.js';

const dataDir = join('.data', `e2e-dev-stack-${process.pid}`);

/** The ports of one stack: the api's, the Google emulator's and the example service's. */
type StackPorts = { api: number; emulator: number; example: number };

async function stackPorts(): Promise<StackPorts> {
  return { api: await freePort(), emulator: await freePort(), example: await freePort() };
}

function stackEnv(ports: StackPorts, logLevel: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    PORT: String(ports.api),
    GOOGLE_EMULATOR_URL: `http://localhost:${ports.emulator}`,
    EXAMPLE_SERVICE_PORT: String(ports.example),
    LOG_LEVEL: logLevel,
  };
}

async function untilRunning(stack: RunningProcess): Promise<RunningProcess> {
  const deadline = Date.now() + 90_000;
  while (!stack.output().includes('Grantkeeper is running.')) {
    if (stack.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not come up:\n${stack.output()}`);
    }
    await sleep(200);
  }
  return stack;
}

async function startDevStack(ports: StackPorts, logLevel = 'warn'): Promise<RunningProcess> {
  return untilRunning(runNode('dist/apps/dev-stack/src/main.js', stackEnv(ports, logLevel)));
}

/**
 * `npm start` as a terminal runs it: the leader of its own process group, which Ctrl-C signals
 * as a whole (`stop` sends the signal to the group).
 */
async function startInTerminal(ports: StackPorts): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['dist/apps/dev-stack/src/main.js'], {
    env: stackEnv(ports, 'info'),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return untilRunning({
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGINT') {
      process.kill(-child.pid!, signal);
      return exited;
    },
  });
}

/** Field 5 of /proc/<pid>/stat: the process group. */
const processGroupOf = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);
const rssMegabytesOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function signInAlice(apiPort: number, emulatorPort: number): Promise<string> {
  const minted = await request<{ id_token: string }>(
    `http://localhost:${emulatorPort}/__control/id-token`,
    { json: {} },
  );
  const response = await request<{ id: string }>(
    `http://localhost:${apiPort}/auth/google/id-token`,
    {
      json: { credential: minted.body.id_token },
    },
  );
  expect(response.status).toBe(200);
  return response.body.id;
}

/** Alice signs in and turns offline access on; the refresh token the emulator issued for it. */
async function grantOfflineAccess(apiPort: number, emulatorPort: number): Promise<string> {
  const emulator = `http://localhost:${emulatorPort}/__control`;
  const minted = await request<{ id_token: string }>(`${emulator}/id-token`, { json: {} });
  const signedIn = await request(`http://localhost:${apiPort}/auth/google/id-token`, {
    json: { credential: minted.body.id_token },
  });
  const session = cookieValue(setCookies(signedIn).get('gk_session'));
  const code = await request<{ code: string }>(`${emulator}/authorization-code`, {
    json: { scopes: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/gmail.send'] },
  });
  const granted = await request(`http://localhost:${apiPort}/offline-access/code`, {
    json: { code: code.body.code },
    headers: { 'x-requested-with': 'XmlHttpRequest' },
    cookies: { gk_session: session },
  });
  expect(granted.status).toBe(200);
  const [grant] = await emulatorGrants(emulatorPort);
  expect(grant?.refresh_token_values).toHaveLength(1);
  return grant.refresh_token_values[0];
}

async function emulatorGrants(emulatorPort: number) {
  const answer = await request<{ grants: Array<{ refresh_token_values: string[] }> }>(
    `http://localhost:${emulatorPort}/__control/grants`,
  );
  return answer.body.grants;
}

const postgresPidFile = () => join(dataDir, 'postgres', 'postmaster.pid');

describe('npm start (apps/dev-stack)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('does not rebuild what has not changed: a second build skips the server and the dashboard', () => {
    const build = () => {
      const started = Date.now();
      const result = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
      return { ...result, seconds: (Date.now() - started) / 1000 };
    };
    // The first brings dist/ up to date with the tree (a no-op after `npm test`'s build).
    expect(build().status).toBe(0);
    const second = build();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('server: unchanged since the last build, build skipped');
    expect(second.stdout).toContain(
      'admin dashboard: unchanged since the last build, build skipped',
    );
    expect(second.stdout).not.toMatch(/built in/);
    console.log(`second build of an unchanged tree: ${second.seconds.toFixed(2)} s`);
  }, 240_000);

  it('Ctrl-C in a terminal stops the api, then the emulator, then PostgreSQL; start-up prints one line per step', async () => {
    const ports = await stackPorts();
    const stack = await startInTerminal(ports);
    const output = stack.output();
    for (const step of ['PostgreSQL', 'Migrations', 'Google emulator', 'api', 'Example service']) {
      expect(output).toMatch(new RegExp(`▸ ${step} ready in \\d+\\.\\d s`));
    }
    // At LOG_LEVEL=info, no line per Nest module or route before the banner.
    expect(output).not.toMatch(/InstanceLoader|RouterExplorer|RoutesResolver|Mapped \{/);

    const postgresPid = Number(readFileSync(postgresPidFile(), 'utf8').split('\n')[0]);
    expect(processGroupOf(postgresPid)).not.toBe(stack.child.pid);
    const rss = rssMegabytesOf(stack.child.pid!);
    console.log(`npm start supervisor RSS once running: ${rss.toFixed(0)} MB`);
    expect(rss).toBeLessThan(110); // 132 MB when it loaded Nest and TypeORM itself

    expect(await stack.stop('SIGINT')).toBe(0);
    const stopped = stack.output().slice(stack.output().indexOf('Stopping…'));
    const order = [
      '▸ example-service stopped',
      '▸ api stopped',
      '▸ emulator stopped',
      '▸ PostgreSQL stopped',
    ];
    const positions = order.map((line) => stopped.indexOf(line));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(existsSync(postgresPidFile())).toBe(false);
  });

  it('runs the whole product, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const ports = await stackPorts();
    const { api: apiPort, emulator: emulatorPort } = ports;
    const first = await startDevStack(ports);
    const output = first.output();
    expect(output).toContain(`http://localhost:${apiPort}/`);
    expect(output).toContain('admin@grantkeeper.test');
    expect(output).toMatch(/Offline access: +optional \(OFFLINE_ACCESS=optional/);
    expect(output).toMatch(/WARNING: Using development secrets/);
    expect((await request(`http://localhost:${apiPort}/health`)).status).toBe(200);
    // The example digest service runs next to it, registered with a key kept out of the output.
    const exampleUrl = `http://localhost:${ports.example}`;
    expect(output).toMatch(new RegExp(`Example service: +${exampleUrl}`));
    const keyFile = join(dataDir, 'example-service', 'api-key');
    expect(output).toContain(`API key in ${keyFile}`);
    const exampleKey = readFileSync(keyFile, 'utf8').trim();
    expect(exampleKey).toMatch(/^gk_test_/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(output).not.toContain(exampleKey.slice(8));
    expect((await request(`${exampleUrl}/health`)).status).toBe(200);
    const userId = await signInAlice(apiPort, emulatorPort);
    const refreshToken = await grantOfflineAccess(apiPort, emulatorPort);

    expect(await first.stop('SIGINT')).toBe(0);
    expect(existsSync(postgresPidFile())).toBe(false);
    await expect(fetch(`http://localhost:${apiPort}/health`)).rejects.toThrow();
    await expect(fetch(`http://localhost:${emulatorPort}/oauth2/v3/certs`)).rejects.toThrow();

    // The second `npm start` (`node scripts/build.mjs && node dist/apps/dev-stack/src/main.js`),
    // timed: the build skips both halves and the stack comes up on the kept data.
    const started = Date.now();
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    expect(build.stdout).toContain('server: unchanged since the last build, build skipped');
    expect(build.stdout).toContain(
      'admin dashboard: unchanged since the last build, build skipped',
    );
    const second = await startDevStack(ports);
    console.log(
      `second npm start, build to banner: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(second.output()).not.toContain('Applied migration');
    // Registered once: the second start keeps the client and its key, and the key works.
    expect(second.output()).toContain(`kept the key in ${keyFile}`);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(exampleKey);
    const digest = await request(`${exampleUrl}/digests/${userId}/send`, {
      json: { to: 'alice@example.com' },
    });
    expect([digest.status, digest.body.status]).toEqual([200, 'sent']);
    // Its own origin is its return origin: the consent link it keeps brings the user back to it.
    const agenda = await request<{ consent_url: string }>(`${exampleUrl}/digests/${userId}/send`, {
      json: { to: 'alice@example.com', include_agenda: true },
    });
    expect(agenda.status).toBe(409);
    const consent = await request<{ return_url: string | null }>(
      `http://localhost:${apiPort}/api/v1/consent-requests/${agenda.body.consent_url.split('/').pop()}`,
      { headers: { authorization: `Bearer ${exampleKey}` } },
    );
    expect(consent.body.return_url).toBe(`${exampleUrl}/users/${userId}`);
    expect(await signInAlice(apiPort, emulatorPort)).toBe(userId);
    // The emulator kept its grants under .data/: the refresh token the api holds still works.
    expect(existsSync(join(dataDir, 'google-emulator', 'google-emulator-state.json'))).toBe(true);
    expect((await emulatorGrants(emulatorPort))[0]?.refresh_token_values).toEqual([refreshToken]);
    const { google } = loadConfig({ DATA_DIR: dataDir }).config;
    const refreshed = await request(`http://localhost:${emulatorPort}/token`, {
      form: {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: google.webClientId,
        client_secret: google.clientSecret,
      },
    });
    expect(refreshed.status).toBe(200);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('recovers after being killed with SIGKILL: children exit, the orphan PostgreSQL is stopped', async () => {
    const ports = await stackPorts();
    const { api: apiPort } = ports;
    const killed = await startDevStack(ports);
    await killed.stop('SIGKILL');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const up = await fetch(`http://localhost:${apiPort}/health`).then(
        () => true,
        () => false,
      );
      if (!up) break;
      await sleep(200);
    }
    await expect(fetch(`http://localhost:${apiPort}/health`)).rejects.toThrow();

    const again = await startDevStack(ports);
    expect((await request(`http://localhost:${apiPort}/health`)).status).toBe(200);
    expect(await again.stop('SIGINT')).toBe(0);
    expect(existsSync(postgresPidFile())).toBe(false);
  });
});

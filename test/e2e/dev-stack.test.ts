import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@grantkeeper/config';
import { freePort } from '@grantkeeper/database';
import { afterAll, describe, expect, it } from 'vitest';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import { type RunningProcess, runNode } from '../support/process-stack.js';

const dataDir = join('.data', `e2e-dev-stack-${process.pid}`);

async function startDevStack(apiPort: number, emulatorPort: number): Promise<RunningProcess> {
  const stack = runNode('dist/apps/dev-stack/src/main.js', {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    PORT: String(apiPort),
    GOOGLE_EMULATOR_URL: `http://localhost:${emulatorPort}`,
    LOG_LEVEL: 'warn',
  });
  const deadline = Date.now() + 90_000;
  while (!stack.output().includes('Grantkeeper is running.')) {
    if (stack.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not come up:\n${stack.output()}`);
    }
    await sleep(200);
  }
  return stack;
}

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

  it('runs the whole product, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const [apiPort, emulatorPort] = [await freePort(), await freePort()];
    const first = await startDevStack(apiPort, emulatorPort);
    const output = first.output();
    expect(output).toContain(`http://localhost:${apiPort}/`);
    expect(output).toContain('admin@grantkeeper.test');
    expect(output).toMatch(/Offline access: +optional \(OFFLINE_ACCESS=optional/);
    expect(output).toMatch(/WARNING: Using development secrets/);
    expect((await request(`http://localhost:${apiPort}/health`)).status).toBe(200);
    const userId = await signInAlice(apiPort, emulatorPort);
    const refreshToken = await grantOfflineAccess(apiPort, emulatorPort);

    expect(await first.stop('SIGINT')).toBe(0);
    expect(existsSync(postgresPidFile())).toBe(false);
    await expect(fetch(`http://localhost:${apiPort}/health`)).rejects.toThrow();
    await expect(fetch(`http://localhost:${emulatorPort}/oauth2/v3/certs`)).rejects.toThrow();

    const second = await startDevStack(apiPort, emulatorPort);
    expect(second.output()).not.toContain('Applied migration');
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
    const [apiPort, emulatorPort] = [await freePort(), await freePort()];
    const killed = await startDevStack(apiPort, emulatorPort);
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

    const again = await startDevStack(apiPort, emulatorPort);
    expect((await request(`http://localhost:${apiPort}/health`)).status).toBe(200);
    expect(await again.stop('SIGINT')).toBe(0);
    expect(existsSync(postgresPidFile())).toBe(false);
  });
});

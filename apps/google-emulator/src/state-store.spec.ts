import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OAuth2Client } from 'google-auth-library';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEmulator } from './emulator.app.js';
import { DEFAULT_CLIENT, emulatorConfig } from './emulator.config.js';
import { EmulatorStateStore, STATE_FILE } from './state-store.js';
import { type TokenResponse, tokenRequests } from './testing/token-requests.js';

const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe(EmulatorStateStore.name, () => {
  const started: FastifyInstance[] = [];
  let current: FastifyInstance | undefined;
  const requests = tokenRequests(() => current!, DEFAULT_CLIENT);

  const start = async (stateDir?: string) => {
    current = await buildEmulator(emulatorConfig({ stateDir, publicUrl: 'http://localhost:4400' }));
    started.push(current);
    return current;
  };
  /** Closes the running emulator (saving its state) and starts another on the same directory. */
  const restart = async (stateDir: string) => {
    await current!.close();
    return start(stateDir);
  };
  const consent = async () => {
    const code = await requests.mintCode({ scopes: ['openid', 'email', GMAIL_SEND] });
    return (await requests.exchange(code)).json<TokenResponse>();
  };
  afterEach(async () => {
    for (const app of started.splice(0)) await app.close();
  });

  it('keeps refresh tokens, access tokens and consent across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemu-state-'));
    await start(dir);
    const issued = await consent();
    expect(issued.refresh_token).toBeDefined();

    await restart(dir);
    const refreshed = await requests.refresh(issued.refresh_token!);
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json<TokenResponse>().scope).toContain(GMAIL_SEND);
    const info = await current!.inject({ url: `/tokeninfo?access_token=${issued.access_token}` });
    expect(info.statusCode).toBe(200);
    const grants = (await current!.inject({ url: '/__control/grants' })).json<{
      grants: Array<{ refresh_token_values: string[] }>;
    }>().grants;
    expect(grants[0]?.refresh_token_values).toEqual([issued.refresh_token]);
  });

  it('keeps its signing keys: an ID token signed before still verifies with google-auth-library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemu-state-'));
    await start(dir);
    const { id_token } = await consent();
    const before = (await current!.inject({ url: '/oauth2/v3/certs' })).json<object>();

    await restart(dir);
    await current!.listen({ port: 0, host: '127.0.0.1' });
    expect((await current!.inject({ url: '/oauth2/v3/certs' })).json()).toEqual(before);
    const address = current!.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const client = new OAuth2Client({
      clientId: DEFAULT_CLIENT.clientId,
      endpoints: { oauth2FederatedSignonPemCertsUrl: `http://127.0.0.1:${port}/oauth2/v1/certs` },
    });
    const ticket = await client.verifyIdToken({
      idToken: id_token!,
      audience: DEFAULT_CLIENT.clientId,
    });
    expect(ticket.getPayload()?.sub).toBeDefined();
  });

  it('forgets a revoked grant across a restart too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemu-state-'));
    await start(dir);
    const issued = await consent();
    const revoked = await current!.inject({
      method: 'POST',
      url: '/revoke',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${issued.refresh_token}`,
    });
    expect(revoked.statusCode).toBe(200);

    await restart(dir);
    const refreshed = await requests.refresh(issued.refresh_token!);
    expect(refreshed.statusCode).toBe(400);
    expect(refreshed.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('saves soon after a change, without waiting for close, in a file only its owner reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemu-state-'));
    await start(dir);
    const issued = await consent();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const file = join(dir, STATE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(issued.refresh_token);
  });

  it('keeps state in memory only without a state directory', async () => {
    await start();
    const issued = await consent();
    await current!.close();
    await start();
    expect((await requests.refresh(issued.refresh_token!)).statusCode).toBe(400);
  });

  it('refuses to start on a file that is not a saved state, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gemu-state-'));
    writeFileSync(join(dir, STATE_FILE), JSON.stringify({ version: 2 }));
    await expect(start(dir)).rejects.toThrow(STATE_FILE);
    expect(existsSync(join(dir, STATE_FILE))).toBe(true);
  });
});

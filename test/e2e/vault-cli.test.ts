import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { newVaultKey, startVault } from '../support/vault-under-test.js';

const CLI = 'dist/apps/api/src/vault-cli.js';

/**
 * The compiled command with a production environment; resolves `exited` with its exit code. The
 * vault command gets the database and the keys only; the api (`script` = main.js) everything.
 */
function runCli(databaseUrl: string, args: string[], vaultKeys: string, script = CLI) {
  const api =
    script === CLI
      ? {}
      : {
          GOOGLE_CLIENT_IDS: 'vault-cli.apps.googleusercontent.com',
          GOOGLE_CLIENT_SECRET: 'test-client-secret',
          SESSION_SECRET: 'x'.repeat(40),
          PUBLIC_URL: 'https://vault-cli.example.com',
          PORT: '0',
          METRICS_TOKEN: 'vault-cli-metrics-token',
        };
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      VAULT_KEYS: vaultKeys,
      ...api,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

describe('The vault command', () => {
  let db: TestDatabase;
  const [v1, v2] = [newVaultKey(), newVaultKey()];
  beforeAll(async () => {
    db = await createTestDatabase();
    const before = await startVault(db.url, { 1: v1 });
    for (let n = 0; n < 5; n++)
      await before.vault.seal(`token-${n}`, { purpose: 'p', owner: `${n}` });
    await before.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('refuses to run while a referenced version is missing, naming it', async () => {
    const cli = runCli(db.url, ['status'], `2:${v2}`);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/version 1 \(5 envelopes\)/);
    expect(cli.output()).not.toContain(v2);
  });

  it('re-wraps every envelope in batches, printing progress, then shows the status', async () => {
    const cli = runCli(db.url, ['rotate', '--batch-size=2'], `1:${v1},2:${v2}`);
    expect(await cli.exited).toBe(0);
    const output = cli.output();
    expect(output).toMatch(/Re-wrapped 2 envelopes to key version 2; 3 left/);
    expect(output).toMatch(/Re-wrapped 5 envelopes to key version 2; 0 left/);
    expect(output).toMatch(/version 1: 0 envelopes/);
    // Version 2's encryptions: its key check value and the 5 re-wraps.
    expect(output).toMatch(/version 2: 5 envelopes, 6 encryptions \(active\)/);
    for (const key of [v1, v2]) expect(output).not.toContain(key);

    const status = runCli(db.url, ['status'], `2:${v2}`);
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(
      /Active key version: 2\n {2}version 2: 5 envelopes, 6 encryptions \(active\)\n/,
    );
  });

  it('says when a key version nears the AES-GCM bound', async () => {
    await db.query(`UPDATE vault_key_versions SET encryptions = $1 WHERE version = 2`, [2 ** 30]);
    const status = runCli(db.url, ['status'], `2:${v2}`);
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(
      /version 2: 5 envelopes, 1073741824 encryptions \(active, ROTATE: past a quarter of the 2\^32 bound\)/,
    );
    await db.query(`UPDATE vault_key_versions SET encryptions = 6 WHERE version = 2`);
  });

  it('refuses a wrong key under a known version, and needs DATABASE_URL and VAULT_KEYS only', async () => {
    const wrong = runCli(db.url, ['status'], `2:${newVaultKey()}`);
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toMatch(
      /different key than the vault was first used with for version 2/,
    );
    expect(wrong.output()).not.toMatch(/\n\s+at /);
    const noKeys = spawn(process.execPath, [CLI, 'status'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    noKeys.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolve) => noKeys.once('exit', resolve))).toBe(1);
    expect(output).toMatch(/VAULT_KEYS: required when NODE_ENV=production/);
  });

  it('keeps the api from starting while a referenced version is missing', async () => {
    const api = runCli(db.url, [], `3:${newVaultKey()}`, 'dist/apps/api/src/main.js');
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/key versions missing from VAULT_KEYS: version 2 \(5 envelopes\)/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  });
});

describe('The vault command after Ctrl-C', () => {
  let db: TestDatabase;
  const [v1, v2] = [newVaultKey(), newVaultKey()];
  const ENVELOPES = 300;

  beforeAll(async () => {
    db = await createTestDatabase();
    const before = await startVault(db.url, { 1: v1 });
    for (let n = 0; n < ENVELOPES; n++) {
      await before.vault.seal(`token-${n}`, { purpose: 'p', owner: `${n}` });
    }
    await before.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('finishes the batch in flight, stops, and carries on when run again', async () => {
    const keys = `1:${v1},2:${v2}`;
    const first = runCli(db.url, ['rotate', '--batch-size=1'], keys);
    let interrupted = false; // once: a second Ctrl-C means "leave now"
    first.child.stdout.on('data', () => {
      if (interrupted || !first.output().includes('Re-wrapped')) return;
      interrupted = first.child.kill('SIGINT');
    });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Stopped\. Run `npm run vault:rotate` again to continue/);
    const left = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM vault_envelopes WHERE kek_version = 1',
    );
    expect(left[0].n).toBeGreaterThan(0);
    expect(left[0].n).toBeLessThan(ENVELOPES);

    const second = runCli(db.url, ['rotate'], keys);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(new RegExp(`Re-wrapped ${left[0].n} envelopes .*; 0 left`));
  });
});

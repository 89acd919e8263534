import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newVaultKey } from '../support/vault-under-test.js';

const COMPILED_CIPHER = 'dist/libs/vault/src/envelope-cipher.js';

/** Runs the compiled cipher in its own OS process; resolves with the lines it printed. */
function sealInProcess(count: number, kek: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['test/support/vault-nonces.mjs', String(count), kek], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(Buffer.concat(chunks).toString('utf8').trim().split('\n'))
        : reject(new Error(`nonce process exited with ${code}`)),
    );
  });
}

describe('Vault nonces', () => {
  it('never repeat across 100,000 encryptions in two processes and a restart', async () => {
    // `npm test` builds dist/ first; a lone run of this file builds it if it is missing.
    if (!existsSync(COMPILED_CIPHER)) execFileSync(process.execPath, ['scripts/build.mjs']);
    const kek = newVaultKey();
    const concurrent = await Promise.all([sealInProcess(25_000, kek), sealInProcess(25_000, kek)]);
    const restarted = await sealInProcess(50_000, kek);
    const lines = [...concurrent, restarted].flat();

    const pids = new Set(lines.filter((line) => line.startsWith('pid ')));
    expect(pids.size).toBe(3);
    for (const prefix of ['n ', 'k ', 'c ']) {
      const values = lines.filter((line) => line.startsWith(prefix));
      expect(values).toHaveLength(100_000);
      expect(new Set(values).size).toBe(100_000);
    }
  }, 120_000);
});

import pg from 'pg';
import { VaultError } from '@grantkeeper/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { newVaultKey, startVault } from '../support/vault-under-test.js';

const ENVELOPES = 7;
const binding = (n: number) => ({ purpose: 'google_refresh_token', owner: `grant:${n}` });

interface SealedColumns {
  id: string;
  kek_version: number;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  wrapped_data_key: Buffer;
  rewrapped_at: Date | null;
}

describe('Vault key rotation', () => {
  let db: TestDatabase;
  const [v1, v2, v3] = [newVaultKey(), newVaultKey(), newVaultKey()];
  const ids: string[] = [];
  const rows = () =>
    db.query<SealedColumns>(
      `SELECT id, kek_version, nonce, ciphertext, tag, wrapped_data_key, rewrapped_at
       FROM vault_envelopes ORDER BY id`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const before = await startVault(db.url, { 1: v1 });
    for (let n = 0; n < ENVELOPES; n++) ids.push(await before.vault.seal(`token-${n}`, binding(n)));
    await before.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes new envelopes with the new version and still opens the old ones', async () => {
    const rotated = await startVault(db.url, { 1: v1, 2: v2 });
    try {
      ids.push(await rotated.vault.seal(`token-${ENVELOPES}`, binding(ENVELOPES)));
      const newest = (await rows()).find((row) => row.id === ids.at(-1));
      expect(newest?.kek_version).toBe(2);
      for (const [n, id] of ids.entries()) {
        expect(await rotated.vault.open(id, binding(n))).toBe(`token-${n}`);
      }
      expect(await rotated.vault.status()).toEqual({
        activeVersion: 2,
        versions: [
          // Version 1: its key check value and 7 seals; version 2: its check value and 1 seal.
          { version: 1, envelopes: ENVELOPES, configured: true, encryptions: ENVELOPES + 1 },
          { version: 2, envelopes: 1, configured: true, encryptions: 2 },
        ],
      });
    } finally {
      await rotated.close();
    }
  });

  it('refuses to start while an envelope references a version missing from the keyring', async () => {
    const error = await startVault(db.url, { 2: v2 }).then(
      () => new Error('started'),
      (reason: unknown) => reason as Error,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'unknown_key_version' });
    expect(error.message).toMatch(/version 1 \(7 envelopes\)/);
    expect(error.message).toMatch(/vault:rotate/);
    expect(error.message).not.toContain(v1);
    expect(error.message).not.toContain(v2);
  });

  it('re-wraps every envelope in resumable batches without touching the sealed secrets', async () => {
    const before = await rows();
    const first = await startVault(db.url, { 1: v1, 2: v2 });
    expect(await first.vault.rewrapBatch(3)).toEqual({ rewrapped: 3, remaining: ENVELOPES - 3 });
    await first.close(); // interrupted: the process stops after one batch

    const resumed = await startVault(db.url, { 1: v1, 2: v2 });
    try {
      let total = 3;
      for (
        let batch = await resumed.vault.rewrapBatch(3);
        ;
        batch = await resumed.vault.rewrapBatch(3)
      ) {
        total += batch.rewrapped;
        if (batch.remaining === 0) break;
      }
      expect(total).toBe(ENVELOPES);
      expect(await resumed.vault.rewrapBatch()).toEqual({ rewrapped: 0, remaining: 0 });
      const after = await rows();
      for (const [i, row] of after.entries()) {
        expect(row.kek_version).toBe(2);
        for (const column of ['nonce', 'ciphertext', 'tag'] as const) {
          expect(row[column]).toEqual(before[i][column]);
        }
      }
      const moved = after.filter((row, i) => before[i].kek_version === 1);
      expect(moved).toHaveLength(ENVELOPES);
      for (const row of moved) expect(row.rewrapped_at).toBeInstanceOf(Date);
      expect((await resumed.vault.status()).versions).toEqual([
        { version: 1, envelopes: 0, configured: true, encryptions: ENVELOPES + 1 },
        // Each re-wrap wraps a data key under version 2: one encryption each, from both runs.
        { version: 2, envelopes: ENVELOPES + 1, configured: true, encryptions: ENVELOPES + 2 },
      ]);
    } finally {
      await resumed.close();
    }
  });

  it('lets the old version be removed once nothing references it', async () => {
    const retired = await startVault(db.url, { 2: v2 });
    try {
      for (const [n, id] of ids.entries()) {
        expect(await retired.vault.open(id, binding(n))).toBe(`token-${n}`);
      }
      expect((await retired.vault.status()).versions).toEqual([
        { version: 2, envelopes: ENVELOPES + 1, configured: true, encryptions: ENVELOPES + 2 },
      ]);
    } finally {
      await retired.close();
    }
  });

  it('shares the work between concurrent re-wraps without doing a row twice', async () => {
    const [a, b] = [
      await startVault(db.url, { 2: v2, 3: v3 }),
      await startVault(db.url, { 2: v2, 3: v3 }),
    ];
    try {
      const results = await Promise.all([a.vault.rewrapBatch(5), b.vault.rewrapBatch(5)]);
      let done = results[0].rewrapped + results[1].rewrapped;
      while ((await a.vault.status()).versions[0].envelopes > 0) {
        done += (await a.vault.rewrapBatch(5)).rewrapped;
      }
      expect(done).toBe(ENVELOPES + 1);
      expect((await rows()).every((row) => row.kek_version === 3)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('skips rows another re-wrap holds instead of waiting for them', async () => {
    const v4 = newVaultKey();
    const vault = await startVault(db.url, { 3: v3, 4: v4 });
    // Another re-wrap's transaction holds the first three envelopes (in the batch's id order).
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      const held = (
        await holder.query<{ id: string }>(
          'SELECT id FROM vault_envelopes ORDER BY id LIMIT 3 FOR UPDATE',
        )
      ).rows.map((row) => row.id);

      // A plain FOR UPDATE would wait here until the holder commits (and the test time out).
      const started = Date.now();
      const batch = await Promise.race([
        vault.vault.rewrapBatch(3),
        new Promise<never>((_resolve, reject) =>
          setTimeout(() => reject(new Error('the batch waited for the held rows')), 5000),
        ),
      ]);

      expect(batch.rewrapped).toBe(3);
      expect(Date.now() - started).toBeLessThan(5000);
      const versions = await db.query<{ id: string; kek_version: number }>(
        'SELECT id, kek_version FROM vault_envelopes ORDER BY id',
      );
      expect(versions.filter((row) => held.includes(row.id)).map((row) => row.kek_version)).toEqual(
        [3, 3, 3],
      );
      expect(versions.slice(3, 6).map((row) => row.kek_version)).toEqual([4, 4, 4]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await vault.close();
    }
  });
});

// Key check values per vault key version (a wrong key under a known version stops the start-up)
// and the encryptions counted per key version, persisted and shared by every instance.
import { VaultError } from '@grantkeeper/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { newVaultKey, startVault } from '../support/vault-under-test.js';

const binding = (n: number) => ({ purpose: 'google_refresh_token', owner: `grant:${n}` });

async function startFailure(start: Promise<{ close(): Promise<void> }>): Promise<Error> {
  return start.then(
    async (vault) => {
      await vault.close();
      return new Error('started');
    },
    (reason: unknown) => reason as Error,
  );
}

describe('Vault key check values', () => {
  let db: TestDatabase;
  const v1 = newVaultKey();
  const checks = () =>
    db.query<{ version: number; encryptions: string }>(
      `SELECT version, encryptions FROM vault_key_versions ORDER BY version`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const vault = await startVault(db.url, { 1: v1 });
    for (let n = 0; n < 3; n++) await vault.vault.seal(`token-${n}`, binding(n));
    await vault.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records a check value for each configured version on first start', async () => {
    expect(await checks()).toEqual([{ version: 1, encryptions: '4' }]);
  });

  it('refuses to start with another key under a known version, naming the version only', async () => {
    const wrong = newVaultKey();
    const error = await startFailure(startVault(db.url, { 1: wrong }));
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'key_check_failed' });
    expect(error.message).toMatch(/for version 1 /);
    expect(error.message).toMatch(/new key needs a new version number/);
    for (const key of [v1, wrong]) expect(error.message).not.toContain(key);
    // Nothing was written under the wrong key.
    expect(await checks()).toEqual([{ version: 1, encryptions: '4' }]);
  });

  it('names only the wrong version when the others are right', async () => {
    const v2 = newVaultKey();
    const both = await startVault(db.url, { 1: v1, 2: v2 });
    await both.close();
    const error = await startFailure(startVault(db.url, { 1: v1, 2: newVaultKey() }));
    expect(error).toMatchObject({ code: 'key_check_failed' });
    expect(error.message).toMatch(/for version 2 /);
    expect(error.message).not.toMatch(/version 1/);
  });

  it('proves a key against an envelope when its version predates check values', async () => {
    // A vault from before the table: its envelopes exist, no check value does.
    await db.query(`DELETE FROM vault_key_versions`);
    const error = await startFailure(startVault(db.url, { 1: newVaultKey() }));
    expect(error).toMatchObject({ code: 'key_check_failed' });
    expect(await checks()).toEqual([]);

    const right = await startVault(db.url, { 1: v1 });
    try {
      expect(await right.vault.open((await envelopeIds())[0], binding(0))).toMatch(/^token-/);
    } finally {
      await right.close();
    }
    // The 3 envelopes already there count as one encryption each, the check value as one more.
    expect(await checks()).toEqual([{ version: 1, encryptions: '4' }]);
  });

  const envelopeIds = async () =>
    (await db.query<{ id: string }>(`SELECT id FROM vault_envelopes`)).map((row) => row.id);
});

describe('Vault encryptions per key version', () => {
  let db: TestDatabase;
  const v1 = newVaultKey();
  const stored = async () =>
    Number(
      (
        await db.query<{ encryptions: string }>(
          `SELECT encryptions FROM vault_key_versions WHERE version = 1`,
        )
      )[0].encryptions,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('grows with every reseal (a refresh), not with the envelopes stored', async () => {
    const vault = await startVault(db.url, { 1: v1 });
    try {
      const id = await vault.vault.seal('token-0', binding(0));
      for (let n = 1; n <= 5; n++) await vault.vault.reseal(id, `token-${n}`, binding(0));
      vault.vault.sealRow(null, 'not written', binding(1));
      const status = await vault.vault.status();
      // 1 check value + 1 seal + 5 reseals + 1 sealed row; still one envelope.
      expect(status.versions).toEqual([
        { version: 1, envelopes: 1, configured: true, encryptions: 8 },
      ]);
      expect(await stored()).toBe(8);
    } finally {
      await vault.close();
    }
  });

  it('adds up every instance, and keeps the count across restarts', async () => {
    const [a, b] = [await startVault(db.url, { 1: v1 }), await startVault(db.url, { 1: v1 })];
    try {
      await a.vault.seal('a', binding(2));
      await b.vault.seal('b', binding(3));
      await b.vault.seal('c', binding(4));
      // Each instance stores its own counts; a status stores the caller's first.
      await a.vault.flushEncryptions();
      expect((await b.vault.encryptions()).get(1)).toBe(11);
    } finally {
      await a.close();
      await b.close();
    }
    const restarted = await startVault(db.url, { 1: v1 });
    try {
      expect((await restarted.vault.encryptions()).get(1)).toBe(11);
    } finally {
      await restarted.close();
    }
  });

  it('stores the counts made since the last flush when the vault closes', async () => {
    const vault = await startVault(db.url, { 1: v1 });
    await vault.vault.seal('d', binding(5));
    await vault.close();
    expect(await stored()).toBe(12);
  });
});

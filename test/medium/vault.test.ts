import { randomUUID } from 'node:crypto';
import { VaultError } from '@grantkeeper/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { newVaultKey, startVault, type VaultUnderTest } from '../support/vault-under-test.js';

const TOKEN = '1//0gVaultIntegrationRefreshToken-abcdef';
const binding = (owner = `grant:${randomUUID()}`) => ({ purpose: 'google_refresh_token', owner });
const BYTEA_COLUMNS = [
  'nonce',
  'ciphertext',
  'tag',
  'wrapped_data_key',
  'data_key_nonce',
  'data_key_tag',
];

async function vaultError(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    (value) => new Error(`expected a VaultError, got ${typeof value}`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as Error).message).not.toContain(TOKEN);
  return error as VaultError;
}

describe('The vault on PostgreSQL', () => {
  let db: TestDatabase;
  let subject: VaultUnderTest;
  const v1 = newVaultKey();
  const row = async (id: string) =>
    (await db.query('SELECT * FROM vault_envelopes WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    subject = await startVault(db.url, { 1: v1 });
  });
  afterAll(async () => {
    await subject?.close();
    await db.drop();
  });

  it('seals, opens, reseals under the same id and purges', async () => {
    const { vault } = subject;
    const owner = binding();
    const id = await vault.seal(TOKEN, owner);
    expect(await vault.open(id, owner)).toBe(TOKEN);
    const first = await row(id);
    expect(first).toMatchObject({ purpose: 'google_refresh_token', kek_version: 1 });

    await vault.reseal(id, `${TOKEN}-rotated`, owner);
    const second = await row(id);
    for (const column of BYTEA_COLUMNS) expect(second[column]).not.toEqual(first[column]);
    expect(await vault.open(id, owner)).toBe(`${TOKEN}-rotated`);

    expect(await vault.purge(id)).toBe(true);
    expect(await vault.purge(id)).toBe(false);
    expect((await vaultError(vault.open(id, owner))).code).toBe('envelope_not_found');
    expect((await vaultError(vault.reseal(id, TOKEN, owner))).code).toBe('envelope_not_found');
    expect((await vaultError(vault.open('not-a-uuid', owner))).code).toBe('envelope_not_found');
  });

  it('stores no plaintext in any column', async () => {
    const id = await subject.vault.seal(TOKEN, binding());
    const stored = await row(id);
    const dump = JSON.stringify(stored) + Object.values(stored).map(String).join('');
    expect(dump).not.toContain(TOKEN);
    for (const value of Object.values(stored)) {
      if (Buffer.isBuffer(value)) expect(value.includes(Buffer.from(TOKEN))).toBe(false);
    }
  });

  it('seals inside the caller’s transaction, so a rollback leaves no envelope', async () => {
    let id = '';
    await subject.dataSource
      .transaction(async (manager) => {
        id = await subject.vault.seal(TOKEN, binding(), manager);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await row(id)).toBeUndefined();
  });

  it.each([...BYTEA_COLUMNS, 'kek_version'])(
    'refuses an envelope with a flipped bit in %s and leaves the row untouched',
    async (column) => {
      const owner = binding();
      const id = await subject.vault.seal(TOKEN, owner);
      const flip =
        column === 'kek_version'
          ? 'kek_version # 2'
          : `set_bit(${column}, 9, 1 - get_bit(${column}, 9))`;
      await db.query(`UPDATE vault_envelopes SET ${column} = ${flip} WHERE id = $1`, [id]);
      const tampered = await row(id);
      expect((await vaultError(subject.vault.open(id, owner))).code).toBe('integrity_failure');
      expect(await row(id)).toEqual(tampered);
      await subject.vault.purge(id);
    },
  );

  it('refuses an envelope copied into another row', async () => {
    const owner = binding();
    const source = await subject.vault.seal(TOKEN, owner);
    const copy = randomUUID();
    await db.query(
      `INSERT INTO vault_envelopes (id, purpose, kek_version, data_key_nonce, wrapped_data_key,
         data_key_tag, nonce, ciphertext, tag)
       SELECT $2, purpose, kek_version, data_key_nonce, wrapped_data_key, data_key_tag, nonce,
         ciphertext, tag FROM vault_envelopes WHERE id = $1`,
      [source, copy],
    );
    expect((await vaultError(subject.vault.open(copy, owner))).code).toBe('integrity_failure');

    const victimOwner = binding();
    const victim = await subject.vault.seal('the victim’s token', victimOwner);
    await db.query(
      `UPDATE vault_envelopes AS target SET (data_key_nonce, wrapped_data_key, data_key_tag,
         nonce, ciphertext, tag) = (SELECT data_key_nonce, wrapped_data_key, data_key_tag, nonce,
         ciphertext, tag FROM vault_envelopes WHERE id = $1) WHERE target.id = $2`,
      [source, victim],
    );
    expect((await vaultError(subject.vault.open(victim, victimOwner))).code).toBe(
      'integrity_failure',
    );
    for (const id of [copy, victim]) await subject.vault.purge(id);
  });

  it('refuses another owner or purpose, and an empty binding', async () => {
    const owner = binding();
    const id = await subject.vault.seal(TOKEN, owner);
    for (const other of [binding(), { ...owner, purpose: 'cached_access_token' }]) {
      expect((await vaultError(subject.vault.open(id, other))).code).toBe('integrity_failure');
    }
    expect((await vaultError(subject.vault.seal(TOKEN, { purpose: '', owner: 'x' }))).code).toBe(
      'invalid_binding',
    );
  });

  it('refuses to start with a wrong key under a known version, and changes nothing', async () => {
    const owner = binding();
    const id = await subject.vault.seal(TOKEN, owner);
    const before = await row(id);
    const checks = () => db.query(`SELECT * FROM vault_key_versions ORDER BY version`);
    const checksBefore = await checks();
    const error = await startVault(db.url, { 1: newVaultKey(), 3: newVaultKey() }).then(
      async (impostor) => {
        await impostor.close();
        return undefined;
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'key_check_failed' });
    expect(await row(id)).toEqual(before);
    // Not even the new version 3 was recorded: its real key can come later.
    expect(await checks()).toEqual(checksBefore);
    expect(await subject.vault.open(id, owner)).toBe(TOKEN);
  });
});

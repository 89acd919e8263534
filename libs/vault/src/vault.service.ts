import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { type EnvelopeBinding, EnvelopeCipher, type SealedEnvelope } from './envelope-cipher.js';
import { Keyring } from './keyring.js';
import { VaultEnvelopeEntity } from './vault-envelope.entity.js';
import { VaultError } from './vault.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_REWRAP_BATCH = 500;
/** How often an instance adds its encryption counts to `vault_key_versions`. */
const ENCRYPTIONS_FLUSH_MS = 10_000;

/**
 * AES-GCM with random 96-bit nonces: at most 2^32 encryptions under one key (NIST SP 800-38D
 * §8.3), beyond which a repeated nonce becomes too likely. Every seal and re-wrap is one
 * encryption under the active KEK (refreshes reseal, so the count grows with them).
 */
export const KEK_ENCRYPTION_LIMIT = 2 ** 32;
/** Where the vault starts warning: a quarter of the bound, time enough to rotate. */
export const KEK_ENCRYPTION_WARNING = 2 ** 30;

/** Envelopes per key version, and whether the keyring holds that version. */
/** An envelope row, sealed but not written: for a caller that writes it with rows of its own. */
export interface SealedRow extends SealedEnvelope {
  readonly id: string;
  readonly purpose: string;
}

export interface VaultStatus {
  readonly activeVersion: number;
  readonly versions: Array<{
    version: number;
    envelopes: number;
    configured: boolean;
    /** Encryptions made under this KEK so far, by every instance (see KEK_ENCRYPTION_LIMIT). */
    encryptions: number;
  }>;
}

/**
 * Stores secrets sealed by envelope encryption (see {@link EnvelopeCipher}) in `vault_envelopes`.
 * Every method that takes a `manager` runs in the caller's transaction when given one, so a
 * secret can be written atomically with the row that refers to it.
 *
 * @example
 * const binding = { purpose: 'google_refresh_token', owner: `grant:${grant.id}` };
 * grant.refreshTokenEnvelopeId = await vault.seal(refreshToken, binding, manager);
 * const token = await vault.open(grant.refreshTokenEnvelopeId, binding);
 */
@Injectable()
export class VaultService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Vault');
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly warned = new Set<number>();

  constructor(
    @InjectRepository(VaultEnvelopeEntity)
    private readonly envelopes: Repository<VaultEnvelopeEntity>,
    private readonly keyring: Keyring,
    private readonly cipher: EnvelopeCipher,
  ) {}

  /**
   * Refuses to start while an envelope references a key version the keyring lacks: those
   * secrets would be lost. The operator puts the version back and re-wraps first.
   */
  async onModuleInit(): Promise<void> {
    const missing = (await this.envelopeCounts()).filter(([v]) => !this.keyring.has(v));
    if (missing.length > 0) {
      const list = missing.map(([v, count]) => `version ${v} (${plural(count)})`).join(', ');
      throw new VaultError(
        'unknown_key_version',
        `Vault envelopes reference key versions missing from VAULT_KEYS: ${list}. ` +
          'Put them back, run `npm run vault:rotate` to re-wrap to the active version, then remove them.',
      );
    }
    await this.checkKeys();
    await this.flushEncryptions();
    this.flushTimer = setInterval(() => {
      if (!this.cipher.hasEncryptions()) return; // nothing new: no query
      this.flushEncryptions().catch((error: unknown) =>
        this.logger.warn({ msg: "Could not store the vault's encryption counts", err: error }),
      );
    }, ENCRYPTIONS_FLUSH_MS);
    this.flushTimer.unref();
  }

  /** Stores the last encryption counts while the database is still open. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushEncryptions().catch((error: unknown) =>
      this.logger.warn({ msg: "Could not store the vault's encryption counts", err: error }),
    );
  }

  /**
   * Every configured KEK against the check value recorded for its version; a version seen for
   * the first time gets one (after one of its envelopes, if any, proved the key: a vault from
   * before the check values). A wrong key refuses the start instead of failing envelope by
   * envelope later.
   */
  private async checkKeys(): Promise<void> {
    const wrong: number[] = [];
    const unrecorded: number[] = [];
    for (const version of this.keyring.versions) {
      const check = await this.recordedCheck(version);
      if (check) {
        if (!this.cipher.matchesKeyCheckValue(version, check)) wrong.push(version);
        continue;
      }
      const sample = await this.envelopes.findOne({
        select: {
          id: true,
          kekVersion: true,
          dataKeyNonce: true,
          wrappedDataKey: true,
          dataKeyTag: true,
        },
        where: { kekVersion: version },
      });
      if (sample && !this.cipher.unwraps(sample.id, sample)) wrong.push(version);
      else unrecorded.push(version);
    }
    // Nothing is recorded by a start that fails: a new version's check value would otherwise
    // pin whatever key came with the wrong one.
    if (wrong.length === 0) {
      for (const version of unrecorded) {
        const value = this.cipher.keyCheckValue(version);
        // The envelopes already under this version count as one encryption each (a lower
        // bound: their earlier reseals are not known).
        await this.envelopes.query(
          `INSERT INTO vault_key_versions (version, check_nonce, check_tag, encryptions)
           SELECT $1, $2, $3, count(*) FROM vault_envelopes WHERE kek_version = $1
           ON CONFLICT (version) DO NOTHING`,
          [version, value.nonce, value.tag],
        );
        // Another instance may have recorded its own first: check against what is stored.
        const check = await this.recordedCheck(version);
        if (!check || !this.cipher.matchesKeyCheckValue(version, check)) wrong.push(version);
      }
    }
    if (wrong.length === 0) return;
    const list = wrong.map((v) => `version ${v}`).join(', ');
    throw new VaultError(
      'key_check_failed',
      `VAULT_KEYS holds a different key than the vault was first used with for ${list} ` +
        '(its key check value does not match): envelopes under it would not open. Put the ' +
        'original key back under that version; a new key needs a new version number.',
    );
  }

  private async recordedCheck(
    version: number,
  ): Promise<{ nonce: Buffer; tag: Buffer } | undefined> {
    const rows = await this.envelopes.query<Array<{ nonce: Buffer; tag: Buffer }>>(
      `SELECT check_nonce AS nonce, check_tag AS tag FROM vault_key_versions WHERE version = $1`,
      [version],
    );
    return rows[0];
  }

  /**
   * Adds the encryptions this instance made since the last call to the stored totals (every
   * 10 s, at shutdown and before a status), and warns once per version past
   * {@link KEK_ENCRYPTION_WARNING}.
   */
  async flushEncryptions(): Promise<void> {
    const counts = this.cipher.takeEncryptions();
    if (counts.size > 0) {
      try {
        await this.envelopes.query(
          `UPDATE vault_key_versions AS k SET encryptions = k.encryptions + c.count
           FROM unnest($1::int[], $2::bigint[]) AS c(version, count) WHERE k.version = c.version`,
          [[...counts.keys()], [...counts.values()]],
        );
      } catch (error) {
        this.cipher.restoreEncryptions(counts);
        throw error;
      }
    }
    for (const [version, encryptions] of await this.storedEncryptions()) {
      if (encryptions < KEK_ENCRYPTION_WARNING || this.warned.has(version)) continue;
      this.warned.add(version);
      this.logger.warn({
        msg:
          "A vault key version nears AES-GCM's 2^32 bound for random nonces: add a new key " +
          'version and re-wrap (README, "Rotating vault keys")',
        keyVersion: version,
        encryptions,
        percentOfBound: Math.round((encryptions / KEK_ENCRYPTION_LIMIT) * 100),
      });
    }
  }

  private async storedEncryptions(): Promise<Map<number, number>> {
    const rows = await this.envelopes.query<Array<{ version: number; encryptions: string }>>(
      `SELECT version, encryptions FROM vault_key_versions`,
    );
    return new Map(rows.map((row) => [row.version, Number(row.encryptions)]));
  }

  private async envelopeCounts(): Promise<Array<[number, number]>> {
    const rows = await this.envelopes
      .createQueryBuilder('envelope')
      .select('envelope.kekVersion', 'version')
      .addSelect('count(*)::int', 'envelopes')
      .groupBy('envelope.kekVersion')
      .getRawMany<{ version: number; envelopes: number }>();
    return rows.map((row) => [row.version, row.envelopes]);
  }

  /** Seals a secret in a new envelope under the active key version; returns the envelope id. */
  async seal(
    plaintext: string,
    binding: EnvelopeBinding,
    manager?: EntityManager,
  ): Promise<string> {
    assertBinding(binding);
    const id = randomUUID();
    const sealed = this.cipher.seal(id, plaintext, binding);
    await this.repository(manager).insert({ id, purpose: binding.purpose, ...sealed });
    return id;
  }

  /**
   * Replaces the secret of an existing envelope, keeping its id: a fresh data key and nonce,
   * wrapped by the active key version. `envelope_not_found` when there is no such envelope.
   */
  async reseal(
    id: string,
    plaintext: string,
    binding: EnvelopeBinding,
    manager?: EntityManager,
  ): Promise<void> {
    assertBinding(binding);
    if (!UUID.test(id)) throw notFound(id);
    const canonicalId = id.toLowerCase();
    const sealed = this.cipher.seal(canonicalId, plaintext, binding);
    const result = await this.repository(manager).update(
      { id: canonicalId },
      { purpose: binding.purpose, ...sealed, rewrappedAt: null },
    );
    if (!result.affected) throw notFound(id);
  }

  /**
   * The secret of an envelope, if it authenticates for this binding. Throws `envelope_not_found`,
   * or `integrity_failure` for a tampered or copied envelope, another owner or purpose, or a
   * wrong key — never a wrong plaintext. Opening never writes.
   */
  async open(id: string, binding: EnvelopeBinding, manager?: EntityManager): Promise<string> {
    assertBinding(binding);
    if (!UUID.test(id)) throw notFound(id);
    const envelope = await this.repository(manager).findOneBy({ id });
    if (!envelope) throw notFound(id);
    try {
      return this.cipher.open(envelope.id, envelope, binding);
    } catch (error) {
      throw integrityFailure(envelope.id, error);
    }
  }

  /**
   * Seals `plaintext` for envelope `id` (a new id when none is given) without writing it; the
   * caller writes the row, e.g. with {@link writeSealed}, in its own transaction.
   */
  sealRow(id: string | null, plaintext: string, binding: EnvelopeBinding): SealedRow {
    assertBinding(binding);
    if (id !== null && !UUID.test(id)) throw notFound(id);
    const canonicalId = id?.toLowerCase() ?? randomUUID();
    const sealed = this.cipher.seal(canonicalId, plaintext, binding);
    return { id: canonicalId, purpose: binding.purpose, ...sealed };
  }

  /**
   * {@link open} for an envelope the caller has already read (in the query that locked its
   * owner's row, say): the same checks, without a query of its own.
   */
  openRow(id: string, envelope: SealedEnvelope, binding: EnvelopeBinding): string {
    assertBinding(binding);
    try {
      return this.cipher.open(id, envelope, binding);
    } catch (error) {
      throw integrityFailure(id, error);
    }
  }

  /**
   * The envelopes with these ids, by id, read in one query (in the caller's transaction when
   * given `manager`); ids with no envelope are absent. Opened with {@link openRow}.
   */
  async readSealed(
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, SealedEnvelope>> {
    const wanted = ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
    if (wanted.length === 0) return new Map();
    const rows = await this.repository(manager).findBy({ id: In(wanted) });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Writes {@link SealedRow}s in one statement, inserting each or replacing the secret of the
   * envelope with its id (as {@link reseal} does), in the caller's transaction when given
   * `manager`. One statement text for any number of rows: one array parameter per column.
   */
  async writeSealed(rows: readonly SealedRow[], manager?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await this.repository(manager).query(
      `INSERT INTO vault_envelopes
         (id, purpose, kek_version, data_key_nonce, wrapped_data_key, data_key_tag, nonce, ciphertext, tag)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bytea[], $5::bytea[],
                            $6::bytea[], $7::bytea[], $8::bytea[], $9::bytea[])
       ON CONFLICT (id) DO UPDATE SET
         purpose = excluded.purpose, kek_version = excluded.kek_version,
         data_key_nonce = excluded.data_key_nonce, wrapped_data_key = excluded.wrapped_data_key,
         data_key_tag = excluded.data_key_tag, nonce = excluded.nonce,
         ciphertext = excluded.ciphertext, tag = excluded.tag, rewrapped_at = NULL`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.purpose),
        rows.map((row) => row.kekVersion),
        rows.map((row) => row.dataKeyNonce),
        rows.map((row) => row.wrappedDataKey),
        rows.map((row) => row.dataKeyTag),
        rows.map((row) => row.nonce),
        rows.map((row) => row.ciphertext),
        rows.map((row) => row.tag),
      ],
    );
  }

  /** Deletes an envelope; false when there was none. The secret is gone for good. */
  async purge(id: string, manager?: EntityManager): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const result = await this.repository(manager).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Re-wraps the data keys of up to `limit` envelopes not on the active key version, in one
   * transaction, and reports how many remain. Each old version's rows are taken in id order
   * from the (kek_version, id) index — a re-wrapped row leaves that range, so every batch starts
   * where the work left off — and rows locked by another re-wrap are skipped. Only wrapped data
   * keys are read and written: the sealed secrets are not even loaded. Call it until
   * `remaining` is 0; stopping in between loses nothing.
   */
  async rewrapBatch(
    limit = DEFAULT_REWRAP_BATCH,
  ): Promise<{ rewrapped: number; remaining: number }> {
    const active = this.keyring.activeVersion;
    const wanted = Math.max(1, Math.floor(limit));
    const rewrapped = await this.envelopes.manager.transaction(async (manager) => {
      let done = 0;
      for (const version of this.keyring.versions.filter((v) => v !== active)) {
        const rows = await lockBatch(manager, version, wanted - done);
        for (const row of rows) await this.rewrapOne(manager, row);
        done += rows.length;
        if (done >= wanted) break;
      }
      return done;
    });
    // Two ranges rather than `<>`, so the count reads only the index entries still to do.
    const remaining = await this.envelopes
      .createQueryBuilder('envelope')
      .where('envelope.kekVersion < :active OR envelope.kekVersion > :active', { active })
      .getCount();
    return { rewrapped, remaining };
  }

  /**
   * The active key version and, for every version configured or in use, its envelope count and
   * the encryptions made under it (this instance's counts stored first).
   */
  async status(): Promise<VaultStatus> {
    await this.flushEncryptions();
    const [counts, encryptions] = await Promise.all([
      this.envelopeCounts().then((rows) => new Map(rows)),
      this.storedEncryptions(),
    ]);
    const versions = [...new Set([...this.keyring.versions, ...counts.keys()])].sort(
      (a, b) => a - b,
    );
    return {
      activeVersion: this.keyring.activeVersion,
      versions: versions.map((version) => ({
        version,
        envelopes: counts.get(version) ?? 0,
        configured: this.keyring.has(version),
        encryptions: encryptions.get(version) ?? 0,
      })),
    };
  }

  /** Encryptions per KEK version, stored and this instance's, without counting envelopes. */
  async encryptions(): Promise<Map<number, number>> {
    await this.flushEncryptions();
    return this.storedEncryptions();
  }

  private async rewrapOne(manager: EntityManager, row: VaultEnvelopeEntity): Promise<void> {
    let wrapped;
    try {
      wrapped = this.cipher.rewrap(row.id, row);
    } catch (error) {
      // Never re-encrypt what does not authenticate: the batch rolls back, the row stays as is.
      throw integrityFailure(row.id, error);
    }
    await manager.update(
      VaultEnvelopeEntity,
      { id: row.id },
      { ...wrapped, rewrappedAt: new Date() },
    );
  }

  private repository(manager: EntityManager | undefined): Repository<VaultEnvelopeEntity> {
    return manager ? manager.getRepository(VaultEnvelopeEntity) : this.envelopes;
  }
}

/** The next envelopes of one old key version, locked; only the wrapped-key columns. */
function lockBatch(
  manager: EntityManager,
  version: number,
  limit: number,
): Promise<VaultEnvelopeEntity[]> {
  return manager
    .getRepository(VaultEnvelopeEntity)
    .createQueryBuilder('envelope')
    .select(['envelope.id', 'envelope.kekVersion', 'envelope.dataKeyNonce'])
    .addSelect(['envelope.wrappedDataKey', 'envelope.dataKeyTag'])
    .where('envelope.kekVersion = :version', { version })
    .orderBy('envelope.id', 'ASC')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
}

function assertBinding(binding: EnvelopeBinding): void {
  for (const field of ['purpose', 'owner'] as const) {
    if (typeof binding[field] !== 'string' || binding[field].length === 0) {
      throw new VaultError('invalid_binding', `The envelope binding needs a non-empty ${field}`);
    }
  }
}

function plural(envelopes: number): string {
  return envelopes === 1 ? '1 envelope' : `${envelopes} envelopes`;
}

function notFound(id: string): VaultError {
  return new VaultError('envelope_not_found', `No vault envelope ${id.slice(0, 36)}`);
}

function integrityFailure(id: string, cause: unknown): VaultError {
  return new VaultError('integrity_failure', `Vault envelope ${id} does not authenticate`, {
    cause,
  });
}

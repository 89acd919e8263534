import type { KeyObject } from 'node:crypto';
import { VaultError } from './vault.errors.js';

/** One key-encryption key (KEK) and its version, as configured. */
export interface KeyringEntry {
  readonly version: number;
  readonly key: KeyObject;
}

const KEK_BYTES = 32;

/**
 * The versioned key-encryption keys. New envelopes and re-wraps use the active version; older
 * versions stay so existing envelopes open until they are re-wrapped. Keys are `KeyObject`s
 * (faster than raw buffers on Node 24, and they never print their bytes).
 */
export class Keyring {
  private readonly keys = new Map<number, KeyObject>();

  constructor(
    entries: readonly KeyringEntry[],
    readonly activeVersion: number,
  ) {
    if (entries.length === 0) throw new VaultError('invalid_keyring', 'The keyring has no keys');
    for (const { version, key } of entries) {
      if (!Number.isInteger(version) || version < 1) {
        throw new VaultError('invalid_keyring', 'Key versions must be positive integers');
      }
      if (this.keys.has(version)) {
        throw new VaultError('invalid_keyring', `Key version ${version} is given more than once`);
      }
      if (key.type !== 'secret' || key.symmetricKeySize !== KEK_BYTES) {
        throw new VaultError(
          'invalid_keyring',
          `Key version ${version} must be a ${KEK_BYTES}-byte secret key`,
        );
      }
      this.keys.set(version, key);
    }
    if (!this.keys.has(activeVersion)) {
      throw new VaultError(
        'invalid_keyring',
        `The active key version ${activeVersion} is not in the keyring (configured: ${this.versions.join(', ')})`,
      );
    }
  }

  /** Configured versions, ascending. */
  get versions(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  has(version: number): boolean {
    return this.keys.has(version);
  }

  /** The KEK of a version; `unknown_key_version` when it is not configured. */
  get(version: number): KeyObject {
    const key = this.keys.get(version);
    if (!key) {
      throw new VaultError('unknown_key_version', `Key version ${version} is not in the keyring`);
    }
    return key;
  }

  get active(): KeyObject {
    return this.get(this.activeVersion);
  }
}

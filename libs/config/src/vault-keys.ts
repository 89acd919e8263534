import { createSecretKey, type KeyObject } from 'node:crypto';

/** One key-encryption key of the vault's keyring. */
export interface VaultKey {
  readonly version: number;
  /** A `KeyObject`: it prints as `SecretKeyObject { symmetricKeySize: 32 }`, never its bytes. */
  readonly key: KeyObject;
}

export const VAULT_KEY_BYTES = 32;
const MAX_VERSION = 2 ** 31 - 1;
const ENTRY = /^(\d{1,10}):([A-Za-z0-9_-]+)$/;

/**
 * Parses `VAULT_KEYS` (`version:base64url-of-32-bytes`, comma-separated). Errors say which entry
 * (by position or version) is wrong and why, and never contain any of the key text.
 */
export function parseVaultKeys(text: string): VaultKey[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no keys given; expected `version:base64url-key`');
  const keys: VaultKey[] = [];
  entries.forEach((entry, index) => {
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new Error(`entry ${index + 1} is not \`version:base64url-key\``);
    }
    const version = Number(match[1]);
    if (version < 1 || version > MAX_VERSION) {
      throw new Error(
        `entry ${index + 1}: the version must be an integer from 1 to ${MAX_VERSION}`,
      );
    }
    if (keys.some((key) => key.version === version)) {
      throw new Error(`version ${version} is given more than once`);
    }
    const bytes = Buffer.from(match[2], 'base64url');
    if (bytes.length !== VAULT_KEY_BYTES) {
      throw new Error(
        `version ${version}: the key must be ${VAULT_KEY_BYTES} bytes of base64url (it has ${bytes.length})`,
      );
    }
    keys.push({ version, key: createSecretKey(bytes) });
    bytes.fill(0);
  });
  return keys;
}

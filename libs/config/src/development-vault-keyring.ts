import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VAULT_KEY_BYTES } from './vault-keys.js';

export const DEVELOPMENT_VAULT_KEYRING_FILE = 'dev-vault-keyring.json';

interface KeyringFile {
  /** The same text `VAULT_KEYS` would hold. */
  readonly VAULT_KEYS: string;
}

/**
 * The `VAULT_KEYS` text of the development keyring under the data folder, created (mode 0600)
 * on first use. Never called in production: there a missing `VAULT_KEYS` refuses start-up.
 */
export function loadDevelopmentVaultKeys(dataDir: string): string {
  const file = join(dataDir, DEVELOPMENT_VAULT_KEYRING_FILE);
  if (existsSync(file)) return read(file);
  const keyring: KeyringFile = {
    VAULT_KEYS: `1:${randomBytes(VAULT_KEY_BYTES).toString('base64url')}`,
  };
  mkdirSync(dataDir, { recursive: true });
  // Written whole to a private file (`wx`, 0600), then linked into place: the link fails if
  // another process got there first, and nobody ever reads a half-written keyring. Losing that
  // race means using theirs: two keyrings would leave envelopes only one process can open.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, JSON.stringify(keyring, null, 2), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch {
    return read(file);
  } finally {
    rmSync(temporary, { force: true });
  }
  return keyring.VAULT_KEYS;
}

function read(file: string): string {
  return (JSON.parse(readFileSync(file, 'utf8')) as KeyringFile).VAULT_KEYS;
}

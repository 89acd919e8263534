import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * API keys: `gk_<env>_<secret><checksum>`. The secret is 48 random bytes in base62 (384 bits);
 * its first {@link LOOKUP_LENGTH} characters are the key's lookup prefix, stored in clear and
 * indexed, so a key is found without scanning; the whole key is stored only as its SHA-256
 * hash. The six-character checksum (CRC-32 of everything before it, base62) lets secret
 * scanners recognise a real key and lets us refuse a mistyped one without a database read,
 * the scheme GitHub's tokens use.
 */
export const KEY_PREFIX = 'gk_';
const SECRET_BYTES = 48;
const LOOKUP_LENGTH = 12;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface IssuedApiKey {
  /** The key itself: shown once, never stored. */
  readonly key: string;
  readonly lookupPrefix: string;
  readonly secretHash: Buffer;
}

export interface ParsedApiKey {
  readonly env: string;
  readonly lookupPrefix: string;
  readonly secretHash: Buffer;
}

/**
 * The `<env>` part of the keys and tokens a deployment issues: they say where they work, so a
 * test key pasted into production is refused by its shape.
 */
export function secretEnvOf(deploymentEnv: string | undefined): 'live' | 'test' {
  return deploymentEnv === 'production' ? 'live' : 'test';
}

/** A new key for `env` (`live`, `test`, …). */
export function issueApiKey(env: string): IssuedApiKey {
  return issueSecret(KEY_PREFIX, env);
}

/** The parts of a well-formed key with a valid checksum, or undefined for anything else. */
export function parseApiKey(key: string): ParsedApiKey | undefined {
  return parseSecret(KEY_PREFIX, key);
}

/**
 * A new opaque credential of this shape under another `prefix` (`gkat_` for the access tokens
 * of `private_key_jwt` clients): the same randomness, lookup prefix, hash and checksum.
 */
export function issueSecret(prefix: string, env: string): IssuedApiKey {
  const secret = base62(randomBytes(SECRET_BYTES));
  const body = `${prefix}${env}_${secret}`;
  const key = `${body}${checksum(body)}`;
  return { key, lookupPrefix: secret.slice(0, LOOKUP_LENGTH), secretHash: hashKey(key) };
}

/** {@link parseApiKey} for a credential issued by {@link issueSecret} under `prefix`. */
export function parseSecret(prefix: string, key: string): ParsedApiKey | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const match = /^([a-z]{2,8})_([0-9A-Za-z]{40,80})$/.exec(key.slice(prefix.length));
  if (!match) return undefined;
  const body = key.slice(0, -CHECKSUM_LENGTH);
  if (checksum(body) !== key.slice(-CHECKSUM_LENGTH)) return undefined;
  return {
    env: match[1],
    lookupPrefix: match[2].slice(0, LOOKUP_LENGTH),
    secretHash: hashKey(key),
  };
}

/** Whether a presented key's hash is the stored one, in constant time. */
export function sameHash(presented: Buffer, stored: Buffer): boolean {
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function checksum(body: string): string {
  let value = crc32(body);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function base62(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  // Fixed length, so every key has the same shape: 384 bits need 65 base62 digits.
  return out.padStart(65, '0');
}

/** Stable codes of vault failures. */
export type VaultErrorCode =
  /** The envelope does not authenticate: tampered, copied, wrong binding or wrong key. */
  | 'integrity_failure'
  /** No envelope has this id (or the id is not a uuid). */
  | 'envelope_not_found'
  /** A key version is needed that the keyring does not hold. */
  | 'unknown_key_version'
  /** A configured key is not the one its version was first used with (its check value fails). */
  | 'key_check_failed'
  /** The keyring itself is unusable (no keys, a bad key, the active version missing). */
  | 'invalid_keyring'
  /** The binding has an empty purpose or owner. */
  | 'invalid_binding';

/**
 * Thrown by the vault. Messages carry ids, versions and counts only — never plaintext or key
 * material — so they are safe to log. The original error, if any, is kept as `cause`.
 *
 * @example
 * try {
 *   token = await vault.open(grant.envelopeId, binding);
 * } catch (error) {
 *   if (error instanceof VaultError && error.code === 'integrity_failure') markGrantBroken(grant);
 *   throw error;
 * }
 */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VaultError';
  }
}

import { AppError, type StatusTable } from '@grantkeeper/errors';

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
 * Every vault failure is our own fault (tampered or copied rows, a wrong or missing key), never
 * the caller's: 500, which the api answers as a generic `internal_error` and logs, so neither
 * the code nor the message reaches a client.
 */
export const VAULT_ERROR_STATUS: StatusTable<VaultErrorCode> = {
  integrity_failure: 500,
  envelope_not_found: 500,
  unknown_key_version: 500,
  key_check_failed: 500,
  invalid_keyring: 500,
  invalid_binding: 500,
};

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
export class VaultError extends AppError<VaultErrorCode> {
  constructor(code: VaultErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, VAULT_ERROR_STATUS, options);
  }
}

import { AppError, type StatusTable } from '@grantkeeper/errors';

/**
 * Stable codes of the RISC receiver; RISC_ERROR_STATUS gives each its HTTP status.
 *
 * - `invalid_security_event` (400): the body is not a security event token Google signed for
 *   us with one known event. Google does not retry a 400
 *   (https://developers.google.com/identity/protocols/risc#validate).
 * - `certificates_unavailable` (503): Google's RISC configuration or signing keys could not be
 *   fetched, so nothing could be decided; Google retries anything but 202.
 */
export type RiscErrorCode = 'invalid_security_event' | 'certificates_unavailable';

/** HTTP status of each code; a code without a row does not compile. */
export const RISC_ERROR_STATUS: StatusTable<RiscErrorCode> = {
  invalid_security_event: 400,
  certificates_unavailable: 503,
};

const RETRY_AFTER_SECONDS = 5;

/**
 * Thrown by the RISC module; a 503 carries `Retry-After: 5`. The message says why in a fixed sentence and never contains the
 * token or any part of it.
 */
export class RiscError extends AppError<RiscErrorCode> {
  constructor(code: RiscErrorCode, message: string, options?: { cause?: unknown }) {
    // Google retries a delivery that did not get 202; a 503 tells it when.
    const retryAfterSeconds = RISC_ERROR_STATUS[code] === 503 ? RETRY_AFTER_SECONDS : undefined;
    super(code, message, RISC_ERROR_STATUS, { cause: options?.cause, retryAfterSeconds });
  }
}

/** An `invalid_security_event` with a short reason: `invalid('wrong issuer')`. */
export function invalid(reason: string): RiscError {
  return new RiscError('invalid_security_event', `Not a valid security event token: ${reason}.`);
}

/**
 * Stable codes of the RISC receiver; the api's exception filter maps them to HTTP.
 *
 * - `invalid_security_event` (400): the body is not a security event token Google signed for
 *   us with one known event. Google does not retry a 400
 *   (https://developers.google.com/identity/protocols/risc#validate).
 * - `certificates_unavailable` (503): Google's RISC configuration or signing keys could not be
 *   fetched, so nothing could be decided; Google retries anything but 202.
 */
export type RiscErrorCode = 'invalid_security_event' | 'certificates_unavailable';

/**
 * Thrown by the RISC module. The message says why in a fixed sentence and never contains the
 * token or any part of it.
 */
export class RiscError extends Error {
  override readonly name = 'RiscError';

  constructor(
    readonly code: RiscErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** HTTP status of each code: one exhaustive switch, used by the api's error mapping. */
export function riscErrorStatus(code: RiscErrorCode): number {
  switch (code) {
    case 'invalid_security_event':
      return 400;
    case 'certificates_unavailable':
      return 503;
  }
}

/** An `invalid_security_event` with a short reason: `invalid('wrong issuer')`. */
export function invalid(reason: string): RiscError {
  return new RiscError('invalid_security_event', `Not a valid security event token: ${reason}.`);
}

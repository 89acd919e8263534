/**
 * An error the emulator answers the way Google's APIs do: HTTP status plus a JSON body
 * `{ error, error_description }` (RFC 6749 §5.2 shape, which Google's OAuth endpoints use).
 */
export class EmulatorError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'EmulatorError';
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** Bad input to the test-control API. */
export const invalidControlInput = (description: string): EmulatorError =>
  new EmulatorError(400, 'invalid_request', description);

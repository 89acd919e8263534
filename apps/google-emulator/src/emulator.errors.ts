/**
 * An error the emulator answers the way Google's APIs do: HTTP status plus a JSON body
 * `{ error, error_description }` (RFC 6749 §5.2 shape, which Google's OAuth endpoints use).
 */
export class EmulatorError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly description: string,
    /** More fields of Google's answer (`error_subtype`). */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {
    super(`${error}: ${description}`);
    this.name = 'EmulatorError';
  }

  toJSON(): Record<string, string> {
    return { error: this.error, error_description: this.description, ...this.extra };
  }
}

/** Bad input to the test-control API. */
export const invalidControlInput = (description: string): EmulatorError =>
  new EmulatorError(400, 'invalid_request', description);

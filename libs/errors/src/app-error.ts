/** Options every module error takes: what caused it, and how long a client should wait. */
export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Seconds a client should wait before retrying; the api sends it as `Retry-After`. */
  readonly retryAfterSeconds?: number;
  /**
   * Members the error body carries besides `statusCode`, `error` and `message` (which they
   * cannot replace): what a client needs to act on the refusal (`missing_scopes`). No secrets.
   */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Response headers the refusal is defined with (RFC 6750's `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A module's table from each of its stable codes to the HTTP status it answers with. Typed as a
 * `Record` over the module's code union, so a code without a status does not compile.
 */
export type StatusTable<Code extends string> = Readonly<Record<Code, number>>;

/**
 * The one base of the modules' errors: a stable snake_case `code`, the HTTP status that code
 * maps to in the module's own `StatusTable`, and the `cause` kept for logs. The api's exception
 * filter reads `status` and `code` and nothing else, so a module adds a code by adding one row
 * to its table.
 */
export abstract class AppError<Code extends string = string> extends Error {
  readonly retryAfterSeconds: number | undefined;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  protected constructor(
    readonly code: Code,
    message: string,
    private readonly statuses: StatusTable<Code>,
    options?: AppErrorOptions,
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.fields = options?.fields;
    this.headers = options?.headers;
  }

  /** The HTTP status of this error's code, from its module's table. */
  get status(): number {
    return this.statuses[this.code];
  }
}

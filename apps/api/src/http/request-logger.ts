import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

/**
 * Fastify's logger for one request (`request.log`, `reply.log`): pino's child with the request id,
 * made only when something is logged at an enabled level. Fastify builds a child on every request;
 * with request lines off (`LOG_LEVEL=warn` and above) nearly none of them is ever written to, and
 * the child (an object, and its bindings serialised to JSON) was ~2% of the CPU of a guarded
 * `GET /api/v1/me`. Every line still carries the request id: the first enabled call creates the
 * real child, and later calls go to it.
 */
export class RequestLogger {
  private real: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly childBindings: Bindings,
    private readonly options: ChildLoggerOptions | undefined,
  ) {
    // A per-route level changes what is enabled: then the child is needed to answer.
    if (options?.level !== undefined) this.materialise();
  }

  get level(): LevelWithSilentOrString {
    return (this.real ?? this.parent).level;
  }

  set level(level: LevelWithSilentOrString) {
    this.materialise().level = level;
  }

  isLevelEnabled(level: LevelWithSilentOrString): boolean {
    return (this.real ?? this.parent).isLevelEnabled(level);
  }

  bindings(): Bindings {
    return this.materialise().bindings();
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.materialise().child(bindings, options);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  debug(...args: unknown[]): void {
    this.write('debug', args);
  }

  trace(...args: unknown[]): void {
    this.write('trace', args);
  }

  silent(): void {
    // pino's `silent` level logs nothing.
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    const real = this.materialise();
    real[level](...(args as Parameters<Logger['info']>));
  }

  private materialise(): Logger {
    // No options object unless there are options: pino takes its slower path for any object.
    this.real ??= hasOptions(this.options)
      ? this.parent.child(this.childBindings, this.options)
      : this.parent.child(this.childBindings);
    return this.real;
  }
}

function hasOptions(options: ChildLoggerOptions | undefined): options is ChildLoggerOptions {
  if (options === undefined) return false;
  for (const key in options) if (Object.hasOwn(options, key)) return true;
  return false;
}

/** Fastify's `childLoggerFactory`: a {@link RequestLogger} per request. */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions | undefined,
): FastifyBaseLogger {
  return new RequestLogger(logger as unknown as Logger, bindings, options);
}

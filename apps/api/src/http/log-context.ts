import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerOptions } from 'pino';

/**
 * The id of the request being handled, for the application's log lines: the access line gets it
 * from Fastify's child logger, but services log through Nest's Logger, which knows no request.
 * Entered in create-app.ts's onRequest hook; read only when a line is written.
 */
export const requestScope = new AsyncLocalStorage<string>();

/** pino's mixin: `reqId` (the access line's field) on every line written within a request. */
export function requestIdMixin(): { reqId?: string } {
  const reqId = requestScope.getStore();
  return reqId === undefined ? {} : { reqId };
}

// C0 controls, DEL, and the two Unicode line separators some terminals and viewers break on.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/**
 * Line breaks and other control characters written as escapes, so that text from outside
 * (Google's error fields, a security event's `jti`, claims) cannot start a fake line in
 * `npm start`'s pretty output. JSON lines already escape them.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** pino's logMethod hook: the string arguments (the message and its format values) escaped. */
export const escapeLogArguments: NonNullable<LoggerOptions['hooks']>['logMethod'] = function (
  args,
  method,
  level,
) {
  const escaped = args.map((arg: unknown) =>
    typeof arg === 'string' ? escapeControlCharacters(arg) : arg,
  ) as Parameters<typeof method>;
  if (level === INFO && isNestStartupLine(escaped[0])) {
    // Logged at debug: `npm start` shows one line per step, not one per module and route.
    if (this.isLevelEnabled('debug')) this.debug(...escaped);
    return;
  }
  method.apply(this, escaped);
};

const INFO = 30;

/** Nest's start-up narration: each module initialised, each controller and route mapped. */
const NEST_STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

function isNestStartupLine(first: unknown): boolean {
  const context = (first as { context?: unknown } | null)?.context;
  return (
    typeof first === 'object' && typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context)
  );
}

/**
 * pino-pretty's options for development: one line per entry, errors printed as (escaped) JSON
 * rather than as a multi-line stack a message could forge lines in.
 */
export const PRETTY_OPTIONS = { singleLine: true, errorLikeObjectKeys: [] as string[] };

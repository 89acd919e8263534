import { pino } from 'pino';

/** Lines below warn wait at most this long in the buffer. */
export const LOG_FLUSH_MS = 1_000;
/** What the buffer holds before it is written without waiting for the timer. */
export const LOG_BUFFER_CHARS = 8 * 1024;

/** Where {@link BufferedLogDestination} writes: a synchronous pino destination in production. */
export interface LineSink {
  write(text: string): unknown;
}

/**
 * pino's destination in production: JSON lines gathered into one write of ~8 KiB instead of one
 * write(2) per line. With the default LOG_LEVEL=info every request writes an access line, and a
 * write per line cost ~3 µs of CPU each here (a tenth of the api's work per request; pino's
 * asynchronous mode cost more, not less). Lines at warn and above are written at once, with
 * whatever waits before them; info and below wait at most a second; everything waiting is
 * written when the process exits (process.exit and uncaught errors included: only a SIGKILL
 * loses the last second of info lines).
 */
export class BufferedLogDestination {
  private buffer = '';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sink: LineSink,
    private readonly chars = LOG_BUFFER_CHARS,
    flushMs = LOG_FLUSH_MS,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs).unref();
  }

  write(line: string): boolean {
    this.buffer += line;
    // pino's lines start with `{"level":`; its levels are 10 – 60, so the digit says warn or
    // above (4, 5, 6). Anything else is written at once too.
    const urgent = !line.startsWith('{"level":') || line.charCodeAt(9) >= 52;
    if (urgent || this.buffer.length >= this.chars) this.flush();
    return true;
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer;
    this.buffer = '';
    this.sink.write(text);
  }

  /** Writes what waits and stops the timer. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

let stdout: BufferedLogDestination | undefined;

/**
 * The process's one buffered destination on stdout (every logger of every app in the process
 * shares it, so its exit hook is registered once). Synchronous underneath: pino's destination
 * retries on EAGAIN, so a non-blocking pipe (a container's stdout) loses nothing.
 */
export function bufferedStdout(): BufferedLogDestination {
  if (!stdout) {
    const destination = new BufferedLogDestination(pino.destination({ dest: 1, sync: true }));
    process.once('exit', () => destination.close());
    stdout = destination;
  }
  return stdout;
}

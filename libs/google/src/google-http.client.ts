import { Agent, type Dispatcher, request } from 'undici';
import { GoogleCallError } from './google.errors.js';

/** Settings of the {@link GoogleHttpClient}. */
export interface GoogleHttpClientOptions {
  /** Deadline of one whole response, headers and body (`GOOGLE_HTTP_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Connections kept per origin. Default 16: a keep-alive sweep refreshes in small batches. */
  readonly connections?: number;
  /** How long an idle connection is kept open, unless Google's `Keep-Alive` says less. */
  readonly keepAliveTimeoutMs?: number;
  /** Tests only: a dispatcher of their own (undici's `MockAgent`) instead of the pool. */
  readonly dispatcher?: Dispatcher;
}

/** One request to Google. Bodies are small strings (a form, a JSON document). */
export interface GoogleRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The caller's own cancellation (a job's time is up); the deadline applies regardless. */
  readonly signal?: AbortSignal;
  /** A shorter (or longer) whole-response deadline for this request. */
  readonly timeoutMs?: number;
  /** Largest body accepted. Default 256 KiB: Google's answers here are a few kB. */
  readonly maxBytes?: number;
}

/** Google's answer, whatever its status: the callers decide what a status means. */
export interface GoogleAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * The one HTTP client of every call to Google, on undici (Node's own HTTP client).
 *
 * - Keep-alive: one pool per origin (`connections`, `keepAliveTimeout`), so the keep-alive
 *   sweep's refreshes and the key fetches reuse connections instead of a TLS handshake each.
 * - One deadline for the whole response, headers and body: a server that trickles bytes hits
 *   it too. undici's own header and body timeouts are set to the same value as a backstop.
 * - A body larger than `maxBytes` is cut off, as `google_malformed_answer`.
 * - No retries and no redirects: the callers own retries (with Google's `Retry-After`), and a
 *   redirect is not an answer any of Google's endpoints gives.
 * - Transport failures become {@link GoogleCallError}s (`google_unreachable`, `google_timeout`)
 *   that keep the transport's error as `cause`; any HTTP status is returned as it is.
 */
export class GoogleHttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;

  constructor(options: GoogleHttpClientOptions) {
    this.timeoutMs = options.timeoutMs;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connections: options.connections ?? 16,
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
        keepAliveMaxTimeout: 60_000,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        connect: { timeout: options.timeoutMs },
      });
  }

  /** Sends one request and reads the whole answer within the deadline. */
  async send(call: GoogleRequest): Promise<GoogleAnswer> {
    const deadline = AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs);
    const signal = call.signal ? AbortSignal.any([deadline, call.signal]) : deadline;
    try {
      const response = await request(call.url, {
        dispatcher: this.dispatcher,
        method: call.method,
        headers: { ...call.headers },
        body: call.body,
        signal,
      });
      const body = await readCapped(response.body, call.maxBytes ?? DEFAULT_MAX_BYTES);
      return { status: response.statusCode, headers: toHeaders(response.headers), body };
    } catch (error) {
      if (error instanceof GoogleCallError) throw error;
      throw transportFailure(error, deadline.aborted, call.signal?.aborted === true);
    }
  }

  /** Closes the pooled connections (at shutdown). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new GoogleCallError('google_malformed_answer', 'malformed_response');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, one);
    }
  }
  return headers;
}

// undici's own codes for what node:http called a reset or a timeout, so that the reasons kept
// on grants and in the audit read as before.
const UNDICI_REASONS: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'econnreset',
  UND_ERR_CLOSED: 'econnreset',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

function transportFailure(error: unknown, timedOut: boolean, aborted: boolean): GoogleCallError {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  const mapped = typeof code === 'string' ? UNDICI_REASONS[code] : undefined;
  if (timedOut || mapped === 'timeout' || (!aborted && name === 'TimeoutError')) {
    return new GoogleCallError('google_timeout', 'timeout', { cause: error });
  }
  if (aborted) return new GoogleCallError('google_unreachable', 'aborted', { cause: error });
  if (mapped !== undefined) {
    return new GoogleCallError('google_unreachable', mapped, { cause: error });
  }
  const reason =
    typeof code === 'string' && /^E[A-Z_]{1,39}$/.test(code) ? code.toLowerCase() : 'network_error';
  return new GoogleCallError('google_unreachable', reason, { cause: error });
}

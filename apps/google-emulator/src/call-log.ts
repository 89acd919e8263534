/** One request "Google" received, as `/__control/calls` reports it. */
export interface CallEntry {
  at: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Names (never values) of the form or JSON body's fields, once the body is parsed. */
  body_fields?: string[];
  /** `null` while in flight, and for requests that never got an answer (a hang fault). */
  status: number | null;
}

// Query parameters that carry credentials on Google's endpoints (tokeninfo?id_token=,
// revoke?token=, the code flow's code and verifier, GIS redirect mode's CSRF token). Tests see
// that they were sent, never their values.
const SECRET_PARAMETERS = new Set([
  'access_token',
  'assertion',
  'client_secret',
  'code',
  'code_verifier',
  'credential',
  'g_csrf_token',
  'id_token',
  'refresh_token',
  'token',
]);
export const REDACTED = '[redacted]';

/** Keeps the last `limit` entries so a long-running dev emulator does not grow without bound. */
export class CallLog {
  private entries: CallEntry[] = [];

  constructor(private readonly limit = 1000) {}

  /** Records a request as it arrives; the caller fills in `status` when it is answered. */
  record(method: string, url: string, at = new Date()): CallEntry {
    const parsed = new URL(url, 'http://emulator.invalid');
    const entry: CallEntry = {
      at: at.toISOString(),
      method,
      path: parsed.pathname,
      query: redactedQuery(parsed.searchParams),
      status: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    return entry;
  }

  list(path?: string): CallEntry[] {
    return path === undefined ? [...this.entries] : this.entries.filter((e) => e.path === path);
  }

  clear(): void {
    this.entries = [];
  }
}

function redactedQuery(params: URLSearchParams): Record<string, string | string[]> {
  // Object.fromEntries defines own properties, so a `__proto__` parameter stays plain data.
  return Object.fromEntries(
    [...new Set(params.keys())].map((name) => {
      const values = params.getAll(name).map((v) => (SECRET_PARAMETERS.has(name) ? REDACTED : v));
      return [name, values.length === 1 ? values[0] : values];
    }),
  );
}

import { ServiceApiError } from './service-api.errors.js';

/**
 * The origins a service's consent requests may send the user back to: `https://host[:port]`
 * (no path, query or credentials), or `http://` for localhost always and for any host outside
 * production. A `return_url` must start with one of them, compared as parsed origins, so
 * `https://app.example.com.evil.test` never matches `https://app.example.com`.
 */
export function assertReturnOrigins(origins: readonly string[], production: boolean): string[] {
  return origins.map((origin) => {
    const parsed = parse(origin);
    const local = parsed !== undefined && isLocalhost(parsed.hostname);
    if (
      !parsed ||
      parsed.origin !== origin ||
      (parsed.protocol === 'http:' && production && !local) ||
      (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    ) {
      throw new ServiceApiError(
        'invalid_return_origin',
        `Each return origin must be https://host[:port]${production ? '' : ' or http://host[:port]'}, without a path.`,
        { fields: { origin: origin.slice(0, 200) } },
      );
    }
    return origin;
  });
}

/** Whether `url` is an absolute http(s) URL at one of `origins`. */
export function matchesReturnOrigin(url: string, origins: readonly string[]): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    parsed.username === '' &&
    parsed.password === '' &&
    origins.includes(parsed.origin)
  );
}

/** `url` with `?consent_request=<id>&status=<status>` added to its query. */
export function returnLocation(url: string, id: string, status: string): string {
  const target = new URL(url);
  target.searchParams.set('consent_request', id);
  target.searchParams.set('status', status);
  return target.toString();
}

function parse(value: string): URL | undefined {
  try {
    return /^https?:\/\//i.test(value) ? new URL(value) : undefined;
  } catch {
    return undefined;
  }
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

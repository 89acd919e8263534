/**
 * Never logged: credentials in headers, cookies, and any token or code in bodies, queries or
 * error objects. pino replaces them with `[redacted]`.
 */
export const LOG_REDACT_PATHS = [
  // Libraries log structured fields (`logger.warn({ msg, grantId })`): secret names are redacted
  // at the top of a line as well as one level down.
  'credential',
  'code',
  'token',
  'id_token',
  'access_token',
  'refresh_token',
  'client_secret',
  'client_assertion',
  'g_csrf_token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.credential',
  '*.code',
  '*.token',
  '*.id_token',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.client_assertion',
  '*.g_csrf_token',
  'req.query.code',
  'req.query.state',
];

const SECRET_QUERY_KEYS =
  /^(code|state|token|id_token|access_token|refresh_token|credential|client_assertion)$/i;

/** A URL for the logs: values of secret-bearing query parameters are replaced. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = new URLSearchParams(url.slice(question + 1));
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  }
  return `${url.slice(0, question)}?${params.toString()}`;
}

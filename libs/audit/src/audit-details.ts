/** Keys whose values are secrets whatever they hold; they never reach the audit log. */
const SECRET_KEY = /token|secret|credential|password|authorization|cookie|^code$|assertion/i;
const MAX_DEPTH = 4;
const MAX_STRING = 500;

/**
 * Copies audit details, replacing anything secret-looking with `[redacted]` and bounding size.
 * A defence in depth: callers already pass reasons and ids only.
 */
export function sanitizeAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  return sanitizeObject(details, 0);
}

function sanitizeObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : sanitizeValue(item, depth + 1);
  }
  return out;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return '[truncated]';
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => sanitizeValue(item, depth + 1));
  if (value && typeof value === 'object') {
    return sanitizeObject(value as Record<string, unknown>, depth);
  }
  return value;
}

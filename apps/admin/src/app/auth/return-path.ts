/**
 * A path inside the dashboard to go back to after signing in, or `/` when the value is anything
 * else: absolute and protocol-relative URLs (`//evil.example`), backslashes and control
 * characters are refused, so a crafted link can't send an admin off-site.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 500) return '/';
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f]/.test(value)) {
    return '/';
  }
  if (value.startsWith('/sign-in') || value.startsWith('/not-admin')) return '/';
  return value;
}

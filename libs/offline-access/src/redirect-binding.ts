import type { FastifyReply } from 'fastify';

/**
 * The cookie that binds a redirect flow's `state` to the browser that started it (RFC 9700
 * §4.7): `__Host-` when cookies are Secure. Every starter of the flow sets it the same way.
 */
export function bindingCookieName(secureCookie: boolean): string {
  return secureCookie ? '__Host-gk_oauth' : 'gk_oauth';
}

export function setBindingCookie(
  reply: FastifyReply,
  binding: string,
  secureCookie: boolean,
): void {
  void reply.setCookie(bindingCookieName(secureCookie), binding, {
    httpOnly: true,
    secure: secureCookie,
    // Lax: the callback is a top-level navigation from Google, which Lax cookies survive.
    sameSite: 'lax',
    path: '/',
    maxAge: 600,
  });
}

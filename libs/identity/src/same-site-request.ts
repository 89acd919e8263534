import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthError } from './identity.errors.js';

/** What a route guarded by `@SameSiteRequest()` accepts besides a request from our own pages. */
export interface SameSiteRequestOptions {
  /**
   * The ID-token sign-in. Its JSON post needs no `X-Requested-With` (scripts and API callers
   * sign in with plain JSON, whose content type a cross-site page cannot send without a CORS
   * preflight we never answer), and GIS redirect mode's form post, which Google's page sends
   * cross-site by design, passes on its `g_csrf_token` double submit instead.
   */
  readonly signIn?: boolean;
}

/** The double-submit cookie GIS redirect mode sets before posting the credential to us. */
export const GIS_CSRF_COOKIE = 'g_csrf_token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that a page of another site could have made with the
 * user's cookies. Browsers attach cookies on their own, Bearer tokens they never do: a request
 * authenticated by a Bearer token can't be forged cross-site and passes.
 *
 * Otherwise the request must come from our own pages: when the browser says where it came
 * from (`Origin`, `Sec-Fetch-Site`), that is our origin; it carries
 * `X-Requested-With: XmlHttpRequest`, which a form or a simple cross-site request can't (and no
 * CORS allowance lets a foreign page send it), as Google's code model asks
 * (https://developers.google.com/identity/oauth2/web/guides/use-code-model#popup-mode); and its
 * body, if it has one, is JSON. Every refusal is 403 `cross_site_request`.
 */
export function assertSameSiteRequest(
  request: FastifyRequest,
  publicOrigin: string,
  options: SameSiteRequestOptions = {},
): void {
  if (SAFE_METHODS.has(request.method) || request.user?.via === 'bearer') return;
  if (options.signIn && isFormPost(request)) return assertDoubleSubmit(request);
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) {
    throw crossSite('Requests must come from this site.');
  }
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    throw crossSite('Requests must come from this site.');
  }
  if (!options.signIn) {
    const requestedWith = request.headers['x-requested-with'];
    if (typeof requestedWith !== 'string' || requestedWith.toLowerCase() !== 'xmlhttprequest') {
      throw crossSite('The X-Requested-With: XmlHttpRequest header is required.');
    }
  }
  if (hasBody(request) && !isJson(request)) throw crossSite('Send the request body as JSON.');
}

/** Whether the request is a form post (GIS redirect mode's, on the sign-in route). */
export function isFormPost(request: FastifyRequest): boolean {
  return (
    request.headers['content-type']
      ?.toLowerCase()
      .startsWith('application/x-www-form-urlencoded') ?? false
  );
}

/** GIS redirect mode: the cookie and the posted field must both exist and match. */
function assertDoubleSubmit(request: FastifyRequest): void {
  const cookie = request.cookies[GIS_CSRF_COOKIE];
  const posted = (request.body as Record<string, unknown> | undefined)?.[GIS_CSRF_COOKIE];
  if (!cookie || typeof posted !== 'string' || !posted) {
    throw new AuthError('csrf_token_missing', 'The g_csrf_token cookie or field is missing.');
  }
  const a = Buffer.from(cookie);
  const b = Buffer.from(posted);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new AuthError('csrf_token_mismatch', 'The g_csrf_token cookie and field differ.');
  }
}

// A form always declares its content type, even when empty; a request without one and without
// a body (a DELETE, a sign-out) carries nothing a form could have forged.
function hasBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return (
    headers['content-type'] !== undefined ||
    headers['transfer-encoding'] !== undefined ||
    (headers['content-length'] !== undefined && headers['content-length'] !== '0')
  );
}

function isJson(request: FastifyRequest): boolean {
  return request.headers['content-type']?.toLowerCase().startsWith('application/json') ?? false;
}

function crossSite(message: string): AuthError {
  return new AuthError('cross_site_request', message);
}

import type { FastifyRequest } from 'fastify';
import { OfflineAccessError } from './offline-access.errors.js';

/**
 * The checks Google's code model asks for on the endpoint that receives popup codes
 * (https://developers.google.com/identity/oauth2/web/guides/use-code-model#popup-mode):
 * the `X-Requested-With: XmlHttpRequest` header, which a cross-site form or a simple request
 * can't carry (and no CORS allowance lets a foreign page send it); a JSON body; and, when the
 * browser says where the request came from, our own origin.
 */
export function assertSameSiteXhr(request: FastifyRequest, publicOrigin: string): void {
  const requestedWith = request.headers['x-requested-with'];
  if (typeof requestedWith !== 'string' || requestedWith.toLowerCase() !== 'xmlhttprequest') {
    throw crossSite('The X-Requested-With: XmlHttpRequest header is required.');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) {
    throw crossSite('Requests must come from this site.');
  }
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    throw crossSite('Requests must come from this site.');
  }
  const type = request.headers['content-type'];
  if (request.method !== 'DELETE' && !type?.toLowerCase().startsWith('application/json')) {
    throw crossSite('Send the request body as JSON.');
  }
}

function crossSite(message: string): OfflineAccessError {
  return new OfflineAccessError('cross_site_request', message);
}

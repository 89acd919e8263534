import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's options with a CSP the pages pass: our own scripts and styles, and Google Identity
 * Services from the configured GIS origin (button and One Tap iframes, its script and styles), as
 * Google documents: https://developers.google.com/identity/gsi/web/guides/get-google-api-clientid#content_security_policy
 */
export function securityHeaderOptions(gsiClientUrl: string): HelmetOptions {
  const gsi = new URL(gsiClientUrl).origin;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", gsi],
        styleSrc: ["'self'", gsi],
        frameSrc: [gsi],
        connectSrc: ["'self'", gsi],
        imgSrc: ["'self'", 'data:', 'https:', gsi],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // GIS popups report back through window.opener: `same-origin` would cut that link.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    // GIS needs the origin in the Referer of its iframe requests; `no-referrer` breaks the button.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

/**
 * The headers helmet sets, computed once. Helmet's middleware rebuilds them on every request
 * (measured: a third of the guarded /api/v1/me throughput); they never change, so the api adds
 * this fixed set in one hook instead.
 */
export function staticSecurityHeaders(gsiClientUrl: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(securityHeaderOptions(gsiClientUrl))(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error;
    },
  );
  if (failure)
    throw failure instanceof Error ? failure : new Error('helmet could not build headers');
  return headers;
}

/**
 * The smaller set for JSON under /api/ (OWASP REST Security Cheat Sheet): the document-oriented
 * headers (CSP for scripts, COOP, DNS prefetch, …) mean nothing to an API client, and at 1.3 KB
 * per response they were a measurable share of the API's throughput.
 */
export function apiSecurityHeaders(pageHeaders: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
  const hsts = pageHeaders['strict-transport-security'];
  if (hsts) headers['strict-transport-security'] = hsts;
  return headers;
}

/**
 * True for JSON API paths, which get the REST set (`Cache-Control: no-store` among them): the
 * service API under /api/ (not the OpenAPI UI under /api/docs, a page) and the user's own
 * /offline-access endpoints.
 */
export function isApiPath(url: string): boolean {
  return (
    (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/offline-access')
  );
}

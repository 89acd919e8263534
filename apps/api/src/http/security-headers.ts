import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Helmet with a CSP the pages pass: our own scripts and styles, and Google Identity Services
 * from the configured GIS origin (button and One Tap iframes, its script and styles), as Google
 * documents: https://developers.google.com/identity/gsi/web/guides/get-google-api-clientid#content_security_policy
 */
export function securityHeaders(gsiClientUrl: string): FastifyHelmetOptions {
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

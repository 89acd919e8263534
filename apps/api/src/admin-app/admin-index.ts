import { escapeHtml } from '../pages/html.js';

/** Placeholders in `apps/admin/src/index.html`, filled in on every response. */
export const NONCE_PLACEHOLDER = '__GK_CSP_NONCE__';
const CLIENT_ID_PLACEHOLDER = '__GK_CLIENT_ID__';
const GSI_CLIENT_PLACEHOLDER = '__GK_GSI_CLIENT__';

export interface AdminIndexValues {
  readonly nonce: string;
  readonly clientId: string;
  readonly gsiClientUrl: string;
}

/**
 * The dashboard's index.html for one response: the CSP nonce Angular puts on the `<style>`
 * elements it inserts at run time (`ngCspNonce`), and the Google client id and GIS script URL the
 * sign-in page needs, as `<meta>` content (the CSP allows no inline script to carry them).
 */
export function renderAdminIndex(template: string, values: AdminIndexValues): string {
  return template
    .replaceAll(NONCE_PLACEHOLDER, values.nonce)
    .replaceAll(CLIENT_ID_PLACEHOLDER, escapeHtml(values.clientId))
    .replaceAll(GSI_CLIENT_PLACEHOLDER, escapeHtml(values.gsiClientUrl));
}

/**
 * The page CSP with the response's nonce added to `style-src`. Only the dashboard needs it:
 * Angular and Angular Material insert component styles as `<style>` elements at run time, which
 * a CSP without `'unsafe-inline'` blocks unless they carry a nonce. Scripts stay `'self'` only.
 */
export function withStyleNonce(csp: string, nonce: string): string {
  return csp.replace(/(^|;)style-src /, `$1style-src 'nonce-${nonce}' `);
}

/**
 * Build outputs named by their content hash (`main-IZP7YGYV.js`, `chunk-D7k9FO6_.js`,
 * `media/roboto-latin-400-normal-LOX3CHMS.woff2`) never change: cache them for a year.
 */
export function isImmutableAsset(path: string): boolean {
  return /-[\w-]{8}\.(js|css|woff2?)$/.test(path);
}

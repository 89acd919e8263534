import { GOOGLE_G_LOGO, escapeHtml, htmlPage } from './html.js';

export interface BrowserError {
  status: number;
  /** Google's error code, shown as "Error <status>: <code>". */
  error: string;
  /** Google's headline, e.g. "Access blocked: Authorization Error". */
  headline: string;
  description: string;
}

export const invalidClient = (clientId: string | undefined): BrowserError => ({
  status: 401,
  error: 'invalid_client',
  headline: 'Access blocked: Authorization Error',
  description: `The OAuth client was not found. (client_id: ${clientId ?? 'missing'})`,
});

export const originMismatch = (origin: string | undefined): BrowserError => ({
  status: 400,
  error: 'origin_mismatch',
  headline: 'Access blocked: This app’s request is invalid',
  description: `The JavaScript origin in the request, ${origin ?? '(none)'}, does not match the ones authorized for the OAuth client.`,
});

export const redirectUriMismatch = (uri: string | undefined): BrowserError => ({
  status: 400,
  error: 'redirect_uri_mismatch',
  headline: 'Access blocked: This app’s request is invalid',
  description: `The redirect URI in the request, ${uri ?? '(none)'}, does not match the ones authorized for the OAuth client.`,
});

export const invalidRequest = (description: string): BrowserError => ({
  status: 400,
  error: 'invalid_request',
  headline: 'Access blocked: Authorization Error',
  description,
});

/** Google's "Sign in with Google" error page: headline, explanation, "Error 400: code". */
export function errorPage(error: BrowserError): string {
  return htmlPage({
    title: `Error ${error.status}: ${error.error}`,
    style: `
main { max-width: 450px; margin: 48px auto; padding: 36px 40px; border: 1px solid #dadce0; border-radius: 8px; }
header { display: flex; align-items: center; gap: 8px; color: #5f6368; font-size: 14px; }
header svg { width: 18px; height: 18px; }
h1 { font-size: 24px; font-weight: 400; margin: 24px 0 16px; }
.code { margin-top: 24px; font-weight: 500; }`,
    body: `<main role="alert">
<header>${GOOGLE_G_LOGO}<span>Sign in with Google</span></header>
<h1>${escapeHtml(error.headline)}</h1>
<p>${escapeHtml(error.description)}</p>
<p class="code">Error ${error.status}: ${escapeHtml(error.error)}</p>
</main>`,
  });
}

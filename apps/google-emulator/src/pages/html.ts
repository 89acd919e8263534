import type { FastifyReply } from 'fastify';

/** Google's UI font stack (Google Sans is not installed here; arial is what users then see). */
export const GOOGLE_FONT_STACK = "'Google Sans', Roboto, arial, sans-serif";

/** The multicolour "G" of Google's sign-in branding guidelines. */
export const GOOGLE_G_LOGO = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" aria-hidden="true" focusable="false">',
  '<path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"/>',
  '<path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"/>',
  '<path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"/>',
  '<path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"/>',
  '</svg>',
].join('');

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** JSON that is safe inside an inline `<script>` (no `</script>`, no U+2028 surprises). */
export function scriptData(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface HtmlPage {
  title: string;
  style?: string;
  body: string;
  /** Inline script run at the end of the body. */
  script?: string;
}

export function htmlPage({ title, style = '', body, script }: HtmlPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>
body { margin: 0; font-family: ${GOOGLE_FONT_STACK}; color: #202124; }
${style}
</style>
</head>
<body>
${body}
${script === undefined ? '' : `<script>\n${script}\n</script>`}
</body>
</html>
`;
}

/** Pages that may carry a credential are never cached (Google sends no-store on them too). */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Defines `send(message)` in a frame script: posts to the embedding page, exact origin only. */
export function parentMessengerScript(targetOrigin: string): string {
  return `var target = ${scriptData(targetOrigin)};
function send(message) {
  message.source = 'gsi-emulator';
  window.parent.postMessage(message, target);
}`;
}

import type { Messages } from './messages.js';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface LayoutOptions {
  /** The page's language: `<html lang>`, and what the page's scripts show (`data-messages`). */
  readonly messages: Messages;
  readonly title: string;
  readonly body: string;
  /** External scripts only: the CSP allows no inline script. */
  readonly scripts?: readonly string[];
  readonly bodyData?: Readonly<Record<string, string>>;
}

export function layout(options: LayoutOptions): string {
  // The scripts' words as JSON in a data attribute: the CSP allows no inline script.
  const data = Object.entries({
    ...options.bodyData,
    messages: JSON.stringify(options.messages.client),
  })
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join('');
  const scripts = (options.scripts ?? [])
    .map((src) => `<script src="${escapeHtml(src)}" defer></script>`)
    .join('\n    ');
  return `<!doctype html>
<html lang="${escapeHtml(options.messages.lang)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(options.title)} · ${escapeHtml(options.messages.siteName)}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/assets/site.css">
    ${scripts}
  </head>
  <body${data}>
    <main class="card">
${options.body}
    </main>
  </body>
</html>
`;
}

/**
 * A moment as the public pages show it: in the viewer's own time zone, labelled with it
 * (public/local-time.js rewrites every `time[data-local]`), and in UTC, labelled, until that
 * script runs or where it cannot. The dashboard follows the same rule (Angular's date pipe in
 * the browser's zone, with the zone in the format).
 */
export function localTime(moment: string | Date, precision: 'day' | 'minute'): string {
  const iso = typeof moment === 'string' ? moment : moment.toISOString();
  const utc =
    precision === 'day' ? `${iso.slice(0, 10)} UTC` : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return `<time datetime="${escapeHtml(iso)}" data-local="${precision}">${escapeHtml(utc)}</time>`;
}

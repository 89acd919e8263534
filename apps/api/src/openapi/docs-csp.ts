import { createHash } from 'node:crypto';

/**
 * The page CSP for Swagger UI's page at /api/docs, with the hashes of the inline styles its HTML
 * carries (@nestjs/swagger's template: two `<style>` elements, and a `style` attribute hiding the
 * SVG icon sprite, whose absence showed as a blank band at the top). Attribute hashes need
 * `'unsafe-hashes'` (CSP Level 3, §6.7.3.3): it allows only those exact attribute values, not
 * inline styles in general. Scripts stay `'self'`: the template loads them as files.
 */
export function swaggerPageCsp(pageCsp: string, html: string): string {
  const hashes = new Set<string>();
  for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) hashes.add(hash(css));
  let attributes = false;
  for (const [, css] of html.matchAll(/\sstyle="([^"]*)"/gi)) {
    hashes.add(hash(css));
    attributes = true;
  }
  if (hashes.size === 0) return pageCsp;
  const sources = [...(attributes ? ["'unsafe-hashes'"] : []), ...hashes].join(' ');
  return pageCsp.replace(/(^|;)style-src /, `$1style-src ${sources} `);
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

// docs/screenshots when asked (SCREENSHOT_DIR, or npm run admin:screenshots's), else .data/.
const SCREENSHOTS =
  process.env.SCREENSHOT_DIR ?? process.env.ADMIN_SCREENSHOT_DIR ?? '.data/screenshots';
const VIEWPORTS = { laptop: { width: 1366, height: 768 }, tablet: { width: 768, height: 1024 } };

// Swagger UI at /api/docs against the compiled api: it renders under the page CSP (its inline
// styles allowed by hash, nothing else), with the operations and their error responses.
describe('API docs (/api/docs) in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves a CSP with hashes for its inline styles, not unsafe-inline', async () => {
    const response = await fetch(`${stack.apiUrl}/api/docs`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src 'unsafe-hashes' 'sha256-/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toMatch(/script-src 'self'/);
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`renders with no CSP violation or script error at ${viewport.width}×${viewport.height}`, async () => {
      const page = await browser.newPage({ viewport });
      const problems: string[] = [];
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`CSP violation: ${event.violatedDirective} ${event.sample}`),
        ),
      );
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${stack.apiUrl}/api/docs`);
      await expect
        .poll(() => page.locator('.opblock').count(), { timeout: 15_000 })
        .toBeGreaterThan(5);

      // The icon sprite is hidden by its (hashed) style attribute: no blank band above the title.
      const sprite = await page.locator('body > svg').first().boundingBox();
      expect(sprite?.height ?? 0).toBe(0);
      const title = await page.locator('.info .title').boundingBox();
      expect(title!.y).toBeLessThan(120);

      // An operation shows its error responses with the error body's schema.
      await page.locator('.opblock', { hasText: '/offline-access/code' }).first().click();
      const responses = page.locator('.opblock.is-open .responses-table');
      await expect
        .poll(() => responses.textContent(), { timeout: 10_000 })
        .toContain('account_mismatch');
      await page.screenshot({ path: `${SCREENSHOTS}/api-docs-${name}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

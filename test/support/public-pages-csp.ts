import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ProcessStack } from './process-stack.js';

interface Watched {
  cspViolations?: string[];
}

/**
 * Loads the public pages in a context of their own and fails on any CSP violation or script
 * error they raise: the sign-in page, the signed-out page and /account (signed in as the
 * bootstrap admin, whom OFFLINE_ACCESS=required lets in without a grant, so the check stands
 * alone in every mode). It ends by proving the recorder works: an inline script, which the
 * pages' policy forbids, must be reported.
 */
export async function expectPublicPagesFreeOfCspViolations(
  browser: Browser,
  stack: ProcessStack,
): Promise<void> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as Watched).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const violations = (page: Page) => page.evaluate(() => (window as Watched).cspViolations ?? []);
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('favicon')) {
        errors.push(message.text());
      }
    });

    for (const path of ['/', '/?signed_out=1']) {
      await page.goto(`${stack.apiUrl}${path}`);
      await page.locator('#google-button, #google-code-button').first().waitFor();
      // Google's library has loaded and drawn what it draws.
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
    }
    // Signed in from the page with Google's ID token, as One Tap's callback does (the browser
    // keeps the session cookie itself), without a popup.
    const credential = await stack.mintIdToken({
      sub: 'csp-check-admin',
      email: 'admin@grantkeeper.test',
      email_verified: true,
    });
    const signedIn = await page.evaluate(async (token) => {
      const answer = await fetch('/auth/google/id-token', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'XmlHttpRequest' },
        body: JSON.stringify({ credential: token }),
      });
      return answer.status;
    }, credential);
    expect(signedIn).toBe(200);
    await page.goto(`${stack.apiUrl}/account`);
    await page.locator('#offline-access-status').waitFor();
    await page.waitForLoadState('networkidle');
    expect({ path: '/account', violations: await violations(page) }).toEqual({
      path: '/account',
      violations: [],
    });
    expect(errors).toEqual([]);

    // The check can fail: the policy refuses an inline script, and the browser says so.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect
      .poll(() => violations(page), { timeout: 5000 })
      .toEqual([expect.stringMatching(/^script-src/)]);
  } finally {
    await context.close();
  }
}

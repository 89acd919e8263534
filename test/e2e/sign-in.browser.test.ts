import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';
import { expectPublicPagesFreeOfCspViolations } from '../support/public-pages-csp.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';

// The sign-in page (OFFLINE_ACCESS=optional) with One Tap as browsers run it: in an iframe
// (browsers without FedCM) and through FedCM (Chrome today), which the page opts in to with
// use_fedcm_for_prompt and which sends no display moments. The emulator's setting `fedcm`
// switches between them; the page must sign returning users in under both.
describe.each([
  { fedcm: false, auto: 'auto' },
  { fedcm: true, auto: 'fedcm_auto' },
])('Sign-in pages in Chromium (One Tap through FedCM: $fedcm)', ({ fedcm, auto }) => {
  let stack: ProcessStack;
  let browser: Browser;
  let context: BrowserContext;
  const errors: string[] = [];
  const warnings: string[] = [];

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(`${page.url()}: ${message.text()} ${JSON.stringify(message.location())}`);
      }
      if (message.type() === 'warning' && message.text().includes('GSI_LOGGER')) {
        warnings.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
  };
  const lastSelectBy = async () =>
    (
      await stack.db.query<{ select_by: string | null }>(
        `SELECT details->>'select_by' AS select_by FROM audit_events
          WHERE action = 'sign_in.succeeded' ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      )
    )[0]?.select_by;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    await fetch(`${stack.emulatorUrl}/__control/settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fedcm }),
    });
    browser = await launchChromium({ popupBlocker: true });
    context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
    context.on('page', watch);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in with the Google button and the account chooser, landing on /account', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    const button = page.frameLocator('#google-button iframe').getByRole('button');
    await button.waitFor();
    if (!fedcm) await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` });

    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    // A person reads the chooser before picking: the page's gesture has long expired by then.
    await chooser.waitForTimeout(5500);
    await chooser.getByRole('button', { name: /Alice Example/ }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => page.locator('#user-name').textContent()).toBe('Alice Example');
    await expect(page.locator('.details').textContent()).resolves.toContain('alice@example.com');
    if (!fedcm) await page.screenshot({ path: `${SCREENSHOTS}/account.png` });
    expect(await lastSelectBy()).toBe('btn');
    await page.close();
  });

  it('signs a returning user in with One Tap, without a click', async () => {
    await context.clearCookies({ name: '__Host-gk_session' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForURL(`${stack.apiUrl}/account`, { timeout: 15_000 });
    await expect.poll(() => page.locator('#user-name').textContent()).toBe('Alice Example');
    expect(await lastSelectBy()).toBe(auto);
    await page.close();
  });

  it('signs out onto a page that says so, and One Tap does not sign the user straight back in', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/account`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.apiUrl}/?signed_out=1`);
    await expect(page.locator('#signed-out').textContent()).resolves.toContain(
      'You are signed out',
    );
    // The One Tap card offers the account; nothing signs in without a click (FedCM's notice
    // would have signed in after 3 s).
    const oneTap = page.frameLocator('iframe[title="Sign in with Google Dialog"]');
    await oneTap.getByRole('button', { name: 'Continue as Alice' }).waitFor();
    await page.waitForTimeout(4000);
    expect(page.url()).toBe(`${stack.apiUrl}/?signed_out=1`);

    // A click on the card signs in again.
    await oneTap.getByRole('button', { name: 'Continue as Alice' }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    expect(await lastSelectBy()).toBe(fedcm ? 'fedcm' : 'user');
    await page.close();
  });

  it('signs the user in silently on a later visit after signing out', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/account`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.apiUrl}/?signed_out=1`);
    if (fedcm) {
      // FedCM signs in automatically at most once in ten minutes: clear the browser's memory
      // of the last automatic sign-in, as ten minutes passing would.
      await page.evaluate(() => localStorage.removeItem('g_fedcm_auto_sign_in_at'));
    }
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForURL(`${stack.apiUrl}/account`, { timeout: 15_000 });
    expect(await lastSelectBy()).toBe(auto);
    await page.close();
  });

  it('raises no CSP violation or script error on its pages, each loaded by this test', async () => {
    await expectPublicPagesFreeOfCspViolations(browser, stack);
  });

  it('raised no CSP violations or script errors in the tests above, and needed no moment notification', () => {
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

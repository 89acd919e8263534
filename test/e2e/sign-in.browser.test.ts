import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';

describe('Sign-in pages in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  let context: BrowserContext;
  const errors: string[] = [];

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        errors.push(`${page.url()}: ${message.text()} ${JSON.stringify(message.location())}`);
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
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
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` });

    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await chooser.getByRole('button', { name: /Alice Example/ }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => page.locator('#user-name').textContent()).toBe('Alice Example');
    await expect(page.locator('.details').textContent()).resolves.toContain('alice@example.com');
    await page.screenshot({ path: `${SCREENSHOTS}/account.png` });
    await page.close();
  });

  it('signs a returning user in with One Tap, without a click', async () => {
    await context.clearCookies({ name: '__Host-gk_session' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => page.locator('#user-name').textContent()).toBe('Alice Example');
    await page.close();
  });

  it('signs out, and One Tap does not sign the user straight back in', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/account`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.apiUrl}/`);
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(`${stack.apiUrl}/`);
    await page.close();
  });

  it('raises no CSP violations or script errors on the pages', () => {
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});

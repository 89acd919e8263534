import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';
import { chooseAccount } from '../support/browser-flows.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';

// The public pages in a German browser (Chromium's locale sets Accept-Language), and dark mode
// from the system setting on the public pages and the dashboard, in Chromium against the compiled
// api and emulator.
describe('Browser language and dark mode in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function newContext(options: Parameters<Browser['newContext']>[0]) {
    const context = await browser.newContext(options);
    context.on('page', (opened) => {
      opened.on('pageerror', (error) => problems.push(error.message));
    });
    return context;
  }

  /** Signs Alice in with Google's button on `/`; leaves the page on /account. */
  async function signInAlice(context: BrowserContext, page: Page): Promise<void> {
    await page.goto(`${stack.apiUrl}/`);
    await chooseAccount(context, page, /Alice Example/);
    await page.waitForURL(`${stack.apiUrl}/account`);
  }

  /** The relative luminance (0 black … 1 white) of the body's computed background. */
  const bodyLuminance = (page: Page) =>
    page.evaluate(() => {
      const [r, g, b] = (
        getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g) ?? []
      )
        .slice(0, 3)
        .map(Number);
      return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
    });

  it('shows the sign-in page and /account in German for a de-DE browser', async () => {
    const context = await newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.locator('h1').textContent()).resolves.toBe('Bei Grantkeeper anmelden');
    await expect(page.title()).resolves.toBe('Anmelden · Grantkeeper');
    // Google's button is asked for German (GsiButtonConfiguration `locale`, `hl` on its iframe).
    const frame = page.locator('#google-button iframe');
    await frame.waitFor();
    expect(new URL((await frame.getAttribute('src'))!).searchParams.get('hl')).toBe('de');
    await page
      .frameLocator('#google-button iframe')
      .getByRole('button', { name: 'Über Google anmelden' })
      .waitFor();

    await signInAlice(context, page);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await page.screenshot({ path: `${SCREENSHOTS}/account-de.png`, fullPage: true });
    await expect(page.locator('.profile .lead').textContent()).resolves.toBe(
      'Über Google angemeldet',
    );
    await expect(page.locator('#offline-access-title').textContent()).resolves.toBe(
      'Offline-Zugriff',
    );
    await expect(page.getByRole('button', { name: 'Abmelden' }).count()).resolves.toBe(1);
    await expect(
      page.getByRole('button', { name: 'Offline-Zugriff einschalten' }).count(),
    ).resolves.toBe(1);
    // account.js speaks German too: its words come from the page (data-messages).
    await page.goto(`${stack.apiUrl}/account?offline_access=denied`);
    await expect
      .poll(() => page.locator('#offline-access-error').textContent())
      .toBe('Sie haben bei Google abgebrochen; der Offline-Zugriff ist unverändert.');
    await context.close();
    expect(problems).toEqual([]);
  });

  it('keeps the pages English for an en-US browser', async () => {
    const context = await newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in to Grantkeeper');
    const frame = page.locator('#google-button iframe');
    await frame.waitFor();
    expect(new URL((await frame.getAttribute('src'))!).searchParams.get('hl')).toBe('en');
    await page
      .frameLocator('#google-button iframe')
      .getByRole('button', { name: 'Sign in with Google' })
      .waitFor();
    await context.close();
  });

  it('follows a dark system setting on /, /account and /admin/, and a light one', async () => {
    for (const colorScheme of ['dark', 'light'] as const) {
      const context = await newContext({ colorScheme, locale: 'en-GB' });
      const page = await context.newPage();
      const dark = colorScheme === 'dark';
      await page.goto(`${stack.apiUrl}/`);
      expect((await bodyLuminance(page)) < 0.2, `/ ${colorScheme}`).toBe(dark);
      await page.goto(`${stack.apiUrl}/admin/`);
      await page.waitForURL(/\/admin\/sign-in/);
      await page.frameLocator('#google-button iframe').getByRole('button').waitFor();
      expect((await bodyLuminance(page)) < 0.2, `/admin/ ${colorScheme}`).toBe(dark);
      await page.screenshot({ path: `${SCREENSHOTS}/admin-sign-in-${colorScheme}.png` });
      await signInAlice(context, page);
      expect((await bodyLuminance(page)) < 0.2, `/account ${colorScheme}`).toBe(dark);
      // Text stays readable: light ink on the dark card.
      const ink = await page.evaluate(() => getComputedStyle(document.body).color);
      await page.screenshot({ path: `${SCREENSHOTS}/account-${colorScheme}.png`, fullPage: true });
      expect(ink, `/account ink ${colorScheme}`).toBe(
        dark ? 'rgb(227, 227, 227)' : 'rgb(31, 31, 31)',
      );
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});

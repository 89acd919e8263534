import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';
import { expectPublicPagesFreeOfCspViolations } from '../support/public-pages-csp.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
/** A person reading Google's window: longer than the click's transient activation (5 s). */
const HUMAN_PAUSE_MS = 5500;

// The "Optional offline access" flow in Chromium against the compiled api and emulator: the GIS
// code client in a popup from /account, the consent screen's checkboxes, the switch-off, and the
// redirect flow (GET /auth/google) for pages without popups. The popup blocker is on and people
// pause in Google's windows, so a popup opened from anything but its own click would fail here.
describe('Offline access in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  const errors: string[] = [];

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    context.on('page', (page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
    });
    return context;
  };
  const grantOf = async (email: string) =>
    (
      await stack.db.query<{ status: string; scopes: string[] }>(
        `SELECT g.status, g.scopes FROM grants g JOIN users u ON u.id = g.user_id
          WHERE u.email = $1`,
        [email],
      )
    )[0];
  const calls = async (path: string) => {
    const response = await fetch(`${stack.emulatorUrl}/__control/calls?path=${path}`);
    return ((await response.json()) as { calls: unknown[] }).calls.length;
  };

  /** Signs in on / with the Google button and the chooser; returns the /account page. */
  async function signIn(context: BrowserContext, account: RegExp): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    const button = page.frameLocator('#google-button iframe').getByRole('button');
    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await chooser.waitForTimeout(HUMAN_PAUSE_MS);
    await chooser.getByRole('button', { name: account }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium({ popupBlocker: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('turns offline access on from /account with the code client popup', async () => {
    const context = await newContext();
    const page = await signIn(context, /Alice Example/);
    await expect(page.locator('#offline-access-status').getAttribute('data-status')).resolves.toBe(
      'none',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/account-offline-access-off.png` });

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Enable offline access' }).click(),
    ]);
    // Alice is signed in at "Google" already: straight to the consent screen.
    await popup.waitForTimeout(HUMAN_PAUSE_MS);
    await popup.getByRole('button', { name: 'Allow' }).click();

    await expect
      .poll(() => page.locator('#offline-access-status').getAttribute('data-status'))
      .toBe('active');
    await expect(page.locator('#offline-access-scopes').textContent()).resolves.toContain(
      'Send email as you',
    );
    expect(await grantOf('alice@example.com')).toMatchObject({ status: 'active' });
    expect((await grantOf('alice@example.com')).scopes).toContain(GMAIL_SEND);
    await page.screenshot({ path: `${SCREENSHOTS}/account-offline-access-on.png` });

    await page.getByRole('button', { name: 'Turn off offline access' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Turn off' }).click();
    await expect
      .poll(() => page.locator('#offline-access-status').getAttribute('data-status'))
      .toBe('revoked');
    expect(await calls('/revoke')).toBeGreaterThanOrEqual(1);
    expect((await grantOf('alice@example.com')).status).toBe('revoked');
    await context.close();
  });

  it('records only what the user left ticked on the consent screen', async () => {
    const context = await newContext();
    const page = await signIn(context, /Ada Admin/);
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Enable offline access' }).click(),
    ]);
    await popup.locator(`input[value="${GMAIL_SEND}"]`).uncheck();
    await popup.getByRole('button', { name: 'Allow' }).click();

    await expect.poll(() => page.locator('#offline-access-partial').count()).toBe(1);
    expect((await grantOf('admin@grantkeeper.test')).scopes).not.toContain(GMAIL_SEND);
    await context.close();
  });

  it('says what happened when Google’s window is closed, cancelled or blocked, and offers the next step', async () => {
    const context = await newContext();
    const page = await signIn(context, /Bob Builder/);
    const enable = page.getByRole('button', { name: 'Enable offline access' });
    const message = () => page.locator('#offline-access-error').textContent();

    const [closed] = await Promise.all([context.waitForEvent('page'), enable.click()]);
    await closed.close();
    await expect.poll(message).toContain('The Google window was closed before you finished');
    await expect(enable.isEnabled()).resolves.toBe(true);

    const [cancelled] = await Promise.all([context.waitForEvent('page'), enable.click()]);
    await cancelled.waitForTimeout(HUMAN_PAUSE_MS);
    await cancelled.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(message).toContain('You cancelled at Google; offline access is unchanged');

    // A click from a timer once the page has no gesture left: the browser blocks the window.
    // (Playwright's reads of the page count as gestures, hence no polling until it happened.)
    await page.evaluate(() => {
      const later = () => {
        if (navigator.userActivation.isActive) return void setTimeout(later, 250);
        document.getElementById('offline-access-enable')!.click();
      };
      setTimeout(later, 5000);
    });
    await page.waitForTimeout(8000);
    await expect(message()).resolves.toContain('could not be opened (pop-ups are blocked)');
    expect(context.pages()).toHaveLength(1);
    // The next step without a popup: the redirect flow in this window.
    await page.locator('#offline-access-redirect').click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect(page.locator('#offline-access-status').getAttribute('data-status')).resolves.toBe(
      'active',
    );
    await context.close();
    // Bob removes the app at Google, so the redirect flow below meets a first consent again.
    await fetch(`${stack.emulatorUrl}/__control/users/100000000000000000003/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  });

  it('signs in and grants offline access in one go through the redirect flow', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/auth/google`);
    await page.getByRole('button', { name: /Bob Builder/ }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => page.locator('#user-name').textContent()).toBe('Bob Builder');
    await expect(page.locator('#offline-access-status').getAttribute('data-status')).resolves.toBe(
      'active',
    );
    expect((await grantOf('bob@corp.example')).scopes).toContain(GMAIL_SEND);
    await context.close();
  });

  it('raises no CSP violation or script error on its pages, each loaded by this test', async () => {
    await expectPublicPagesFreeOfCspViolations(browser, stack);
  });

  it('raised no CSP violations or script errors on the pages in the tests above either', () => {
    expect(errors).toEqual([]);
  });
});

// OFFLINE_ACCESS=required: one custom button signs in and consents; a returning user whose
// grant died is signed in by One Tap and sent through consent again.
describe('Offline access required, in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  let context: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    stack = await startProcessStack({ OFFLINE_ACCESS: 'required' });
    browser = await launchChromium({ popupBlocker: true });
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    context.on('page', (page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const status = (page: Page) => page.locator('#offline-access-status').getAttribute('data-status');

  it('signs in and grants offline access with the one button', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    const button = page.getByRole('button', { name: 'Sign in with Google' });
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-offline-required.png` });

    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.waitForTimeout(HUMAN_PAUSE_MS);
    await popup.getByRole('button', { name: /Alice Example/ }).click();
    await popup.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => status(page)).toBe('active');
    await page.close();
  });

  it('sends a returning user whose grant died through consent again', async () => {
    await stack.db.query(`UPDATE grants SET status = 'revoked', revoked_at = now()`);
    await context.clearCookies({ name: '__Host-gk_session' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);

    // One Tap signs Alice in without a click, then the redirect flow asks for consent.
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${stack.apiUrl}/account`);
    await expect.poll(() => status(page)).toBe('active');
    const [grant] = await stack.db.query<{ status: string }>('SELECT status FROM grants');
    expect(grant.status).toBe('active');
    await page.close();
  });

  it('raises no CSP violation or script error on its pages, each loaded by this test', async () => {
    await expectPublicPagesFreeOfCspViolations(browser, stack);
  });

  it('raised no CSP violations or script errors on the pages in the tests above either', () => {
    expect(errors).toEqual([]);
  });
});

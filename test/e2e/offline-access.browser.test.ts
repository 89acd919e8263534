import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

// The "Optional offline access" flow in Chromium against the compiled api and emulator: the GIS
// code client in a popup from /account, the consent screen's checkboxes, the switch-off, and the
// redirect flow (GET /auth/google) for pages without popups.
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
    await chooser.getByRole('button', { name: account }).click();
    await page.waitForURL(`${stack.apiUrl}/account`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
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

  it('raises no CSP violations or script errors on the pages', () => {
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
    browser = await launchChromium();
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

  it('raises no CSP violations or script errors on the pages', () => {
    expect(errors).toEqual([]);
  });
});

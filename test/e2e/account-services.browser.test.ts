import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInWith,
  userIdOf,
} from '../support/admin-client.js';
import { ALICE_SUB } from '../support/api-under-test.js';
import { chooseAccount, enableOfflineAccess, watchProblems } from '../support/browser-flows.js';
import { launchChromium } from '../support/chromium.js';
import { GMAIL_SEND } from '../support/offline-access-client.js';
import { type ProcessStack, startProcessStack, targetOf } from '../support/process-stack.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';

// /account's "Services using your Google access" in Chromium against the compiled api and the
// emulator: a service that got a token for Alice is listed with its feature and count; she blocks
// it (after the confirmation says what it stops), its next call gets blocked_by_user; she
// unblocks it and it gets tokens again. Readable at a laptop's and a tablet's size, in dark mode
// and in German.
describe('/account: services using your Google access, in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let aliceId: string;
  let clientId: string;
  let key: string;
  const problems: string[] = [];

  const askForToken = () =>
    serviceCall<{ error?: string; access_token?: string }>(targetOf(stack), key, 'tokens', {
      user: { id: aliceId },
      scopes: [GMAIL_SEND],
      purpose: 'weekly-digest',
    });
  const entry = () => page.locator('.service', { hasText: 'Newsletter service' });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      timezoneId: 'Asia/Tokyo',
      locale: 'en-GB',
    });
    watchProblems(context, problems);
    page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await chooseAccount(context, page, /Alice Example/);
    await page.waitForURL(`${stack.apiUrl}/account`);
    await enableOfflineAccess(context, page);
    const api = targetOf(stack);
    aliceId = await userIdOf(api, ALICE_SUB);

    // An admin registers the service and gives it a key, as the dashboard would.
    const admin = await signInWith(api, {
      sub: 'services-e2e-admin',
      email: 'admin@grantkeeper.test',
    });
    clientId = await registerServiceClient(api, admin, 'Newsletter service');
    key = (await newServiceKey(api, admin, clientId)).key;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('says so while no service has asked', async () => {
    await page.reload();
    await expect
      .poll(() => page.locator('#services-empty').textContent())
      .toContain('No service has used or asked for your Google access yet');
    expect(await page.locator('.service').count()).toBe(0);
  });

  it('lists a service once it got a token for the user, with its feature, count and time', async () => {
    for (let i = 0; i < 2; i++) expect((await askForToken()).status).toBe(200);
    await page.reload();
    await expect.poll(() => entry().count()).toBe(1);
    const text = (await entry().textContent()) ?? '';
    expect(text).toContain('run by Growth');
    expect(text).toContain('For: Your weekly digest by email');
    expect(text).toContain('Given access 2 times');
    expect(await entry().getAttribute('data-blocked')).toBe('false');
    // In the viewer's own zone, labelled with it (Tokyo is UTC+9).
    await expect(entry().locator('time[data-local="minute"]').textContent()).resolves.toMatch(
      /GMT\+9$/,
    );
  });

  it('blocks it after saying what that stops; the service’s next call gets blocked_by_user', async () => {
    await entry().getByRole('button', { name: 'Block' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.textContent())
      .toContain('will no longer get your Google access');
    expect(await dialog.textContent()).toContain('Your offline access stays on');
    await page.screenshot({ path: `${SCREENSHOTS}/account-services-confirm-block.png` });
    await dialog.getByRole('button', { name: 'Keep it allowed' }).click();
    expect(await entry().getAttribute('data-blocked')).toBe('false');
    expect((await askForToken()).status).toBe(200);

    await entry().getByRole('button', { name: 'Block' }).click();
    await dialog.getByRole('button', { name: 'Block' }).click();
    await expect.poll(() => entry().getAttribute('data-blocked')).toBe('true');
    expect(await entry().locator('.service-state').textContent()).toContain('Blocked since');
    const refused = await askForToken();
    expect([refused.status, refused.body.error]).toEqual([403, 'blocked_by_user']);
    expect(refused.body.access_token).toBeUndefined();
    // Offline access itself is untouched.
    expect(await page.locator('#offline-access-status').getAttribute('data-status')).toBe('active');
    await page.reload();
    expect(await entry().textContent()).toContain('1 request refused');
    await page.screenshot({ path: `${SCREENSHOTS}/account-services-blocked.png`, fullPage: true });
  });

  it('is readable at 1366×768 and 768×1024, and in dark mode', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 768, height: 1024 },
    ]) {
      await page.setViewportSize(viewport);
      const box = (await entry().boundingBox())!;
      const card = (await page.locator('main.card').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(card.x);
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      // Body text at a readable size.
      const size = await entry()
        .locator('.service-usage')
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(size).toBeGreaterThanOrEqual(14);
      await page.screenshot({
        path: `${SCREENSHOTS}/account-services-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    const colours = () =>
      entry().evaluate((element) => {
        const style = getComputedStyle(element);
        const name = element.querySelector('.service-name')!;
        return { border: style.borderTopColor, ink: getComputedStyle(name).color };
      });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(dark.ink).not.toBe(light.ink);
    expect(dark.border).not.toBe(light.border);
    await page.screenshot({ path: `${SCREENSHOTS}/account-services-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('speaks German to a German browser', async () => {
    const german = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    await german.addCookies(await context.cookies());
    const seite = await german.newPage();
    await seite.goto(`${stack.apiUrl}/account`);
    const text = (await seite.locator('section.services').textContent()) ?? '';
    expect(text).toContain('Dienste, die Ihren Google-Zugriff nutzen');
    expect(text).toContain('Gesperrt');
    expect(await seite.getByRole('button', { name: 'Entsperren' }).count()).toBe(1);
    await german.close();
  });

  it('unblocks it: the service gets tokens again', async () => {
    await entry().getByRole('button', { name: 'Unblock' }).click();
    await expect.poll(() => entry().getAttribute('data-blocked')).toBe('false');
    const answer = await askForToken();
    expect(answer.status).toBe(200);
    expect(answer.body.access_token).toBeTruthy();
    await page.reload();
    expect(await entry().textContent()).toContain('Given access 4 times');
  });

  it('raised no CSP violations or script errors', () => {
    expect(problems.filter((problem) => !problem.includes('favicon'))).toEqual([]);
  });
});

// Steps the browser tests take on the public pages and at "Google" (the emulator's pages), and
// the console errors and script failures they collect on the way.
import type { BrowserContext, Page } from 'playwright-core';

/** Google's button (the emulator's GIS iframe) and the account chooser popup. */
export async function chooseAccount(
  context: BrowserContext,
  page: Page,
  account: RegExp,
): Promise<void> {
  const button = page.frameLocator('#google-button iframe').getByRole('button');
  const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
  await chooser.getByRole('button', { name: account }).click();
}

/**
 * On /account: "Enable offline access", "Allow" in Google's popup, and the status active within
 * `timeout` ms (Playwright's default when not given).
 */
export async function enableOfflineAccess(
  context: BrowserContext,
  page: Page,
  timeout?: number,
): Promise<void> {
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Enable offline access' }).click(),
  ]);
  await popup.getByRole('button', { name: 'Allow' }).click();
  await page.locator('#offline-access-status[data-status="active"]').waitFor({ timeout });
}

/** On the emulator's pages: picks Alice on the chooser and allows, whichever it shows. */
export async function throughGoogle(page: Page, until: RegExp): Promise<void> {
  for (let step = 0; step < 4 && !until.test(page.url()); step++) {
    const alice = page.getByRole('button', { name: /Alice Example/ });
    const allow = page.getByRole('button', { name: 'Allow' });
    await alice
      .or(allow)
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    if (until.test(page.url())) break;
    if (await alice.isVisible()) await alice.click();
    else if (await allow.isVisible()) await allow.click();
    await page.waitForLoadState();
  }
  await page.waitForURL(until);
}

/**
 * Collects into `problems` every console error (but those `ignore` matches) and script error of
 * the pages `context` opens from now on.
 */
export function watchProblems(
  context: BrowserContext,
  problems: string[],
  { ignore }: { ignore?: RegExp } = {},
): void {
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !ignore?.test(message.text())) {
        problems.push(`${page.url()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  });
}

import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';
import { chooseAccount } from '../support/browser-flows.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';

// The seed's example end to end in Chromium: a user signs in, picks news categories, enables
// offline access, and the scheduler (cron every second here) mails them a digest through the
// emulator's Gmail API.
describe('News digest in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack({
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      TASK_SWEEP_CRON: '* * * * * *',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('mails the chosen categories once offline access and the digest are on', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 1100 } });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await chooseAccount(context, page, /Alice Example/);
    await page.waitForURL(`${stack.apiUrl}/account`);

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Enable offline access' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(() => page.locator('#offline-access-status').getAttribute('data-status'))
      .toBe('active');

    await page.getByLabel('Science').check();
    await page.getByLabel('Sports').check();
    await page.getByLabel('Email me the digest').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('#news-digest-status').getAttribute('data-enabled'))
      .toBe('true');

    await expect
      .poll(
        async () => {
          const response = await fetch(`${stack.emulatorUrl}/__control/gmail/messages`);
          return ((await response.json()) as { messages: Array<{ to: string; raw: string }> })
            .messages;
        },
        { timeout: 20_000 },
      )
      .toHaveLength(1);
    const response = await fetch(`${stack.emulatorUrl}/__control/gmail/messages`);
    const [message] = ((await response.json()) as { messages: Array<{ to: string; raw: string }> })
      .messages;
    expect(message.to).toBe('alice@example.com');
    expect(message.raw).toContain('[Science]');
    expect(message.raw).toContain('[Sports]');
    expect(message.raw).not.toContain('[Business]');

    await page.reload();
    await expect(page.locator('#news-digest-status').textContent()).resolves.toMatch(/Last sent/);
    await page.screenshot({ path: `${SCREENSHOTS}/account-news-digest.png`, fullPage: true });
    await context.close();
  });
});

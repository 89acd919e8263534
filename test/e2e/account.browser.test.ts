import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { request } from '../support/http-client.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';
import { expectPublicPagesFreeOfCspViolations } from '../support/public-pages-csp.js';
import { chooseAccount } from '../support/browser-flows.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024 },
  { width: 360, height: 740 },
];

// /account as its user sees it, in Chromium against the compiled api and emulator (scheduler on,
// every second): partial consent and the one-scope grant that resumes the digest, a failing
// digest that says so, the confirmation before switching off, an admin's revoke with its
// reason, the settings disabled while offline access is off, and the signed-out page.
describe('/account in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const status = () => page.locator('#offline-access-status').getAttribute('data-status');
  const digest = () => page.locator('#news-digest-status');

  /** A session of the bootstrap admin, signed in with a Google ID token. */
  async function adminSession(): Promise<{ name: string; value: string }> {
    const minted = await request<{ id_token: string }>(`${stack.emulatorUrl}/__control/id-token`, {
      json: {
        claims: { sub: 'account-e2e-admin', email: 'admin@grantkeeper.test', email_verified: true },
      },
    });
    const admin = await request(`${stack.apiUrl}/auth/google/id-token`, {
      json: { credential: minted.body.id_token },
    });
    const [name, value] = /([\w-]*gk_session)=([^;]+)/
      .exec(admin.headers.get('set-cookie') ?? '')!
      .slice(1);
    return { name: name, value: value };
  }
  const aliceId = async () =>
    (
      await stack.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        'alice@example.com',
      ])
    )[0].id;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack({
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      TASK_SWEEP_CRON: '* * * * * *',
    });
    browser = await launchChromium();
    // A viewer far from UTC, so a time left in UTC would show.
    context = await browser.newContext({
      viewport: VIEWPORTS[0],
      timezoneId: 'Asia/Tokyo',
      locale: 'en-GB',
    });
    context.on('page', (opened) => {
      opened.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${opened.url()}: ${message.text()}`);
      });
      opened.on('pageerror', (error) => problems.push(error.message));
    });
    page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await chooseAccount(context, page, /Alice Example/);
    await page.waitForURL(`${stack.apiUrl}/account`);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("shows times in the viewer's own time zone, labelled, with UTC on hover", async () => {
    const since = page.locator('time[data-local="day"]').first();
    const iso = (await since.getAttribute('datetime'))!;
    const tokyo = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tokyo' });
    await expect(since.textContent()).resolves.toBe(tokyo.format(new Date(iso)));
    await expect(since.getAttribute('title')).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
    );
  });

  it('disables the digest settings, saying why, while offline access is off', async () => {
    expect(await status()).toBe('none');
    expect(await page.getByLabel('Science').isDisabled()).toBe(true);
    expect(await page.locator('#news-digest-save').isDisabled()).toBe(true);
    await expect
      .poll(() => page.locator('#news-digest-needs-offline').textContent())
      .toContain('while offline access is off');
  });

  it('offers the missing scope alone after a partial consent; granting it lets the digest run', async () => {
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Enable offline access' }).click(),
    ]);
    await popup.locator(`input[value="${GMAIL_SEND}"]`).uncheck();
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(status).toBe('active');
    const partial = page.locator('#offline-access-partial');
    await expect.poll(() => partial.textContent()).toContain('news digest');
    // The digest switched on without the scope it needs pauses, and says what would resume it.
    await page.getByLabel('Science').check();
    await page.getByLabel('Email me the digest').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => digest().getAttribute('data-enabled')).toBe('true');
    await expect
      .poll(
        async () => {
          await page.reload();
          return digest().getAttribute('data-state');
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('paused');
    const paused = (await digest().textContent()) ?? '';
    expect(paused).toContain('permission to send email');
    expect(paused).toContain('It resumes once you grant that permission');
    expect(paused).not.toContain('turn offline access');
    await page.screenshot({ path: `${SCREENSHOTS}/account-partial-consent.png`, fullPage: true });

    const [again] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Grant the missing permission' }).click(),
    ]);
    // Only the missing scope is asked for, and the grant keeps the others.
    const asked = new URL(again.url());
    expect(asked.searchParams.get('scope')).toBe(GMAIL_SEND);
    expect(asked.searchParams.get('include_granted_scopes')).toBe('true');
    await again.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => partial.count()).toBe(0);
    await expect
      .poll(() => page.locator('#offline-access-scopes').textContent())
      .toContain('Send email as you');

    // At once, not at the next sweep: the page no longer says paused; the sweep resumes it.
    expect(await digest().getAttribute('data-health')).not.toBe('paused');
    await expect
      .poll(
        async () => {
          const response = await fetch(`${stack.emulatorUrl}/__control/gmail/messages`);
          return ((await response.json()) as { messages: unknown[] }).messages.length;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
  });

  it('says a digest failed, and why in plain words, instead of "last sent"', async () => {
    await fetch(`${stack.emulatorUrl}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/gmail/v1/*', status: 401, times: 0 }),
    });
    // Off and on again: the digest runs at once, and Gmail refuses it.
    for (const on of [false, true]) {
      await page.getByLabel('Email me the digest').setChecked(on);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => digest().getAttribute('data-enabled')).toBe(String(on));
    }
    await expect
      .poll(
        async () => {
          await page.reload();
          return digest().getAttribute('data-health');
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('failing');
    const text = (await digest().textContent()) ?? '';
    expect(text).toContain('the last run failed');
    expect(text).toContain('Google refused Grantkeeper’s access');
    expect(text).not.toContain('Last sent');
    // When it failed, in the viewer's zone and labelled with it (Tokyo is UTC+9).
    await expect(digest().locator('time[data-local="minute"]').textContent()).resolves.toMatch(
      /GMT\+9$/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/account-digest-failing.png`, fullPage: true });

    // The dashboard says the same: the user's task is failing, the run's error in words.
    const dashboard = await browser.newContext({ viewport: VIEWPORTS[0] });
    const admin = await dashboard.newPage();
    await admin.goto(`${stack.apiUrl}/`);
    await chooseAccount(dashboard, admin, /Ada Admin/);
    await admin.waitForURL(`${stack.apiUrl}/account`);
    await admin.goto(`${stack.apiUrl}/admin/users/${await aliceId()}`);
    const health = admin.locator('[data-health]').first();
    await expect
      .poll(() => health.getAttribute('data-health'), { timeout: 15_000 })
      .toBe('failing');
    expect(await admin.locator('body').textContent()).toContain('Google refused the access token');
    await admin.goto(`${stack.apiUrl}/admin/jobs`);
    await expect
      .poll(() => admin.locator('body').textContent(), { timeout: 15_000 })
      .toContain('Google refused the access token (gmail_token_refused)');
    await dashboard.close();
    await fetch(`${stack.emulatorUrl}/__control/faults`, { method: 'DELETE' });
  });

  it('asks before switching offline access off, and then says who switched it off', async () => {
    await page.getByRole('button', { name: 'Turn off offline access' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('news digest is no longer sent');
    await page.screenshot({ path: `${SCREENSHOTS}/account-confirm-off.png` });
    await dialog.getByRole('button', { name: 'Keep it on' }).click();
    expect(await status()).toBe('active');

    await page.getByRole('button', { name: 'Turn off offline access' }).click();
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(status).toBe('revoked');
    expect(await page.locator('#offline-access-off-reason').textContent()).toContain(
      'You switched it off',
    );
    // Paused, and the text fits the state: offline access is off now.
    await expect.poll(() => digest().textContent()).toMatch(/Paused: offline access is off/);
    expect(await page.locator('#news-digest-save').isDisabled()).toBe(true);
  });

  it('shows an admin’s revoke with its reason and date', async () => {
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Enable offline access' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(status).toBe('active');
    expect(await digest().textContent()).not.toContain('turn offline access on');

    const { name, value } = await adminSession();
    const id = (
      await stack.db.query<{ id: string }>('SELECT id FROM grants WHERE user_id = $1', [
        await aliceId(),
      ])
    )[0].id;
    const revoked = await request(`${stack.apiUrl}/api/admin/grants/${id}/revoke`, {
      json: { reason: 'Left the project' },
      cookies: { [name]: value },
      headers: { 'x-requested-with': 'XmlHttpRequest', origin: stack.apiUrl },
    });
    expect(revoked.status).toBe(200);

    await page.reload();
    expect(await status()).toBe('revoked');
    const reason = (await page.locator('#offline-access-off-reason').textContent()) ?? '';
    expect(reason).toContain('An administrator turned it off on');
    expect(reason).toContain('Left the project');
    await page.screenshot({ path: `${SCREENSHOTS}/account-admin-revoked.png`, fullPage: true });
  });

  it('has margins around the card at every width', async () => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => window.scrollTo(0, 0));
      const card = (await page.locator('main.card').boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(8);
      expect(viewport.width - (card.x + card.width)).toBeGreaterThanOrEqual(8);
      expect(card.y).toBeGreaterThanOrEqual(8);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({
        path: `${SCREENSHOTS}/account-${viewport.width}x${viewport.height}.png`,
        fullPage: true,
      });
    }
    await page.setViewportSize(VIEWPORTS[0]);
  });

  it('confirms the sign-out, and signing in again does not happen on its own', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.apiUrl}/?signed_out=1`);
    await expect
      .poll(() => page.locator('#signed-out').textContent())
      .toContain('You are signed out');
    await page.screenshot({ path: `${SCREENSHOTS}/account-signed-out.png` });
    // The session is over: /account sends this browser to the sign-in page.
    const account = await context.request.get(`${stack.apiUrl}/account`, { maxRedirects: 0 });
    expect(account.status()).toBe(302);
    // The signed-out page offers sign-in but does not sign the user straight back in.
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(`${stack.apiUrl}/?signed_out=1`);
  });

  it('raises no CSP violation or script error on its pages, each loaded by this test', async () => {
    await expectPublicPagesFreeOfCspViolations(browser, stack);
  });

  it('raised no CSP violations or script errors in the tests above either', () => {
    expect(problems.filter((problem) => !problem.includes('favicon'))).toEqual([]);
  });
});

// The emulator's Google Identity Services client in a real browser: a page on one localhost
// origin loads /gsi/client from the emulator on another, as a site loads accounts.google.com's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningEmulator,
  startEmulator,
} from '../../apps/google-emulator/src/emulator.app.js';
import { emulatorConfig } from '../../apps/google-emulator/src/emulator.config.js';
import { DEFAULT_TEST_USER } from '../../apps/google-emulator/src/test-users.js';
import { launchChromium } from '../support/chromium.js';

const CLIENT_ID = 'gsi-e2e.apps.googleusercontent.com';

interface CredentialResponse {
  credential: string;
  select_by: string;
  clientId: string;
}

interface Moment {
  type: string;
  displayed: boolean | null;
  reason: string | null;
}

const payloadOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;

/** A site page: initialize + renderButton + prompt, the credential written into #credential. */
function sitePage(emulatorUrl: string, options: Record<string, unknown>): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>GIS site</title>
<script>
window.moments = [];
window.onGoogleLibraryLoad = function () {
  var id = google.accounts.id;
  id.initialize(Object.assign({
    client_id: ${JSON.stringify(CLIENT_ID)},
    nonce: 'nonce-e2e',
    not_a_gis_option: true,
    callback: function (response) {
      document.getElementById('credential').textContent = JSON.stringify(response);
    },
  }, ${JSON.stringify(options)}));
  id.renderButton(document.getElementById('button'), { theme: 'outline', size: 'large' });
  id.prompt(function (n) {
    window.moments.push({
      type: n.getMomentType(),
      displayed: n.isDisplayMoment() ? n.isDisplayed() : null,
      reason: n.getNotDisplayedReason() || n.getSkippedReason() || n.getDismissedReason() || null,
    });
  });
};
</script>
<script src="${emulatorUrl}/gsi/client" async></script>
</head><body><div id="button"></div><pre id="credential"></pre></body></html>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** GIS redirect mode's login_uri: echoes the form post and the g_csrf_token cookie. */
async function login(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const fields = Object.fromEntries(new URLSearchParams(await readBody(request)));
  const cookie = /(?:^|; )g_csrf_token=([^;]*)/.exec(request.headers.cookie ?? '')?.[1] ?? null;
  const result = { fields, cookie, contentType: request.headers['content-type'] };
  response.writeHead(200, { 'content-type': 'text/html' });
  response.end(`<pre id="result">${JSON.stringify(result).replace(/</g, '\\u003c')}</pre>`);
}

describe('GIS client (google.accounts.id) against the emulator', () => {
  let site: Server;
  let siteUrl: string;
  let emulator: RunningEmulator;
  let browser: Browser;
  let context: BrowserContext;

  const credentialOn = async (page: Page): Promise<CredentialResponse> => {
    const text = page.locator('#credential');
    await expect.poll(() => text.textContent(), { timeout: 10_000 }).not.toBe('');
    return JSON.parse((await text.textContent()) ?? '') as CredentialResponse;
  };
  const momentsOn = (page: Page) =>
    page.evaluate(() => (window as unknown as { moments: Moment[] }).moments);
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`${siteUrl}${path}`);
    return page;
  };

  beforeAll(async () => {
    const pages: Record<string, Record<string, unknown>> = {
      '/popup': { auto_select: true, ux_mode: 'popup' },
      '/manual': { auto_select: false },
      '/fedcm': { auto_select: true, use_fedcm_for_prompt: true },
      '/redirect': { ux_mode: 'redirect', login_uri: '' },
    };
    site = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/login')
        return void login(request, response);
      const options = pages[request.url ?? ''];
      if (!options) return void response.writeHead(404).end();
      if (request.url === '/redirect') options.login_uri = `${siteUrl}/login`;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(sitePage(emulator.url, options));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
    emulator = await startEmulator(
      emulatorConfig({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecret: 'secret',
            javascriptOrigins: [siteUrl],
            redirectUris: [`${siteUrl}/login`],
          },
        ],
      }),
    );
    browser = await launchChromium({ popupBlocker: true });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  afterEach(async () => {
    await context?.close();
  });

  it('signs in with the button and chooser popup, then One Tap signs the returning user in', async () => {
    context = await browser.newContext();
    const page = await open('/popup');
    // No Google session yet: One Tap is not displayed, and says why.
    await expect
      .poll(() => momentsOn(page))
      .toEqual([{ type: 'display', displayed: false, reason: 'opt_out_or_no_session' }]);
    await expect(page.locator('#credential_picker_container').count()).resolves.toBe(0);

    const button = page
      .frameLocator('iframe[title="Sign in with Google Button"]')
      .getByRole('button', {
        name: 'Sign in with Google',
      });
    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    const chooserClosed = chooser.waitForEvent('close');
    await chooser.getByRole('button', { name: /Alice Example.*alice@example\.com/ }).click();
    await chooserClosed;
    const signedIn = await credentialOn(page);
    expect(signedIn).toMatchObject({ select_by: 'btn', clientId: CLIENT_ID });
    expect(payloadOf(signedIn.credential)).toMatchObject({
      sub: DEFAULT_TEST_USER.sub,
      aud: CLIENT_ID,
      nonce: 'nonce-e2e',
      iss: 'https://accounts.google.com',
    });

    // A fresh page load: One Tap with auto_select signs the returning user in without a click.
    await page.reload();
    const returning = await credentialOn(page);
    expect(returning.select_by).toBe('auto');
    expect(payloadOf(returning.credential).sub).toBe(DEFAULT_TEST_USER.sub);
    await expect
      .poll(() => momentsOn(page))
      .toEqual([{ type: 'dismissed', displayed: null, reason: 'credential_returned' }]);
  });

  it('does not auto-select after disableAutoSelect(), until the user picks the account again', async () => {
    context = await browser.newContext();
    const first = await open('/popup');
    const button = first
      .frameLocator('iframe[title="Sign in with Google Button"]')
      .getByRole('button');
    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await chooser.getByRole('button', { name: /Alice Example/ }).click();
    await credentialOn(first);
    await first.evaluate(() => google.accounts.id.disableAutoSelect());
    expect((await context.cookies(siteUrl)).find((c) => c.name === 'g_state')).toBeDefined();

    const page = await open('/popup');
    const oneTap = page.frameLocator('iframe[title="Sign in with Google Dialog"]');
    await expect(oneTap.getByRole('heading').textContent()).resolves.toMatch(
      /^Sign in to localhost:\d+ with Google$/,
    );
    // The card was displayed: the emulator chose not to auto-select (it would have answered
    // with the credential instead of a card).
    await expect
      .poll(() => momentsOn(page))
      .toEqual([{ type: 'display', displayed: true, reason: null }]);
    await expect(page.locator('#credential').textContent()).resolves.toBe('');

    await oneTap.getByRole('button', { name: 'Continue as Alice' }).click();
    const chosen = await credentialOn(page);
    expect(chosen.select_by).toBe('user');
    expect(payloadOf(chosen.credential).sub).toBe(DEFAULT_TEST_USER.sub);
    await expect(page.locator('#credential_picker_container').count()).resolves.toBe(0);

    // Choosing the account again lifted disableAutoSelect().
    const again = await open('/popup');
    expect((await credentialOn(again)).select_by).toBe('auto');
  });

  it('reports a skipped moment when the user closes One Tap', async () => {
    context = await browser.newContext();
    const first = await open('/popup');
    const button = first
      .frameLocator('iframe[title="Sign in with Google Button"]')
      .getByRole('button');
    const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await chooser.getByRole('button', { name: /Ada Admin/ }).click();
    await credentialOn(first);

    const page = await open('/manual');
    await page
      .frameLocator('iframe[title="Sign in with Google Dialog"]')
      .getByRole('button', { name: 'Close' })
      .click();
    await expect
      .poll(() => momentsOn(page))
      .toEqual([
        { type: 'display', displayed: true, reason: null },
        { type: 'skipped', displayed: null, reason: 'user_cancel' },
      ]);
    await expect(page.locator('#credential_picker_container').count()).resolves.toBe(0);
  });

  describe('with the browser running One Tap through FedCM (setting fedcm)', () => {
    const setFedcm = (fedcm: boolean) =>
      fetch(`${emulator.url}/__control/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fedcm }),
      });
    beforeAll(() => setFedcm(true));
    afterAll(() => setFedcm(false));

    /** Alice signs in once with the button, so she is a returning user for this site. */
    async function returningAlice(): Promise<void> {
      const first = await open('/fedcm');
      const button = first
        .frameLocator('iframe[title="Sign in with Google Button"]')
        .getByRole('button');
      const [chooser] = await Promise.all([context.waitForEvent('page'), button.click()]);
      await chooser.getByRole('button', { name: /Alice Example/ }).click();
      await credentialOn(first);
      await first.close();
    }

    it('signs a returning user in as fedcm_auto after a cancellable notice, with no display moment', async () => {
      context = await browser.newContext();
      await returningAlice();
      const page = await open('/fedcm');
      const oneTap = page.frameLocator('iframe[title="Sign in with Google Dialog"]');
      await expect(oneTap.getByRole('status').textContent()).resolves.toBe(
        'Signing you in as Alice…',
      );
      const startedAt = Date.now();
      // Not yet: the notice stays for a moment the user could cancel in.
      await expect(page.locator('#credential').textContent()).resolves.toBe('');
      const auto = await credentialOn(page);
      expect(Date.now() - startedAt).toBeGreaterThan(1500);
      expect(auto.select_by).toBe('fedcm_auto');
      expect(payloadOf(auto.credential).sub).toBe(DEFAULT_TEST_USER.sub);
      // FedCM removed the display moment: only the dismissed one reaches the page.
      expect(await momentsOn(page)).toEqual([
        { type: 'dismissed', displayed: null, reason: 'credential_returned' },
      ]);

      // Within ten minutes of an automatic sign-in, One Tap is shown instead; a click is fedcm.
      const again = await open('/fedcm');
      await again
        .frameLocator('iframe[title="Sign in with Google Dialog"]')
        .getByRole('button', { name: 'Continue as Alice' })
        .click();
      expect((await credentialOn(again)).select_by).toBe('fedcm');
      expect(await momentsOn(again)).toEqual([
        { type: 'dismissed', displayed: null, reason: 'credential_returned' },
      ]);
    });

    it('lets the user cancel the automatic sign-in: a skipped moment without its reason', async () => {
      context = await browser.newContext();
      await returningAlice();
      const page = await open('/fedcm');
      await page
        .frameLocator('iframe[title="Sign in with Google Dialog"]')
        .getByRole('button', { name: 'Cancel' })
        .click();
      await expect
        .poll(() => momentsOn(page))
        .toEqual([{ type: 'skipped', displayed: null, reason: null }]);
      await page.waitForTimeout(3500);
      await expect(page.locator('#credential').textContent()).resolves.toBe('');
      await expect(page.locator('#credential_picker_container').count()).resolves.toBe(0);
    });

    it('keeps the iframe One Tap for a page that did not opt in with use_fedcm_for_prompt', async () => {
      context = await browser.newContext();
      await returningAlice();
      const page = await open('/popup');
      expect((await credentialOn(page)).select_by).toBe('auto');
    });
  });

  it('form-posts the credential and g_csrf_token (equal to the cookie) to login_uri in redirect mode', async () => {
    context = await browser.newContext();
    const page = await open('/redirect');
    await page
      .frameLocator('iframe[title="Sign in with Google Button"]')
      .getByRole('button')
      .click();
    await page.waitForURL(new RegExp(`^${emulator.url}/gsi/select\\?.*ux_mode=redirect`));
    await page.getByRole('button', { name: /Alice Example/ }).click();
    await page.waitForURL(`${siteUrl}/login`);
    const result = JSON.parse((await page.locator('#result').textContent()) ?? '') as {
      fields: Record<string, string>;
      cookie: string | null;
      contentType: string;
    };
    expect(result.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.keys(result.fields).sort()).toEqual(['credential', 'g_csrf_token', 'select_by']);
    expect(result.fields.select_by).toBe('btn');
    expect(result.cookie).toMatch(/^[0-9a-f]{32}$/);
    expect(result.fields.g_csrf_token).toBe(result.cookie);
    expect(payloadOf(result.fields.credential ?? '')).toMatchObject({
      sub: DEFAULT_TEST_USER.sub,
      aud: CLIENT_ID,
      nonce: 'nonce-e2e',
    });
  });
});

declare const google: { accounts: { id: { disableAutoSelect(): void } } };

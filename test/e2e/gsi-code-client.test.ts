// The emulator's GIS code client (google.accounts.oauth2.initCodeClient) and its authorization
// pages in a real browser: a page on one localhost origin opens the emulator's popup on another.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningEmulator,
  startEmulator,
} from '../../apps/google-emulator/src/emulator.app.js';
import { emulatorConfig } from '../../apps/google-emulator/src/emulator.config.js';
import { launchChromium } from '../support/chromium.js';

const CLIENT_ID = 'code-e2e.apps.googleusercontent.com';
const SECRET = 'code-secret';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

/** A site page: one code client, its results written into #result and #error. */
function sitePage(emulatorUrl: string, options: Record<string, unknown>): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Code client site</title>
<script>
window.onGoogleLibraryLoad = function () {
  window.codeClient = google.accounts.oauth2.initCodeClient(Object.assign({
    client_id: ${JSON.stringify(CLIENT_ID)},
    scope: 'openid email ${GMAIL_SEND}',
    state: 'st-1',
    callback: function (response) {
      window.granted = google.accounts.oauth2.hasGrantedAllScopes(response, 'email', '${GMAIL_SEND}');
      document.getElementById('result').textContent = JSON.stringify(response);
    },
    error_callback: function (error) {
      document.getElementById('error').textContent = JSON.stringify(error);
    },
  }, ${JSON.stringify(options)}));
  document.getElementById('connect').disabled = false;
};
</script>
<script src="${emulatorUrl}/gsi/client" async></script>
</head><body><button id="connect" disabled onclick="codeClient.requestCode()">Connect</button>
<pre id="result"></pre><pre id="error"></pre></body></html>`;
}

describe('GIS code client (google.accounts.oauth2) against the emulator', () => {
  let site: Server;
  let siteUrl: string;
  let emulator: RunningEmulator;
  let browser: Browser;
  let context: BrowserContext;

  const textOf = async (page: Page, selector: string) => {
    const text = page.locator(selector);
    await expect.poll(() => text.textContent(), { timeout: 10_000 }).not.toBe('');
    return JSON.parse((await text.textContent()) ?? '') as Record<string, string>;
  };
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`${siteUrl}${path}`);
    await expect.poll(() => page.locator('#connect').isEnabled()).toBe(true);
    return page;
  };
  const openPopup = async (page: Page) => {
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.waitForLoadState();
    // A person reads Google's window (popup blocker on): longer than the click's activation.
    await popup.waitForTimeout(5500);
    return popup;
  };
  const exchange = async (code: string, redirectUri = 'postmessage') => {
    const response = await fetch(`${emulator.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: CLIENT_ID,
        client_secret: SECRET,
        redirect_uri: redirectUri,
      }),
    });
    return (await response.json()) as Record<string, string>;
  };

  beforeAll(async () => {
    site = createServer((request, response) => {
      const path = (request.url ?? '').split('?', 1)[0];
      const pages: Record<string, Record<string, unknown>> = {
        '/popup': { ux_mode: 'popup' },
        '/redirect': { ux_mode: 'redirect', redirect_uri: `${siteUrl}/callback` },
      };
      if (path === '/callback') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return void response.end('<p>callback</p>');
      }
      const options = pages[path ?? ''];
      if (!options) return void response.writeHead(404).end();
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
            clientSecret: SECRET,
            javascriptOrigins: [siteUrl],
            redirectUris: [`${siteUrl}/callback`],
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

  it('returns a code for the scopes left ticked on the consent screen, via postMessage', async () => {
    context = await browser.newContext();
    const page = await open('/popup');
    const popup = await openPopup(page);
    expect(popup.url()).toMatch(/redirect_uri=postmessage/);
    expect(popup.url()).toMatch(/access_type=offline/);
    await popup.getByRole('button', { name: /Alice Example/ }).click();
    await popup.getByRole('checkbox', { name: /gmail\.send/ }).uncheck();
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Allow' }).click();
    await closed;

    const response = await textOf(page, '#result');
    expect(response).toMatchObject({ authuser: '0', prompt: 'consent', state: 'st-1' });
    expect(response.scope?.split(' ')).toContain('email');
    expect(response.scope?.split(' ')).not.toContain(GMAIL_SEND);
    await expect(
      page.evaluate(() => (window as unknown as { granted: boolean }).granted),
    ).resolves.toBe(false);
    const tokens = await exchange(response.code ?? '');
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.scope).not.toContain(GMAIL_SEND);
  });

  it('reports a cancelled consent to the callback as access_denied', async () => {
    context = await browser.newContext();
    const page = await open('/popup');
    const popup = await openPopup(page);
    await popup.getByRole('button', { name: /Ada Admin/ }).click();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await textOf(page, '#result')).toEqual({ error: 'access_denied', state: 'st-1' });
  });

  it('reports a popup closed by the user to error_callback', async () => {
    context = await browser.newContext();
    const page = await open('/popup');
    const popup = await openPopup(page);
    await popup.close();
    expect(await textOf(page, '#error')).toMatchObject({ type: 'popup_closed' });
    await expect(page.locator('#result').textContent()).resolves.toBe('');
  });

  it('reports a blocked popup to error_callback', async () => {
    context = await browser.newContext();
    const page = await open('/popup');
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.click('#connect');
    expect(await textOf(page, '#error')).toMatchObject({ type: 'popup_failed_to_open' });
  });

  it('navigates to the authorization page in redirect mode and comes back with code and state', async () => {
    context = await browser.newContext();
    const page = await open('/redirect');
    await page.click('#connect');
    await page.waitForURL(new RegExp(`^${emulator.url}/o/oauth2/v2/auth\\?`));
    await page.getByRole('button', { name: /Alice Example/ }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(new RegExp(`^${siteUrl}/callback\\?`));
    const back = new URL(page.url());
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('scope')?.split(' ')).toContain(GMAIL_SEND);
    const tokens = await exchange(back.searchParams.get('code') ?? '', `${siteUrl}/callback`);
    expect(tokens.access_token).toMatch(/^ya29\./);
  });
});

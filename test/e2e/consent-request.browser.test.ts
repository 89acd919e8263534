import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE_SUB } from '../support/api-under-test.js';
import {
  newServiceKey,
  registerServiceClient,
  serviceCall,
  signInAdmin,
  signInWith,
  userIdOf,
} from '../support/admin-client.js';
import { throughGoogle, watchProblems } from '../support/browser-flows.js';
import { launchChromium } from '../support/chromium.js';
import {
  authorizationCode,
  BOB_SUB,
  GMAIL_SEND,
  postCode,
} from '../support/offline-access-client.js';
import { type ProcessStack, startProcessStack, targetOf } from '../support/process-stack.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';
const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const DRIVE = 'https://www.googleapis.com/auth/drive.readonly';

interface Answer {
  status?: string;
  error?: string;
  consent_url?: string;
  consent_request_id?: string;
  id?: string;
  url?: string;
  access_token?: string;
}

// A service asks for a scope the user never granted, against the compiled api and emulator in
// Chromium: insufficient_scope with a consent link; the user opens it signed out, signs in at
// "Google", continues to Google's consent for just that scope, and the service's next token
// request succeeds. Then "Not now" back to the service, and a request opened by another user.
describe('Consent requests in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  let key: string;
  let aliceId: string;
  let bobId: string;
  const errors: string[] = [];

  const service = (path: string, body?: unknown) =>
    serviceCall<Answer>(targetOf(stack), key, path, body);
  const tokenFor = (userId: string, scopes: string[]) =>
    service('tokens', { user: { id: userId }, scopes, purpose: 'weekly-digest' });
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    watchProblems(context, errors);
    return context;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium({ popupBlocker: true });
    const api = targetOf(stack);
    const admin = await signInAdmin(api);
    const clientId = await registerServiceClient(api, admin, 'newsletter', {
      allowedScopes: [GMAIL_SEND, CALENDAR, DRIVE],
      returnOrigins: [stack.apiUrl],
    });
    key = (await newServiceKey(api, admin, clientId)).key;
    // Alice granted offline access with gmail.send only; Bob has an account here.
    const alice = await signInWith(api, { sub: ALICE_SUB });
    expect((await postCode(api, alice, await authorizationCode(api))).status).toBe(200);
    await signInWith(api, { sub: BOB_SUB, email: 'bob@corp.example', name: 'Bob Builder' });
    aliceId = await userIdOf(api, ALICE_SUB);
    bobId = await userIdOf(api, BOB_SUB);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('takes the user from insufficient_scope through Google to a token the service gets', async () => {
    const refused = await tokenFor(aliceId, [GMAIL_SEND, CALENDAR]);
    expect([refused.status, refused.body.error]).toEqual([403, 'insufficient_scope']);
    const link = refused.body.consent_url!;
    expect(link).toBe(`${stack.apiUrl}/consent/${refused.body.consent_request_id}`);

    const context = await newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    await throughGoogle(page, new RegExp(`/consent/${refused.body.consent_request_id}$`));
    await expect.poll(() => page.locator('#consent-service').textContent()).toContain('newsletter');
    await expect(page.locator('#consent-feature').textContent()).resolves.toContain(
      'Your weekly digest by email',
    );
    await expect(page.locator(`li[data-scope="${CALENDAR}"]`).textContent()).resolves.toContain(
      '(new)',
    );

    await page.screenshot({ path: `${SCREENSHOTS}/consent-request.png` });

    const [authorize] = await Promise.all([
      page.waitForRequest((sent) => sent.url().startsWith(`${stack.emulatorUrl}/o/oauth2/v2/auth`)),
      page.getByRole('button', { name: 'Continue to Google' }).click(),
    ]);
    await page.waitForURL(new RegExp(`^${stack.emulatorUrl}`));
    const asked = new URL(authorize.url()).searchParams;
    expect(asked.get('scope')!.split(' ')).toContain(CALENDAR);
    expect(asked.get('scope')!.split(' ')).not.toContain(GMAIL_SEND);
    expect([asked.get('include_granted_scopes'), asked.get('access_type')]).toEqual([
      'true',
      'offline',
    ]);
    await throughGoogle(page, new RegExp(`/consent/${refused.body.consent_request_id}$`));
    await expect
      .poll(() => page.locator('#consent-outcome').getAttribute('data-status'))
      .toBe('completed');

    const state = await service(`consent-requests/${refused.body.consent_request_id}`);
    expect(state.body.status).toBe('completed');
    const token = await tokenFor(aliceId, [GMAIL_SEND, CALENDAR]);
    expect(token.status).toBe(200);
    expect(token.body.access_token).toBeTruthy();
    await context.close();
  });

  it('sends the user back to the service on "Not now", and the request says declined', async () => {
    const asked = await service('consent-requests', {
      user: { id: aliceId },
      scopes: [DRIVE],
      purpose: 'weekly-digest',
      return_url: `${stack.apiUrl}/account`,
    });
    expect(asked.status).toBe(201);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(asked.body.url!);
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    await throughGoogle(page, new RegExp(`/consent/${asked.body.id}$`));
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.waitForURL(
      `${stack.apiUrl}/account?consent_request=${asked.body.id}&status=declined`,
    );
    expect((await service(`consent-requests/${asked.body.id}`)).body.status).toBe('declined');
    await context.close();
  });

  it("tells a user who opens someone else's request so, and nothing about it", async () => {
    const asked = await service('consent-requests', {
      user: { id: bobId },
      scopes: [CALENDAR],
      purpose: 'weekly-digest',
    });
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(asked.body.url!);
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    await throughGoogle(page, new RegExp(`/consent/${asked.body.id}$`));
    await expect(page.locator('#consent-wrong-user').isVisible()).resolves.toBe(true);
    await expect(page.locator('main').textContent()).resolves.not.toContain('newsletter');
    await expect(page.getByRole('button', { name: 'Continue to Google' }).count()).resolves.toBe(0);
    expect((await service(`consent-requests/${asked.body.id}`)).body.status).toBe('pending');
    await context.close();
    expect(errors).toEqual([]);
  });
});

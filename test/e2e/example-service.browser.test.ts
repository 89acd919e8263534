import { mkdirSync } from 'node:fs';
import { freePort } from '@grantkeeper/database';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newServiceKey,
  registerServiceClient,
  signInWith,
  userIdOf,
} from '../support/admin-client.js';
import { ALICE_SUB } from '../support/api-under-test.js';
import {
  chooseAccount,
  enableOfflineAccess,
  throughGoogle,
  watchProblems,
} from '../support/browser-flows.js';
import { launchChromium } from '../support/chromium.js';
import { request } from '../support/http-client.js';
import { GMAIL_SEND } from '../support/offline-access-client.js';
import {
  type ProcessStack,
  type RunningProcess,
  runNode,
  startProcessStack,
  targetOf,
  waitFor,
} from '../support/process-stack.js';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '.data/screenshots';
const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';

interface SentMessage {
  sub: string;
  to: string | undefined;
  subject: string | undefined;
  raw: string;
}

interface DigestAnswer {
  status?: string;
  error?: string;
  missing_scopes?: string[];
  consent_url?: string | null;
  scopes?: string[];
  message_id?: string;
  disclosure_id?: string;
}

// A consumer that is not us, end to end: the compiled example digest service (its own process,
// nothing but its API key and the typed client) wants Alice's agenda in her digest, a scope she
// never granted. It answers 409 consent_needed and keeps the link; Alice follows it from the
// service's own page, allows calendar.readonly at "Google", lands back on that page (the service
// registered its origin as return origin and asks with return_url), and the service's next
// digest goes out through the emulator's Gmail with the agenda. /account then lists it.
describe('The example digest service, for a user in Chromium', () => {
  let stack: ProcessStack;
  let example: RunningProcess;
  let exampleUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let aliceId: string;
  const problems: string[] = [];

  const sendDigest = (json: Record<string, unknown>) =>
    request<DigestAnswer>(`${exampleUrl}/digests/${aliceId}/send`, { json });
  const mailbox = async () =>
    (await request<{ messages: SentMessage[] }>(`${stack.emulatorUrl}/__control/gmail/messages`))
      .body.messages;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    watchProblems(context, problems);

    // Alice signs in with Google and switches offline access on: gmail.send only.
    page = await context.newPage();
    await page.goto(`${stack.apiUrl}/`);
    await chooseAccount(context, page, /Alice Example/);
    await page.waitForURL(`${stack.apiUrl}/account`);
    await enableOfflineAccess(context, page);
    const api = targetOf(stack);
    aliceId = await userIdOf(api, ALICE_SUB);

    // An admin registers the example service, its own origin as return origin, and a key.
    const examplePort = await freePort();
    exampleUrl = `http://localhost:${examplePort}`;
    const admin = await signInWith(api, {
      sub: 'example-e2e-admin',
      email: 'admin@grantkeeper.test',
    });
    const clientId = await registerServiceClient(api, admin, 'Example digest', {
      team: 'Examples',
      contact: 'examples@example.com',
      allowedScopes: [GMAIL_SEND, CALENDAR],
      returnOrigins: [exampleUrl],
    });
    const newKey = await newServiceKey(api, admin, clientId);

    // The compiled example service, as `npm start` runs it: only what another team's has.
    example = runNode('dist/apps/example-service/src/main.js', {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      EXAMPLE_SERVICE_PORT: String(examplePort),
      EXAMPLE_SERVICE_PUBLIC_URL: exampleUrl,
      GRANTKEEPER_URL: stack.apiUrl,
      GRANTKEEPER_API_KEY: newKey.key,
      GMAIL_BASE_URL: stack.emulatorUrl,
    });
    await waitFor(`${exampleUrl}/health`, example);
  });
  afterAll(async () => {
    await browser?.close();
    await example?.stop();
    await stack?.stop();
  });

  it('answers consent_needed for the agenda and holds the consent link for Alice', async () => {
    const refused = await sendDigest({
      to: 'alice@example.com',
      name: 'Alice',
      include_agenda: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'consent_needed', missing_scopes: [CALENDAR] });
    expect(refused.body.consent_url).toMatch(new RegExp(`^${stack.apiUrl}/consent/[0-9a-f-]{36}$`));
    expect(await mailbox()).toEqual([]);
    const held = await request<{ pending_consent: { consent_url: string } | null }>(
      `${exampleUrl}/users/${aliceId}`,
    );
    expect(held.body.pending_consent?.consent_url).toBe(refused.body.consent_url);
    // The request it holds brings Alice back to the service's page.
    const id = refused.body.consent_url!.split('/').pop()!;
    const [row] = await stack.db.query<{ return_url: string | null; status: string }>(
      'SELECT return_url, status FROM consent_requests WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ return_url: `${exampleUrl}/users/${aliceId}`, status: 'pending' });
  });

  it('takes Alice from the service’s page through Google’s consent back to it', async () => {
    const link = (
      await request<{ pending_consent: { consent_url: string } }>(`${exampleUrl}/users/${aliceId}`)
    ).body.pending_consent.consent_url;
    const id = link.split('/').pop()!;
    await page.goto(`${exampleUrl}/users/${aliceId}`);
    await expect(page.locator('body').textContent()).resolves.toContain(CALENDAR);
    await page.screenshot({ path: `${SCREENSHOTS}/example-service-consent-needed.png` });
    await page.getByRole('link', { name: 'Review and allow it' }).click();
    await page.waitForURL(link);
    // Signed in already: the page names the service, its feature and the new scope.
    await expect
      .poll(() => page.locator('#consent-service').textContent())
      .toContain('Example digest');
    await expect(page.locator('#consent-feature').textContent()).resolves.toContain(
      'Your weekly digest by email',
    );
    await expect(page.locator(`li[data-scope="${CALENDAR}"]`).textContent()).resolves.toContain(
      '(new)',
    );
    await page.getByRole('button', { name: 'Continue to Google' }).click();
    await page.waitForURL(new RegExp(`^${stack.emulatorUrl}`));
    await throughGoogle(page, new RegExp(`^${exampleUrl}/`));
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(`${exampleUrl}/users/${aliceId}`);
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      consent_request: id,
      status: 'completed',
    });
    await expect(page.locator('#consent-answer').getAttribute('data-status')).resolves.toBe(
      'completed',
    );
    expect(await page.locator('#consent-link').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/example-service-back.png` });
    const [grant] = await stack.db.query<{ scopes: string[] }>(
      'SELECT scopes FROM grants WHERE user_id = $1',
      [aliceId],
    );
    expect(grant.scopes).toEqual(expect.arrayContaining([GMAIL_SEND, CALENDAR]));
  });

  it('sends the digest with the agenda on its next call, through the emulator’s Gmail', async () => {
    const sent = await sendDigest({ to: 'alice@example.com', name: 'Alice', include_agenda: true });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    expect(sent.body.scopes).toEqual(expect.arrayContaining([GMAIL_SEND, CALENDAR]));
    const messages = await mailbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ sub: ALICE_SUB, to: 'alice@example.com' });
    expect(messages[0].subject).toMatch(/^Your weekly digest \(\d{4}-\d{2}-\d{2}\)$/);
    expect(messages[0].raw).toContain('Hello Alice,');
    expect(messages[0].raw).toContain('Your agenda:');
    const [disclosure] = await stack.db.query<{ user_id: string; purpose: string }>(
      'SELECT user_id, purpose FROM disclosures WHERE id::text = $1',
      [sent.body.disclosure_id],
    );
    expect(disclosure).toEqual({ user_id: aliceId, purpose: 'weekly-digest' });
    // Nothing is waiting for Alice any more.
    const user = await request<{ pending_consent: unknown; last_digest: { message_id: string } }>(
      `${exampleUrl}/users/${aliceId}`,
    );
    expect(user.body.pending_consent).toBeNull();
    expect(user.body.last_digest.message_id).toBe(sent.body.message_id);
  });

  it('is listed on /account with what it was given and its feature', async () => {
    await page.goto(`${stack.apiUrl}/account`);
    const entry = page.locator('.service', { hasText: 'Example digest' });
    await expect.poll(() => entry.count()).toBe(1);
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('run by Examples');
    expect(text).toContain('For: Your weekly digest by email');
    expect(text).toContain('Given access once');
    expect(text).toContain('1 request refused');
    expect(await entry.getAttribute('data-blocked')).toBe('false');
    await page.screenshot({ path: `${SCREENSHOTS}/example-service-account.png`, fullPage: true });
  });

  it('raised no CSP violations or script errors on any of those pages', () => {
    // The service's page has no favicon to fetch (`data:,`), so not even a 404 is excused.
    expect(problems).toEqual([]);
    // Its API key never reached its output.
    expect(example.output()).not.toMatch(/gk_test_\w{20,}/);
  });
});

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdOf } from '../support/admin-client.js';
import { ALICE_SUB } from '../support/api-under-test.js';
import { chooseAccount, enableOfflineAccess, watchProblems } from '../support/browser-flows.js';
import { launchChromium } from '../support/chromium.js';
import { type ProcessStack, startProcessStack, targetOf } from '../support/process-stack.js';

// `npm run admin:screenshots` writes them to docs/screenshots (committed); `npm test` to .data/,
// so a test run leaves the working tree clean.
const SCREENSHOTS = process.env.ADMIN_SCREENSHOT_DIR ?? '.data/screenshots';
const LAPTOP = { width: 1366, height: 900 };
const TABLET = { width: 768, height: 1024 };
// The machine is shared: give polled conditions more than Vitest's default second.
const WAIT = { timeout: 15_000, interval: 100 };
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

// The Angular dashboard at /admin/ against the compiled api and emulator: a user grants offline
// access on the public pages, the bootstrap admin signs in with Google's button at /admin/,
// finds them, revokes their grant with a reason, and the revoke shows everywhere it should.
describe('Admin dashboard in Chromium', () => {
  let stack: ProcessStack;
  let browser: Browser;
  const problems: string[] = [];

  const newContext = async (viewport = LAPTOP): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport });
    // CSP violations and script errors; failed fetches are the pages' own business (shown).
    watchProblems(context, problems, { ignore: /Failed to load resource/ });
    return context;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/admin-${name}.png`, fullPage: true });
  const adminId = async () =>
    (
      await stack.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        'admin@grantkeeper.test',
      ])
    )[0].id;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startProcessStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves index.html for deep links, hashed assets with a long cache', async () => {
    const index = await fetch(`${stack.apiUrl}/admin/users/00000000-0000-0000-0000-000000000000`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const nonce = /ngcspnonce="([^"]+)"/i.exec(html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(index.headers.get('content-security-policy')).toContain(`style-src 'nonce-${nonce}'`);
    const script = /src="(main-[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${stack.apiUrl}/admin/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${stack.apiUrl}/admin/missing-file.js`)).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/admin`, { redirect: 'manual' })).status).toBe(301);
  });

  it('lets the admin find a user, revoke their grant with a reason, and see it audited', async () => {
    // Alice signs in on the public page and turns offline access on.
    const alice = await newContext();
    const account = await alice.newPage();
    await account.goto(`${stack.apiUrl}/`);
    await chooseAccount(alice, account, /Alice Example/);
    await account.waitForURL(`${stack.apiUrl}/account`);
    await enableOfflineAccess(alice, account, WAIT.timeout);

    // The bootstrap admin signs in at /admin/.
    const admin = await newContext();
    const page = await admin.newPage();
    await page.goto(`${stack.apiUrl}/admin/`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.frameLocator('#google-button iframe').getByRole('button').waitFor();
    await shot(page, 'sign-in');
    await chooseAccount(admin, page, /Ada Admin/);
    await page.waitForURL(`${stack.apiUrl}/admin/overview`);
    await expect.poll(() => page.locator('#signed-in-as').textContent(), WAIT).toContain('admin@');
    await page.locator('gk-overview-page gk-chart canvas').first().waitFor();
    // Headline numbers above the charts; a chart with nothing to draw says so.
    await expect(page.getByTestId('headline-live-grants').textContent()).resolves.toContain('1');
    await expect(page.getByTestId('no-data').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'overview');

    // Users: search by email, open Alice.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email, name or Google sub').fill('alice@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('link', { name: 'alice@example.com' });
    await shot(page, 'users');
    await expect.poll(() => row.count(), WAIT).toBe(1);
    // The search is in the URL: it survives Back from the user's page.
    expect(new URL(page.url()).searchParams.get('q')).toBe('alice@example.com');
    await row.click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await page.goBack();
    await expect.poll(() => row.count(), WAIT).toBe(1);
    await expect(page.getByLabel('Email, name or Google sub').inputValue()).resolves.toBe(
      'alice@example.com',
    );
    await row.click();
    await expect
      .poll(() => page.locator('#user-grant-status').textContent(), WAIT)
      .toContain('active');
    await shot(page, 'user-detail');

    // Her grant: revoke with a reason through the dialog.
    await page.getByRole('link', { name: 'Open grant' }).click();
    await expect.poll(() => page.locator('#grant-status').textContent(), WAIT).toContain('active');
    await shot(page, 'grant-detail');
    await page.getByRole('button', { name: 'Revoke grant…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason (for the audit log)').fill('Left the company');
    await shot(page, 'revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.locator('#grant-status').textContent(), WAIT).toContain('revoked');
    await expect.poll(() => page.locator('#revoke-result').count(), WAIT).toBe(1);

    // Alice's page shows offline access off; "Google" saw the revoke.
    await account.reload();
    await expect(
      account.locator('#offline-access-status').getAttribute('data-status'),
    ).resolves.toBe('revoked');
    const calls = (await (
      await fetch(`${stack.emulatorUrl}/__control/calls?path=/revoke`)
    ).json()) as { calls: unknown[] };
    expect(calls.calls.length).toBeGreaterThanOrEqual(1);

    // The audit log names the admin as the actor.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const revoked = page.locator('.audit-event[data-action="offline_access.revoked"]').first();
    await revoked.waitFor();
    // People by email, the id on hover; the event as a sentence, its JSON one click away.
    await expect(revoked.locator('.actor').textContent()).resolves.toBe(
      'admin admin@grantkeeper.test',
    );
    await expect(revoked.locator('.actor').getAttribute('title')).resolves.toBe(
      `admin:${await adminId()}`,
    );
    await expect(revoked.locator('.sentence').textContent()).resolves.toContain(
      "revoked alice@example.com's grant: “Left the company”",
    );
    await expect(revoked.locator('details pre').isVisible()).resolves.toBe(false);
    const exchanged = page.locator('.audit-event[data-action="offline_access.code_exchanged"]');
    await expect(exchanged.first().locator('.actor').textContent()).resolves.toBe(
      'alice@example.com',
    );
    await expect(
      page.locator('.audit-event .actor', { hasText: 'anonymous' }).count(),
    ).resolves.toBe(0);
    await shot(page, 'audit');
    // Oldest first, kept in the URL: Alice's code exchange now comes before the admin's revoke.
    await expect(page.locator('.list-count').textContent()).resolves.toMatch(
      /events? (shown|in all)/,
    );
    await page.getByLabel('Order').click();
    await page.getByRole('option', { name: 'Oldest first' }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/order=asc/);
    const actionsInOrder = () =>
      page
        .locator('.audit-event')
        .evaluateAll((events) => events.map((e) => e.getAttribute('data-action')));
    await expect
      .poll(async () => {
        const actions = await actionsInOrder();
        return (
          actions.indexOf('offline_access.code_exchanged') >= 0 &&
          actions.indexOf('offline_access.code_exchanged') <
            actions.indexOf('offline_access.revoked')
        );
      }, WAIT)
      .toBe(true);

    // Users sort by last sign-in too; the header says how, the URL keeps it.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: /^Last sign-in/ }).click();
    await page.waitForURL(/sort=last_sign_in_at/);
    await expect(
      page.getByRole('columnheader', { name: /Last sign-in/ }).getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    await page.getByRole('button', { name: /^Last sign-in/ }).click();
    await page.waitForURL(/order=asc/);
    await expect(
      page.getByRole('columnheader', { name: /Last sign-in/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');

    // The other pages render too.
    await page.getByRole('link', { name: 'Grants' }).click();
    await page.getByRole('table', { name: 'Grants' }).waitFor();
    // Scopes by short name, the full URL on hover; a column header sorts, and the URL says so.
    await expect(
      page
        .locator('td .scope', { hasText: /^gmail\.send$/ })
        .first()
        .getAttribute('title'),
    ).resolves.toBe('https://www.googleapis.com/auth/gmail.send');
    await page.getByRole('button', { name: /^Last used/ }).click();
    await page.waitForURL(/sort=last_used_at/);
    await expect(
      page.getByRole('columnheader', { name: /Last used/ }).getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    await shot(page, 'grants');
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Failed jobs' }).waitFor();
    await page.locator('gk-jobs-page mat-progress-bar').waitFor({ state: 'detached' });
    await shot(page, 'jobs');
    // A key version past a quarter of AES-GCM's 2^32 bound: the page says to rotate.
    await stack.db.query(`UPDATE vault_key_versions SET encryptions = encryptions + $1`, [2 ** 30]);
    await page.getByRole('link', { name: 'Vault keys' }).click();
    await page.locator('#active-version').waitFor();
    // Nothing waits on an older key: "Start re-wrap" is not the page's main action.
    await expect(page.locator('#rewrap-progress').textContent()).resolves.toContain(
      'nothing to re-wrap',
    );
    await expect(page.locator('#start-rewrap').getAttribute('class')).resolves.toContain(
      'mat-mdc-outlined-button',
    );
    await expect(page.locator('#rotate-soon').textContent()).resolves.toMatch(
      /Key version 1 has made over a quarter of the 2³² encryptions/,
    );
    await expect(page.locator('td.encryptions').first().textContent()).resolves.toMatch(
      /1,073,74\d,\d{3}\s+\(25% of 2³²\)\s*rotate soon/,
    );
    await shot(page, 'vault');

    // At tablet width the side nav folds into a menu.
    await page.setViewportSize(TABLET);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Users' }).waitFor();
    await page.locator('.mat-drawer-backdrop.mat-drawer-shown').waitFor({ state: 'detached' });
    await page.waitForTimeout(400); // the drawer's closing transition
    await shot(page, 'users-tablet');
    // The grants table scrolls sideways at this width: its last column is reachable.
    await page.goto(`${stack.apiUrl}/admin/grants`);
    const table = page.getByRole('table', { name: 'Grants' });
    await table.waitFor();
    const lastUsed = page.getByRole('columnheader', { name: /Last used/ });
    await lastUsed.scrollIntoViewIfNeeded();
    await expect(lastUsed.isVisible()).resolves.toBe(true);
    await shot(page, 'grants-tablet');
    await page.goto(`${stack.apiUrl}/admin/overview`);
    await page.getByTestId('headline-users').waitFor();
    await shot(page, 'overview-tablet');
    // An address with no page says so, inside the dashboard, instead of redirecting.
    await page.goto(`${stack.apiUrl}/admin/no-such-page`);
    await expect
      .poll(() => page.locator('#not-found-message').textContent(), WAIT)
      .toContain('/admin/no-such-page');
    expect(page.url()).toBe(`${stack.apiUrl}/admin/no-such-page`);
    await admin.close();
    await alice.close();
  });

  it('tells a signed-in user who is not an admin so', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/admin/users`);
    await page.waitForURL(/\/admin\/sign-in/);
    await chooseAccount(context, page, /Bob Builder/);
    await page.waitForURL(`${stack.apiUrl}/admin/not-admin`);
    await expect
      .poll(() => page.locator('#not-admin-message').textContent(), WAIT)
      .toContain('bob@corp.example');
    await expect(page.getByRole('heading', { name: 'You are not an admin' }).count()).resolves.toBe(
      1,
    );
    await shot(page, 'not-admin');
    await context.close();
  });

  it("lets the admin end one of a user's sessions from their page, and only that one", async () => {
    // Bob signs in on the public pages in two browsers.
    const browsers = [await newContext(), await newContext()];
    for (const context of browsers) {
      const account = await context.newPage();
      await account.goto(`${stack.apiUrl}/`);
      await chooseAccount(context, account, /Bob Builder/);
      await account.waitForURL(`${stack.apiUrl}/account`);
    }
    const signedIn = async (context: BrowserContext) =>
      (await context.request.get(`${stack.apiUrl}/api/v1/me`)).status();
    const [bobId] = (
      await stack.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
        'bob@corp.example',
      ])
    ).map((row) => row.id);
    const liveSessions = () =>
      stack.db.query<{ id: string }>(
        `SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL
          ORDER BY created_at DESC, id DESC`,
        [bobId],
      );
    const [newest, older] = await liveSessions();
    expect(older).toBeDefined();

    const admin = await newContext();
    const page = await admin.newPage();
    await page.goto(`${stack.apiUrl}/admin/users/${bobId}`);
    await page.waitForURL(/\/admin\/sign-in/);
    await chooseAccount(admin, page, /Ada Admin/);
    await page.waitForURL(/\/admin\/(overview|users)/);
    await page.goto(`${stack.apiUrl}/admin/users/${bobId}`);
    const sessions = page.locator('li.session');
    await expect.poll(() => sessions.count(), WAIT).toBeGreaterThanOrEqual(2);
    const before = await sessions.count();

    // The newest session first: its End button, confirmed in the dialog.
    await sessions
      .first()
      .getByRole('button', { name: /^End the session on / })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('the other sessions stay');
    await dialog.getByRole('button', { name: 'End session' }).click();

    await expect.poll(() => sessions.count(), WAIT).toBe(before - 1);
    expect((await liveSessions()).map((row) => row.id)).not.toContain(newest.id);
    expect((await liveSessions()).map((row) => row.id)).toContain(older.id);
    // The second browser signed in last: it is signed out, the first one is not.
    expect(await signedIn(browsers[1])).toBe(401);
    expect(await signedIn(browsers[0])).toBe(200);
    await page.getByRole('link', { name: 'Audit log' }).click();
    const ended = page.locator('.audit-event[data-action="admin.session_revoked"]').first();
    await expect
      .poll(() => ended.locator('.sentence').textContent(), WAIT)
      .toBe('Admin admin@grantkeeper.test ended a session of bob@corp.example');
    await admin.close();
    for (const context of browsers) await context.close();
  });

  it('lets the admin register a service, give it a key shown once, and read its disclosures', async () => {
    // Alice has offline access (again, after the revoke above) with gmail.send.
    const alice = await newContext();
    const account = await alice.newPage();
    await account.goto(`${stack.apiUrl}/`);
    await chooseAccount(alice, account, /Alice Example/);
    await account.waitForURL(`${stack.apiUrl}/account`);
    await enableOfflineAccess(alice, account, WAIT.timeout);
    const aliceId = await userIdOf(targetOf(stack), ALICE_SUB);

    const admin = await newContext();
    const page = await admin.newPage();
    await page.goto(`${stack.apiUrl}/admin/service-clients`);
    await page.waitForURL(/\/admin\/sign-in/);
    await chooseAccount(admin, page, /Ada Admin/);
    await page.waitForURL(/\/admin\/(overview|service-clients)/);
    const nav = page.getByRole('navigation', { name: 'Admin sections' });
    await nav.getByRole('link', { name: 'Service clients' }).click();
    await page.locator('#no-clients').waitFor();

    // Register it; the API's 400 shows under the field it is about.
    await page.getByRole('link', { name: 'New service client' }).click();
    await page.getByLabel('Name').fill('newsletter');
    await page.getByLabel('Team').fill('Growth');
    await page.getByLabel('Contact').fill('growth@example.com');
    await page.getByLabel('Allowed Google scopes').fill('gmail.send');
    await page.getByLabel('Purpose id').fill('weekly-digest');
    await page.getByLabel('Feature, as users read it').fill('Your weekly digest');
    await page.getByLabel('IP allowlist').fill('not-an-address');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect
      .poll(() => page.locator('[data-error-for="ipAllowlist"]').textContent(), WAIT)
      .toContain('IPv4 or IPv6 address or CIDR block');
    await shot(page, 'service-client-new');
    await page.getByLabel('IP allowlist').fill('');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/admin\/service-clients\/[0-9a-f-]{36}$/);
    const clientId = new URL(page.url()).pathname.split('/').pop()!;
    await page.locator('#no-keys').waitFor();

    // A key: its secret shown once, with a warning and a copy button.
    await page.getByRole('button', { name: 'Make a key' }).click();
    const secret = page.locator('#new-key-secret');
    await secret.waitFor();
    const key = (await secret.textContent())!;
    expect(key).toMatch(/^gk_test_[0-9A-Za-z]{71}$/);
    await expect(page.locator('#new-key [role="alert"]').textContent()).resolves.toContain(
      'shown this once',
    );
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.locator('mat-snack-bar-container').waitFor();
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    await shot(page, 'service-client-key');
    await page.locator('mat-snack-bar-container').getByRole('button', { name: 'OK' }).click();

    // Gone once the admin navigates away: the list, then the client's page again.
    await nav.getByRole('link', { name: 'Service clients' }).click();
    const row = page.getByRole('link', { name: 'newsletter' });
    await row.waitFor();
    await expect(page.locator('td.active-keys').textContent()).resolves.toContain('1');
    await expect(page.locator('td .scope').first().textContent()).resolves.toBe('gmail.send');
    await shot(page, 'service-clients');
    await row.click();
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    expect(await page.locator('#new-key').count()).toBe(0);
    expect(await page.content()).not.toContain(key.slice(8));
    await shot(page, 'service-client-detail');

    // The service asks for Alice's token with it, once for a purpose it has, once for another.
    const tokens = (purpose: string, bearer = key) =>
      fetch(`${stack.apiUrl}/api/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: aliceId }, scopes: [GMAIL_SEND], purpose }),
      });
    const issued = await tokens('weekly-digest');
    expect(issued.status).toBe(200);
    const { access_token: token } = (await issued.json()) as { access_token: string };
    const refused = await tokens('something-else');
    expect(refused.status).toBe(403);

    // Both are on the client's disclosures, the token by its fingerprint only.
    await page.getByRole('link', { name: 'Its disclosures' }).click();
    await page.waitForURL(new RegExp(`/admin/disclosures\\?client=${clientId}$`));
    const rows = page.locator('tr.disclosure');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const given = page.locator('tr.disclosure', { has: page.locator('[data-outcome="issued"]') });
    await expect(given.locator('td.user').textContent()).resolves.toContain('alice@example.com');
    await expect(given.locator('.fingerprint').isVisible()).resolves.toBe(false);
    await given.getByText('More').click();
    const fingerprint = `sha256:${createHash('sha256').update(token).digest('base64url')}`;
    await expect(given.locator('.fingerprint').textContent()).resolves.toBe(fingerprint);
    expect(await page.content()).not.toContain(token);
    await shot(page, 'disclosures');

    // By refusal code, in the URL; the CSV link exports the same filter.
    await page.getByLabel('Refusal code').fill('purpose_not_allowed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/refusal=purpose_not_allowed/);
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('purpose_not_allowed');
    const href = (await page.locator('#disclosures-csv').getAttribute('href'))!;
    expect(href).toContain(`clientId=${clientId}`);
    expect(href).toContain('refusal=purpose_not_allowed');
    const csv = await admin.request.get(`${stack.apiUrl}${href}`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('purpose_not_allowed');

    // From Alice's page to her disclosures, by email.
    await page.goto(`${stack.apiUrl}/admin/users/${aliceId}`);
    await page.locator('#user-disclosures').click();
    await page.waitForURL(/\/admin\/disclosures\?user=alice(%40|@)example\.com$/);
    // The refusal came before any user was looked up: only the token given is hers.
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    await expect(rows.first().locator('[data-outcome]').getAttribute('data-outcome')).resolves.toBe(
      'issued',
    );
    await expect(page.getByLabel('User email').inputValue()).resolves.toBe('alice@example.com');

    // At tablet width both pages stay usable: the tables scroll sideways.
    await page.setViewportSize(TABLET);
    await page.goto(`${stack.apiUrl}/admin/disclosures?client=${clientId}`);
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await shot(page, 'disclosures-tablet');
    await page.goto(`${stack.apiUrl}/admin/service-clients/${clientId}`);
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    await shot(page, 'service-client-detail-tablet');
    await page.setViewportSize(LAPTOP);

    // Its limits: the defaults, then its own; an empty field goes back to the default.
    const limits = page.locator('#limits-in-force');
    await expect.poll(() => limits.textContent(), WAIT).toMatch(/\(the default\)/);
    await page.getByLabel('Calls per minute').fill('120');
    await page.getByRole('button', { name: 'Set limits' }).click();
    await expect.poll(() => limits.textContent(), WAIT).toMatch(/120\s*\(its own\)/);
    const [limitsRow] = await stack.db.query<{ per_minute: number | null }>(
      'SELECT per_minute FROM service_client_controls WHERE client_id = $1',
      [clientId],
    );
    expect(limitsRow.per_minute).toBe(120);

    // The kill switch: no token while it is on, with the admin's reason; resumed, tokens again.
    const reasonOf = async (response: Response) => {
      const body = (await response.json()) as { error?: string; switch?: string; reason?: string };
      return [response.status, body.error, body.switch, body.reason];
    };
    await page.getByRole('button', { name: 'Stop issuing tokens…' }).click();
    const stopDialog = page.getByRole('dialog');
    await stopDialog.getByLabel('Reason (for the audit log)').fill('Incident 42: tokens in a log');
    await stopDialog.getByRole('button', { name: 'Stop issuing tokens' }).click();
    const banner = page.locator('#kill-switch-on');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('Reason: Incident 42: tokens in a log');
    expect(await banner.getByRole('link', { name: 'an admin' }).getAttribute('href')).toBe(
      `/admin/users/${await adminId()}`,
    );
    await page.locator('mat-snack-bar-container').getByRole('button', { name: 'OK' }).click();
    await shot(page, 'service-client-stopped');
    await expect(reasonOf(await tokens('weekly-digest'))).resolves.toEqual([
      403,
      'issuance_stopped',
      'client',
      'Incident 42: tokens in a log',
    ]);
    await page.getByRole('button', { name: 'Resume issuance' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Resume issuance' }).click();
    await expect.poll(() => banner.count(), WAIT).toBe(0);
    expect((await tokens('weekly-digest')).status).toBe(200);

    // A scope's switch, on the list page: stops the scope for every client, until cleared.
    await nav.getByRole('link', { name: 'Service clients' }).click();
    await page.locator('#no-scope-switches').waitFor();
    await page.getByLabel('Scope to stop (gmail.send or its URL)').fill('gmail.send');
    await page.getByRole('button', { name: 'Stop a scope…' }).click();
    const scopeDialog = page.getByRole('dialog');
    await scopeDialog.getByLabel('Reason (for the audit log)').fill('Gmail sending abused');
    await scopeDialog.getByRole('button', { name: 'Stop the scope' }).click();
    const stopped = page.getByRole('table', { name: 'Stopped scopes' });
    await expect.poll(() => stopped.textContent(), WAIT).toContain('Gmail sending abused');
    await expect(stopped.locator('td').first().textContent()).resolves.toContain('gmail.send');
    await page.locator('mat-snack-bar-container').getByRole('button', { name: 'OK' }).click();
    await shot(page, 'scope-kill-switches');
    await expect(reasonOf(await tokens('weekly-digest'))).resolves.toEqual([
      403,
      'issuance_stopped',
      'scope',
      'Gmail sending abused',
    ]);
    await page.getByRole('button', { name: 'Clear the switch of gmail.send' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
    await page.locator('#no-scope-switches').waitFor();
    expect((await tokens('weekly-digest')).status).toBe(200);
    await page.getByRole('link', { name: 'newsletter' }).click();
    await page.getByRole('table', { name: 'API keys' }).waitFor();

    // Revoke the key after confirming; a new one; delete the client, which revokes that one.
    await page.getByRole('button', { name: /^Revoke key / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'API keys' }).textContent(), WAIT)
      .toContain('revoked');
    expect((await tokens('weekly-digest')).status).toBe(401);
    await page.getByRole('button', { name: 'Make a key' }).click();
    await expect.poll(() => secret.textContent(), WAIT).not.toBe(key);
    const second = (await secret.textContent())!;
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('its live key is revoked at once');
    await dialog.getByRole('button', { name: 'Delete and revoke keys' }).click();
    await page.waitForURL(`${stack.apiUrl}/admin/service-clients`);
    await page.locator('#no-clients').waitFor();
    expect((await tokens('weekly-digest', second)).status).toBe(401);
    await admin.close();
    await alice.close();
  });

  it('raises no CSP violations or script errors on any page, each loaded by this test', async () => {
    // Its own context: the deliberate violation at the end must not reach `problems`.
    const context = await browser.newContext({ viewport: LAPTOP });
    // Every violation the dashboard's documents report, as the browser reports it.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const violations = (page: Page) =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
        errors.push(message.text());
      }
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${stack.apiUrl}/admin/`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.frameLocator('#google-button iframe').getByRole('button').waitFor();
    expect(await violations(page)).toEqual([]);
    await chooseAccount(context, page, /Ada Admin/);
    await page.waitForURL(`${stack.apiUrl}/admin/overview`);
    await page.locator('gk-overview-page gk-chart canvas').first().waitFor();
    const pages: Array<[string, (p: Page) => Promise<void>]> = [
      ['users', (p) => p.getByRole('table', { name: 'Users' }).waitFor()],
      // No grant exists when this test runs alone: the page, not its table.
      ['grants', (p) => p.getByRole('heading', { name: 'Grants' }).waitFor()],
      ['audit', (p) => p.locator('.audit-event').first().waitFor()],
      ['service-clients', (p) => p.getByRole('heading', { name: 'Service clients' }).waitFor()],
      ['disclosures', (p) => p.getByRole('heading', { name: 'Disclosures' }).waitFor()],
      ['jobs', (p) => p.getByRole('heading', { name: 'Failed jobs' }).waitFor()],
      ['vault', (p) => p.locator('#active-version').waitFor()],
      ['overview', (p) => p.locator('gk-overview-page gk-chart canvas').first().waitFor()],
    ];
    for (const [path, rendered] of pages) {
      // A full load of each page, so each document's own policy and styles are checked.
      await page.goto(`${stack.apiUrl}/admin/${path}`);
      await rendered(page);
      expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
    }
    expect(errors).toEqual([]);

    // The check can fail: an inline script, which the policy forbids, is reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect.poll(() => violations(page), WAIT).toEqual([expect.stringMatching(/^script-src/)]);
    await context.close();
  });

  it('raised no CSP violations or script errors in the tests above either', () => {
    expect(problems).toEqual([]);
  });
});

// No secret in the logs: every flow of the product runs against the compiled api at
// LOG_LEVEL=debug, in production's JSON lines (NODE_ENV=test) and in npm start's pino-pretty
// output (NODE_ENV=development), and the output must hold none of the tokens, codes, cookies and
// keys that went by — raw, base64, base64url, URL-encoded, or as a 16-character prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

const ALICE = { sub: '100000000000000000001', email: 'alice@example.com' };
const BOB = { sub: '100000000000000000003', email: 'bob@corp.example', hd: 'corp.example' };
const ADMIN = { sub: '100000000000000000002', email: 'admin@grantkeeper.test' };
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';
const XHR = { 'x-requested-with': 'XmlHttpRequest' };

/** Every form a secret could take in a log line. */
export function disguises(secret: string): string[] {
  const forms = [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
  // A JWT's first 16 characters are its public header: its prefixes are those of its payload
  // and signature instead.
  const parts = secret.split('.');
  const prefixed = parts.length === 3 ? parts.slice(1) : [secret];
  for (const part of prefixed) if (part.length > 16) forms.push(part.slice(0, 16));
  return [...new Set(forms)];
}

/** The secrets (by a label) some form of which appears in `output`. */
export function leaks(output: string, secrets: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [label, secret] of secrets) {
    if (disguises(secret).some((form) => output.includes(form))) found.push(label);
  }
  return found;
}

const FORMATS = [
  { name: "production's JSON lines", env: { NODE_ENV: 'test' }, cookie: '__Host-gk_session' },
  { name: "npm start's pretty output", env: { NODE_ENV: 'development' }, cookie: 'gk_session' },
];

describe('the scan itself', () => {
  it('finds a secret in each of its disguises, and nothing else', () => {
    const secret = 'ya29.a0AfB_byC-some+access/token==';
    const secrets = new Map([['token', secret]]);
    for (const form of disguises(secret)) expect(leaks(`x ${form} y`, secrets)).toEqual(['token']);
    expect(leaks('ya29.a0AfB_by…', secrets)).toEqual([]);
  });
});

describe.each(FORMATS)('No secret in the api’s logs ($name, LOG_LEVEL=debug)', (format) => {
  let stack: ProcessStack;
  const secrets = new Map<string, string>();
  const keep = (label: string, value: string | undefined | null) => {
    if (value) secrets.set(label, value);
  };

  const control = async (path: string, body?: unknown, method = body ? 'POST' : 'GET') =>
    (await request(`${stack.emulatorUrl}/__control/${path}`, { method, json: body })).body;
  /** Every refresh and access token "Google" holds right now. */
  const keepGoogleTokens = async () => {
    const { grants } = (await control('grants')) as {
      grants: Array<{ sub: string; refresh_token_values: string[]; access_token_values: string[] }>;
    };
    for (const grant of grants) {
      grant.refresh_token_values.forEach((t, i) => keep(`refresh token ${grant.sub} #${i}`, t));
      grant.access_token_values.forEach((t) => keep(`access token ${t.slice(0, 10)}`, t));
    }
  };
  async function signIn(user: Record<string, string>): Promise<Record<string, string>> {
    const credential = await stack.mintIdToken({ ...user, email_verified: true });
    keep(`ID token of ${user.email}`, credential);
    const response = await request(`${stack.apiUrl}/auth/google/id-token`, {
      json: { credential },
    });
    expect(response.status).toBe(200);
    const session = cookieValue(setCookies(response).get(format.cookie));
    keep(`session of ${user.email}`, session);
    return { [format.cookie]: session };
  }

  beforeAll(async () => {
    stack = await startProcessStack({
      ...format.env,
      LOG_LEVEL: 'debug',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_POLLING_SECONDS: '0.5',
      TASK_SWEEP_CRON: '* * * * * *',
    });
    keep('client secret', stack.env.GOOGLE_CLIENT_SECRET);
    keep('session secret', stack.env.SESSION_SECRET);
    keep('vault key', stack.env.VAULT_KEYS?.split(':')[1]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs sign-in, both code flows, refresh, digest, revokes and RISC without logging one', async () => {
    // Sign-in and the popup code exchange, with access tokens short enough to need a refresh.
    const alice = await signIn(ALICE);
    await control('settings', { access_token_lifetime: 120 });
    const { code } = (await control('authorization-code', {
      sub: ALICE.sub,
      scopes: ['openid', 'email', 'profile', GMAIL_SEND],
    })) as { code: string };
    keep('popup code', code);
    const exchanged = await request(`${stack.apiUrl}/offline-access/code`, {
      json: { code },
      headers: XHR,
      cookies: alice,
    });
    expect(exchanged.status).toBe(200);
    await keepGoogleTokens();
    await control('settings', { access_token_lifetime: 3600 });

    // The digest: the broker refreshes the two-minute token, then Gmail sends.
    const digest = await request(`${stack.apiUrl}/offline-access/tasks/news-digest`, {
      method: 'PUT',
      json: { enabled: true, settings: { categories: ['technology'] } },
      headers: XHR,
      cookies: alice,
    });
    expect(digest.status).toBe(200);
    await eventually(
      async () => ((await control('gmail/messages')) as { messages: unknown[] }).messages,
      (messages) => messages.length === 1,
    );
    expect(((await control('calls?path=/token')) as { calls: unknown[] }).calls).toHaveLength(2);
    await keepGoogleTokens();

    // The redirect flow (GET /auth/google and its callback), for Bob.
    const bob = await signIn(BOB);
    const started = await request(`${stack.apiUrl}/auth/google`, { cookies: bob });
    expect(started.status).toBe(302);
    const authorize = new URL(started.headers.get('location')!);
    const binding = cookieValue(
      setCookies(started).get(format.cookie === 'gk_session' ? 'gk_oauth' : '__Host-gk_oauth'),
    );
    keep('redirect state', authorize.searchParams.get('state'));
    keep('redirect binding cookie', binding);
    const { code: redirectCode } = (await control('authorization-code', {
      sub: BOB.sub,
      scopes: authorize.searchParams.get('scope')!.split(' '),
      redirect_uri: authorize.searchParams.get('redirect_uri'),
      code_challenge: authorize.searchParams.get('code_challenge'),
      code_challenge_method: 'S256',
    })) as { code: string };
    keep('redirect code', redirectCode);
    const callback = await request(
      `${stack.apiUrl}/auth/google/callback?${new URLSearchParams({
        code: redirectCode,
        state: authorize.searchParams.get('state')!,
        scope: authorize.searchParams.get('scope')!,
      })}`,
      {
        cookies: {
          ...bob,
          [format.cookie === 'gk_session' ? 'gk_oauth' : '__Host-gk_oauth']: binding,
        },
      },
    );
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).not.toContain('error');
    await keepGoogleTokens();

    // Alice switches offline access off (a revoke at Google).
    const disconnected = await request(`${stack.apiUrl}/offline-access`, {
      method: 'DELETE',
      headers: XHR,
      cookies: alice,
    });
    expect(disconnected.status).toBe(200);

    // Google tells us Bob's sessions were revoked (RISC).
    const delivered = (await control('risc/deliver', {
      event: 'sessions-revoked',
      sub: BOB.sub,
      receiver_url: `${stack.apiUrl}/risc/events`,
    })) as { status: number; token: string };
    expect(delivered.status).toBe(202);
    keep('security event token', delivered.token);

    // An administrator revokes Bob's grant from the dashboard.
    const admin = await signIn(ADMIN);
    const [{ id: grantId }] = await stack.db.query<{ id: string }>(
      `SELECT g.id FROM grants g JOIN users u ON u.id = g.user_id
        WHERE u.google_sub = $1 AND g.status = 'active'`,
      [BOB.sub],
    );
    const revoked = await request(`${stack.apiUrl}/api/admin/grants/${grantId}/revoke`, {
      json: { reason: 'log secrecy test' },
      headers: XHR,
      cookies: admin,
    });
    expect(revoked.status).toBe(200);

    // Let the log writer (pino-pretty runs in a worker) catch up before reading the output.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const output = stack.api.output();
    // The output is what it claims to be: debug lines, in the format under test.
    expect(output).toMatch(/Offline task run/);
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    if (format.env.NODE_ENV === 'test') expect(lines.length).toBeGreaterThan(20);
    else expect(lines).toEqual([]);
    // Every kind of secret was collected: a scan of nothing would prove nothing.
    expect(secrets.size).toBeGreaterThanOrEqual(16);
    expect([...secrets.keys()].filter((k) => k.startsWith('access token')).length).toBeGreaterThan(
      2,
    );

    expect(leaks(output, secrets)).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  BOB_SUB,
  callsTo,
  GMAIL_SEND,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
  signInAs,
  XHR,
} from '../support/offline-access-client.js';

interface GrantRow {
  id: string;
  status: string;
  scopes: string[];
  refresh_token_envelope_id: string | null;
  access_token_envelope_id: string | null;
}

// POST /offline-access/code, GET and DELETE /offline-access against the emulator's real token
// endpoint and real PostgreSQL: the "Optional offline access" flow of DESIGN.md.
describe('Offline access: code exchange', () => {
  let api: ApiUnderTest;
  let alice: string;

  const grantRows = () =>
    api.db.query<GrantRow>(
      `SELECT g.id, g.status, g.scopes, g.refresh_token_envelope_id, g.access_token_envelope_id
         FROM grants g JOIN users u ON u.id = g.user_id WHERE u.google_sub = $1`,
      [ALICE_SUB],
    );
  const resetGrants = async () => {
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
  };

  beforeAll(async () => {
    api = await startApiUnderTest();
    alice = await signInAs(api, ALICE_SUB);
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetGrants();
    await resetEmulator(api);
  });

  it('stores a grant with the granted scopes and answers without any token', async () => {
    const response = await postCode(api, alice, await authorizationCode(api));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active' });
    expect(response.body.scopes).toContain(GMAIL_SEND);
    expect(response.text).not.toMatch(/ya29\.|1\/\/|access_token|refresh_token/);
    const [row] = await grantRows();
    expect(row).toMatchObject({ status: 'active' });
    expect(row.refresh_token_envelope_id).not.toBeNull();
    expect(row.access_token_envelope_id).not.toBeNull();
  });

  it('keeps no token in plain text anywhere in the database', async () => {
    await postCode(api, alice, await authorizationCode(api));
    const { grants } = (
      await request<{ grants: Array<Record<string, unknown>> }>(
        `${api.emulatorUrl}/__control/grants`,
      )
    ).body;
    const dump = JSON.stringify([
      await api.db.query('SELECT * FROM grants'),
      await api.db.query(`SELECT encode(ciphertext, 'escape') AS c FROM vault_envelopes`),
      await api.db.query('SELECT * FROM audit_events'),
    ]);
    expect(grants.length).toBeGreaterThan(0);
    expect(dump).not.toMatch(/ya29\.|1\/\//);
  });

  it('records only the scopes the user left ticked (granular consent)', async () => {
    const code = await authorizationCode(api, { scopes: ['openid', 'email', 'profile'] });

    const response = await postCode(api, alice, code);

    expect(response.status).toBe(200);
    expect(response.body.scopes).not.toContain(GMAIL_SEND);
  });

  it('refuses a code of another Google account with 409 account_mismatch, writing nothing', async () => {
    const response = await postCode(api, alice, await authorizationCode(api, { sub: BOB_SUB }));

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'account_mismatch' });
    expect(await api.db.query('SELECT id FROM grants')).toEqual([]);
    expect(await api.db.query('SELECT id FROM vault_envelopes')).toEqual([]);
  });

  it('answers a replayed code with 400 and leaves the first grant as it was', async () => {
    const code = await authorizationCode(api);
    expect((await postCode(api, alice, code)).status).toBe(200);
    const before = await grantRows();

    const replay = await postCode(api, alice, code);

    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_code' });
    expect(await grantRows()).toEqual(before);
  });

  it('refuses a code over 256 bytes without calling Google', async () => {
    const response = await postCode(api, alice, 'x'.repeat(257));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'code_too_long' });
    expect(await callsTo(api, '/token')).toBe(0);
  });

  it('keeps the live grant when Google sends no refresh token, merging the new scopes', async () => {
    await postCode(api, alice, await authorizationCode(api, { scopes: ['openid', 'email'] }));
    const [before] = await grantRows();

    // Google's answer to a second consent: no refresh token (not a first consent, no prompt).
    const again = await postCode(api, alice, await authorizationCode(api));

    expect(again.status).toBe(200);
    const [after] = await grantRows();
    expect(after.refresh_token_envelope_id).toBe(before.refresh_token_envelope_id);
    expect(after.scopes).toContain(GMAIL_SEND);
  });

  it('asks for consent again (409 consent_required) when there is no refresh token to keep', async () => {
    const code = await authorizationCode(api, { access_type: 'online' });

    const response = await postCode(api, alice, code);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'consent_required' });
    expect(await grantRows()).toEqual([]);
  });

  describe('refuses requests that may not come from our page with 403', () => {
    it.each([
      ['no X-Requested-With header', {}],
      ['a cross-site Origin', { ...XHR, origin: 'https://evil.example' }],
      ['a cross-site fetch', { ...XHR, 'sec-fetch-site': 'cross-site' }],
    ])('%s', async (_name, headers) => {
      const response = await postCode(api, alice, await authorizationCode(api), headers);

      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: 'cross_site_request' });
      expect(await callsTo(api, '/token')).toBe(0);
    });

    it('a form-encoded post', async () => {
      const response = await request(`${api.url}/offline-access/code`, {
        form: { code: await authorizationCode(api) },
        headers: XHR,
        cookies: { [SESSION_COOKIE]: alice },
      });

      expect(response.status).toBe(403);
    });
  });

  it('gives foreign origins no CORS allowance', async () => {
    const preflight = await request(`${api.url}/offline-access/code`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-requested-with,content-type',
      },
    });

    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('requires a session: anonymous 401, and a Bearer ID token is not enough', async () => {
    const code = await authorizationCode(api);
    expect((await postCode(api, undefined, code)).status).toBe(401);

    const bearer = await postCode(api, undefined, code, {
      ...XHR,
      authorization: `Bearer ${await api.mintIdToken()}`,
    });
    expect(bearer.status).toBe(401);
    expect(await grantRows()).toEqual([]);
  });

  describe('GET and DELETE /offline-access', () => {
    const status = () =>
      request(`${api.url}/offline-access`, { cookies: { [SESSION_COOKIE]: alice } });
    const disconnect = (headers: Record<string, string> = XHR) =>
      request(`${api.url}/offline-access`, {
        method: 'DELETE',
        headers,
        cookies: { [SESSION_COOKIE]: alice },
      });

    it('reports none before any consent, in a response no cache may keep', async () => {
      const response = await status();

      expect(response.body).toEqual({ status: 'none', scopes: [] });
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('switches offline access off: revoked at Google, tokens purged from the vault', async () => {
      await postCode(api, alice, await authorizationCode(api));

      const response = await disconnect();

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'revoked',
        revocationReason: 'user_disconnected',
      });
      expect(await callsTo(api, '/revoke')).toBe(1);
      const [row] = await grantRows();
      expect(row).toMatchObject({ status: 'revoked', refresh_token_envelope_id: null });
      expect(await api.db.query('SELECT id FROM vault_envelopes')).toEqual([]);
      expect((await status()).body).toMatchObject({ status: 'revoked' });
    });

    it('revokes at once even when Google is down, keeping the token to retry the revoke', async () => {
      await postCode(api, alice, await authorizationCode(api));
      await api.control('faults', { path: '/revoke', status: 503, times: 1 });

      const response = await disconnect();

      expect(response.status).toBe(200);
      const [row] = await grantRows();
      expect(row.status).toBe('revoked');
      expect(row.refresh_token_envelope_id).not.toBeNull();
    });

    it('refuses a switch-off without the X-Requested-With header', async () => {
      await postCode(api, alice, await authorizationCode(api));

      expect((await disconnect({})).status).toBe(403);
      expect((await grantRows())[0].status).toBe('active');
    });
  });
});

// OFFLINE_ACCESS=required: the sign-in page's one button posts a code without any session.
describe('Offline access required: one step to sign in and grant', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({ OFFLINE_ACCESS: 'required' });
  });
  afterAll(() => api.close());

  it('signs the visitor in from the code and stores their grant', async () => {
    await resetEmulator(api);
    const response = await postCode(api, undefined, await authorizationCode(api));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active' });
    const session = cookieValue(setCookies(response).get(SESSION_COOKIE));
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: session } });
    expect(me.body).toMatchObject({ sub: ALICE_SUB });
    const events = await api.db.query<{ action: string; details: { method?: string } }>(
      `SELECT action, details FROM audit_events WHERE action = 'sign_in.succeeded'`,
    );
    expect(events.map((e) => e.details.method)).toContain('google_code');
  });

  it('leaves the visitor signed out when the code brings no grant (409 consent_required)', async () => {
    await resetEmulator(api);
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
    const [{ last, now }] = await api.db.query<{ last: string; now: Date }>(
      'SELECT coalesce(max(id), 0)::text AS last, now() AS now FROM audit_events',
    );
    // Google remembers an earlier consent and so sends no refresh token; we hold no grant.
    const response = await postCode(
      api,
      undefined,
      await authorizationCode(api, { access_type: 'online' }),
    );

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'consent_required' });
    expect(setCookies(response).has(SESSION_COOKIE)).toBe(false);
    const sessions = await api.db.query(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.google_sub = $1 AND s.created_at >= $2`,
      [ALICE_SUB, now],
    );
    expect(sessions).toEqual([]);
    const actions = await api.db.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE id > $1::bigint',
      [last],
    );
    expect(actions.map((a) => a.action)).not.toContain('sign_in.succeeded');
  });

  it('still refuses a code posted from another site', async () => {
    const response = await postCode(api, undefined, await authorizationCode(api), {});

    expect(response.status).toBe(403);
  });
});

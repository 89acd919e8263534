import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE_SUB,
  ANDROID_CLIENT_ID,
  type ApiUnderTest,
  startApiUnderTest,
} from '../support/api-under-test.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';

const COOKIE = '__Host-gk_session';

describe('Sign-in with a Google ID token', () => {
  let api: ApiUnderTest;
  const signIn = (credential: string, headers: Record<string, string> = {}) =>
    request(`${api.url}/auth/google/id-token`, { json: { credential }, headers });

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  it('starts a session with a hardened cookie and returns the user keyed by sub', async () => {
    const response = await signIn(await api.mintIdToken());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      sub: ALICE_SUB,
      email: 'alice@example.com',
      role: 'user',
    });
    const cookie = setCookies(response).get(COOKIE)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    const me = await request(`${api.url}/api/v1/me`, {
      cookies: { [COOKIE]: cookieValue(cookie) },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: ALICE_SUB, name: 'Alice Example' });
  });

  it('stores only an HMAC of the session cookie', async () => {
    const response = await signIn(await api.mintIdToken());
    const token = cookieValue(setCookies(response).get(COOKIE));
    const rows = await api.db.query<{ token_hash: Buffer }>('SELECT token_hash FROM sessions');
    for (const row of rows) expect(row.token_hash.toString('base64url')).not.toBe(token);
    const dump = JSON.stringify(await api.db.query('SELECT * FROM sessions'));
    expect(dump).not.toContain(token);
  });

  it('accepts both issuer forms and the Android audience', async () => {
    for (const claims of [
      { iss: 'accounts.google.com' },
      { iss: 'https://accounts.google.com' },
      { aud: ANDROID_CLIENT_ID },
    ]) {
      expect((await signIn(await api.mintIdToken(claims))).status).toBe(200);
    }
  });

  it('refreshes the profile by sub and never matches accounts by email', async () => {
    const first = await signIn(
      await api.mintIdToken({ sub: '200000000000000000001', email: 'x@example.com', name: 'Old' }),
    );
    const renamed = await signIn(
      await api.mintIdToken({ sub: '200000000000000000001', email: 'y@example.com', name: 'New' }),
    );
    expect(renamed.body.id).toBe(first.body.id);
    expect(renamed.body).toMatchObject({ email: 'y@example.com', name: 'New' });
    const sameEmail = await signIn(
      await api.mintIdToken({ sub: '200000000000000000002', email: 'y@example.com' }),
    );
    expect(sameEmail.body.id).not.toBe(first.body.id);
  });

  it('gives a new session id at each sign-in and ends the previous one', async () => {
    const first = cookieValue(setCookies(await signIn(await api.mintIdToken())).get(COOKIE));
    const second = await request(`${api.url}/auth/google/id-token`, {
      json: { credential: await api.mintIdToken() },
      cookies: { [COOKIE]: first },
    });
    const next = cookieValue(setCookies(second).get(COOKIE));
    expect(next).not.toBe(first);
    expect((await request(`${api.url}/api/v1/me`, { cookies: { [COOKIE]: first } })).status).toBe(
      401,
    );
    expect((await request(`${api.url}/api/v1/me`, { cookies: { [COOKIE]: next } })).status).toBe(
      200,
    );
  });

  it('signs out: the session is revoked in the database and the cookie stops working', async () => {
    const token = cookieValue(setCookies(await signIn(await api.mintIdToken())).get(COOKIE));
    const forged = await request(`${api.url}/auth/sign-out`, {
      method: 'POST',
      cookies: { [COOKIE]: token },
      headers: { origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('cross_site_request');
    const out = await request(`${api.url}/auth/sign-out`, {
      method: 'POST',
      cookies: { [COOKIE]: token },
      headers: { 'x-requested-with': 'XmlHttpRequest' },
    });
    expect(out.status).toBe(204);
    expect((await request(`${api.url}/api/v1/me`, { cookies: { [COOKIE]: token } })).status).toBe(
      401,
    );
    const events = await api.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action = 'sign_out'`,
    );
    expect(events.length).toBeGreaterThan(0);
  });

  it('accepts a Bearer ID token on /api/v1/me and refuses anonymous callers', async () => {
    const token = await api.mintIdToken();
    const me = await request(`${api.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(me.body.sub).toBe(ALICE_SUB);
    const anonymous = await request(`${api.url}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      statusCode: 401,
      error: 'authentication_required',
      message: expect.any(String) as string,
    });
  });

  it('makes verified bootstrap admin emails admins, but not unverified ones', async () => {
    const admin = await signIn(
      await api.mintIdToken({ sub: '100000000000000000002', email: 'admin@grantkeeper.test' }),
    );
    expect(admin.body.role).toBe('admin');
    const unverified = await signIn(
      await api.mintIdToken({
        sub: '300000000000000000001',
        email: 'carol@example.net',
        email_verified: false,
      }),
    );
    expect(unverified.body.role).toBe('user');
  });

  it('records successful and failed sign-ins in the audit log without token material', async () => {
    const good = await api.mintIdToken();
    await signIn(good);
    const bad = await api.mintIdToken({ aud: 'someone-else.apps.googleusercontent.com' });
    await signIn(bad);
    const rows = await api.db.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_events ORDER BY id',
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['sign_in.succeeded', 'sign_in.failed']),
    );
    expect(rows.find((r) => r.action === 'sign_in.failed')!.details).toMatchObject({
      reason: 'wrong_audience',
    });
    const dump = JSON.stringify(await api.db.query('SELECT * FROM audit_events'));
    expect(dump).not.toContain(good.split('.')[2]);
    expect(dump).not.toContain(bad.split('.')[2]);
  });
});

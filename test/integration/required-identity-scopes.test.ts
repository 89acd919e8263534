import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALICE_SUB, type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { cookieValue, request, setCookies } from '../support/http-client.js';
import {
  authorizationCode,
  GMAIL_SEND,
  postCode,
  resetEmulator,
  SESSION_COOKIE,
} from '../support/offline-access-client.js';

// Google answers an ID token for any identity scope (openid, email or profile), and the user may
// leave some of them out: OFFLINE_ACCESS=required must authenticate the user from the code's ID
// token whichever identity scopes it carries, keyed on `sub` alone.
describe('Offline access required: whichever identity scopes the code carries', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest({ OFFLINE_ACCESS: 'required' });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetEmulator(api);
    await api.db.query('DELETE FROM grants');
    await api.db.query('DELETE FROM vault_envelopes');
  });

  it.each([
    [['openid'], { email: null, name: null }],
    [['email'], { email: 'alice@example.com', name: null }],
    [['profile'], { email: null, name: 'Alice Example' }],
    [['email', 'profile'], { email: 'alice@example.com', name: 'Alice Example' }],
    [['openid', 'email', 'profile'], { email: 'alice@example.com', name: 'Alice Example' }],
  ])('signs the user in and stores the grant with %j', async (identity, profile) => {
    await api.db.query('DELETE FROM users');
    const code = await authorizationCode(api, { scopes: [...identity, GMAIL_SEND] });
    const response = await postCode(api, undefined, code);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'active' });
    const session = cookieValue(setCookies(response).get(SESSION_COOKIE));
    const me = await request(`${api.url}/api/v1/me`, { cookies: { [SESSION_COOKIE]: session } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ sub: ALICE_SUB });
    const [user] = await api.db.query<{ email: string | null; name: string | null }>(
      'SELECT email, name FROM users WHERE google_sub = $1',
      [ALICE_SUB],
    );
    expect(user).toEqual(profile);
  });

  it('refuses a code without any identity scope: Google sends no ID token', async () => {
    const response = await postCode(
      api,
      undefined,
      await authorizationCode(api, { scopes: [GMAIL_SEND] }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_code' });
    expect(setCookies(response).has(SESSION_COOKIE)).toBe(false);
  });
});

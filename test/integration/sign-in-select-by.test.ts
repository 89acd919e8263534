import { DOCUMENTED_SELECT_BY } from '@grantkeeper/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.js';
import { request } from '../support/http-client.js';

// Google documents fourteen select_by values and adds more over time: every documented one signs
// in and is recorded, an unknown one never blocks a credential that verifies. (Its own api and
// database: the sign-in rate limit of 30 a minute would otherwise be shared with sign-in.test.ts.)
describe('Sign-in and select_by', () => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApiUnderTest();
  });
  afterAll(async () => {
    await api.close();
  });

  /** Signs in with `credential` and `select_by`; the status and the newest sign-in's details. */
  const signIn = async (credential: string, selectBy: unknown) => {
    const { status } = await request(`${api.url}/auth/google/id-token`, {
      json: { credential, select_by: selectBy },
    });
    const [event] = await api.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'sign_in.succeeded'
        ORDER BY id DESC LIMIT 1`,
    );
    return { status, details: event?.details ?? {} };
  };

  it.each(DOCUMENTED_SELECT_BY)(
    'signs in with select_by %s and records how the account was picked',
    async (selectBy) => {
      const { status, details } = await signIn(await api.mintIdToken(), selectBy);
      expect(status).toBe(200);
      expect(details.select_by).toBe(selectBy);
    },
  );

  it('does not let an unknown select_by block a sign-in whose credential verifies', async () => {
    for (const [value, recorded] of [
      ['passkey_future', 'passkey_future'],
      ['Not A Google Value\n', undefined],
    ] as const) {
      const { status, details } = await signIn(await api.mintIdToken(), value);
      expect(status).toBe(200);
      expect(details.select_by).toBe('unrecognised');
      expect(details.select_by_value).toBe(recorded);
    }
  });

  it('still refuses a select_by that is not a string, and an unknown value with a bad token', async () => {
    expect((await signIn(await api.mintIdToken(), ['btn'])).status).toBe(400);
    const bad = await api.mintIdToken({ aud: 'someone-else.apps.googleusercontent.com' });
    expect((await signIn(bad, 'passkey_future')).status).toBe(401);
  });
});

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

  it.each(DOCUMENTED_SELECT_BY)(
    'signs in with select_by %s and records how the account was picked',
    async (selectBy) => {
      const credential = await api.mintIdToken();
      const response = await request(`${api.url}/auth/google/id-token`, {
        json: { credential, select_by: selectBy },
      });
      expect(response.status).toBe(200);
      const [event] = await api.db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_events WHERE action = 'sign_in.succeeded'
          ORDER BY id DESC LIMIT 1`,
      );
      expect(event.details.select_by).toBe(selectBy);
    },
  );

  it('does not let an unknown select_by block a sign-in whose credential verifies', async () => {
    for (const [value, recorded] of [
      ['passkey_future', 'passkey_future'],
      ['Not A Google Value\n', undefined],
    ] as const) {
      const credential = await api.mintIdToken();
      const response = await request(`${api.url}/auth/google/id-token`, {
        json: { credential, select_by: value },
      });
      expect(response.status).toBe(200);
      const [event] = await api.db.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_events WHERE action = 'sign_in.succeeded'
          ORDER BY id DESC LIMIT 1`,
      );
      expect(event.details.select_by).toBe('unrecognised');
      expect(event.details.select_by_value).toBe(recorded);
    }
  });

  it('still refuses a select_by that is not a string, and an unknown value with a bad token', async () => {
    const credential = await api.mintIdToken();
    const wrongType = await request(`${api.url}/auth/google/id-token`, {
      json: { credential, select_by: ['btn'] },
    });
    expect(wrongType.status).toBe(400);
    const bad = await api.mintIdToken({ aud: 'someone-else.apps.googleusercontent.com' });
    const refused = await request(`${api.url}/auth/google/id-token`, {
      json: { credential: bad, select_by: 'passkey_future' },
    });
    expect(refused.status).toBe(401);
  });
});

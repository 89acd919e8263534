import { describe, expect, it } from 'vitest';
import { EMPTY_GRANT_FILTER, grantFilterOf, grantQueryOf } from './grant-filter';

describe('grantQueryOf', () => {
  it('sends only the criteria that are set, with the sort and the page', () => {
    expect(grantQueryOf({ ...EMPTY_GRANT_FILTER }, 50)).toEqual({
      sort: 'created_at',
      order: 'desc',
      limit: 50,
    });
  });

  it('builds every filter the list offers', () => {
    const query = grantQueryOf(
      {
        status: 'active',
        scope: '  https://www.googleapis.com/auth/gmail.send ',
        flag: 'idle_near_expiry',
        lastUsedBefore: '2026-06-01',
        createdFrom: '2026-01-01',
        createdTo: '2026-01-31',
        sort: 'last_used_at',
        order: 'asc',
      },
      25,
      'cursor-1',
    );
    expect(query).toEqual({
      status: 'active',
      scope: 'https://www.googleapis.com/auth/gmail.send',
      flag: 'idle_near_expiry',
      lastUsedBefore: '2026-06-01',
      createdFrom: '2026-01-01',
      // "created between" includes its last day; the API's createdTo is exclusive
      createdTo: '2026-02-01',
      sort: 'last_used_at',
      order: 'asc',
      limit: 25,
      cursor: 'cursor-1',
    });
  });
});

describe('grantFilterOf', () => {
  it('is empty without criteria, so bulk revocation can refuse it', () => {
    expect(grantFilterOf({ ...EMPTY_GRANT_FILTER, sort: 'last_used_at' })).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import type { AuthenticatedUser } from './authenticated-user.js';
import { BearerUserCache } from './bearer-user.cache.js';

const user = (id: string) => ({ id }) as unknown as AuthenticatedUser;

function cache(maxEntries = 3, ttlMs = 5_000) {
  const clock = { now: 1_000_000 };
  return { clock, cache: new BearerUserCache({ maxEntries, ttlMs, now: () => clock.now }) };
}

describe(BearerUserCache.name, () => {
  it('serves a user until its time to live has passed, never at or after it', () => {
    const { clock, cache: users } = cache();
    const alice = user('alice');
    users.set('sub-a', alice);

    clock.now += 4_999;
    expect(users.get('sub-a')).toBe(alice);
    clock.now += 1;
    expect(users.get('sub-a')).toBeUndefined();
    expect(users.size).toBe(0);
  });

  it('renews an entry stored again, and forgets a deleted one', () => {
    const { clock, cache: users } = cache();
    users.set('sub-a', user('old'));
    clock.now += 4_000;
    const renewed = user('new');
    users.set('sub-a', renewed);
    clock.now += 4_000;
    expect(users.get('sub-a')).toBe(renewed);

    users.delete('sub-a');
    expect(users.get('sub-a')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the one stored longest ago', () => {
    const { cache: users } = cache(3);
    for (const sub of ['a', 'b', 'c']) users.set(sub, user(sub));
    users.set('a', user('a2'));
    users.set('d', user('d'));

    expect(users.size).toBe(3);
    expect(users.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((sub) => users.get(sub) !== undefined)).toEqual([true, true, true]);
    for (let i = 0; i < 100; i += 1) users.set(`s-${i}`, user(String(i)));
    expect(users.size).toBe(3);
  });

  it('refuses a bound or time to live that is not positive', () => {
    expect(() => new BearerUserCache({ maxEntries: 0, ttlMs: 1 })).toThrow(/maxEntries/);
    expect(() => new BearerUserCache({ maxEntries: 1, ttlMs: 0 })).toThrow(/ttlMs/);
  });
});

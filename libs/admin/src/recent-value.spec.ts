import { describe, expect, it } from 'vitest';
import { RecentValue } from './recent-value.js';

describe(RecentValue.name, () => {
  describe('get', () => {
    it('computes once per period, shared by callers meanwhile', async () => {
      let clock = 1_000;
      let calls = 0;
      const recent = new RecentValue(
        10_000,
        () => Promise.resolve(++calls),
        () => clock,
      );
      const [a, b] = await Promise.all([recent.get(), recent.get()]);
      expect([a.value, b.value, calls]).toEqual([1, 1, 1]);
      expect(a.at).toEqual(new Date(1_000));
      clock += 9_999;
      expect((await recent.get()).value).toBe(1);
      clock += 1;
      expect(await recent.get()).toEqual({ value: 2, at: new Date(11_000) });
    });

    it('does not keep a failure', async () => {
      let fail = true;
      const recent = new RecentValue(
        10_000,
        () => (fail ? Promise.reject(new Error('down')) : Promise.resolve('ok')),
        () => 0,
      );
      await expect(recent.get()).rejects.toThrow('down');
      fail = false;
      expect((await recent.get()).value).toBe('ok');
    });
  });
});

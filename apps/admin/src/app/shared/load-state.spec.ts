import { describe, expect, it } from 'vitest';
import { PagedList } from './load-state';

describe(PagedList.name, () => {
  describe('count', () => {
    it('gives the exact total once the last page is in, else what is shown', async () => {
      const list = new PagedList<number>();
      await list.load(() => Promise.resolve({ items: [1, 2], nextCursor: 'next' }));
      expect(list.count('user')).toBe('2 users shown, more to load');
      await list.load(() => Promise.resolve({ items: [3], nextCursor: null }), true);
      expect(list.count('user')).toBe('3 users in all');
      await list.load(() => Promise.resolve({ items: [4], nextCursor: null }));
      expect(list.count('grant')).toBe('1 grant in all');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { OfflineTaskError } from '../offline-task.js';
import { nextOccurrence } from '../task-runner.js';
import { newsDigestTask } from './news-digest.task.js';

const task = newsDigestTask({
  gmailUrl: 'http://gmail.test',
  schedule: '0 7 * * *',
  timeoutMs: 1000,
});

describe('newsDigestTask', () => {
  describe('parseSettings', () => {
    it('keeps known categories once each, sorted', () => {
      expect(task.parseSettings({ categories: ['sports', 'science', 'sports'] })).toEqual({
        categories: ['science', 'sports'],
      });
    });

    it.each([
      ['no categories', {}],
      ['an empty list', { categories: [] }],
      ['an unknown category', { categories: ['science', 'gossip'] }],
      ['a non-string', { categories: [42] }],
      ['null', null],
    ])('refuses %s with invalid_settings', (_name, input) => {
      expect(() => task.parseSettings(input)).toThrow(OfflineTaskError);
      expect(() => task.parseSettings(input)).toThrow(/categories must list/);
    });
  });

  it('asks only for gmail.send, which cannot read the mailbox', () => {
    expect(task.scopes).toEqual(['https://www.googleapis.com/auth/gmail.send']);
  });
});

describe('nextOccurrence', () => {
  it('is the next time the cron expression fires after the given instant', () => {
    const after = new Date('2026-12-01T07:00:00.000Z');
    const next = nextOccurrence('0 7 * * *', after);

    expect(next.getTime()).toBeGreaterThan(after.getTime());
    expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(24 * 3600_000);
  });
});

import { describe, expect, it } from 'vitest';
import { nextRefreshAttempt } from './refresh-backoff.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const delayOf = (failures: number, random: number, retryAfter?: number) =>
  nextRefreshAttempt(failures, NOW, retryAfter, () => random).getTime() - NOW;

describe('nextRefreshAttempt', () => {
  it('doubles the delay per consecutive failure, jittered between half and all of it', () => {
    expect(delayOf(1, 0)).toBe(1_000);
    expect(delayOf(1, 1)).toBe(2_000);
    expect(delayOf(2, 0)).toBe(2_000);
    expect(delayOf(3, 1)).toBe(8_000);
  });

  it('never waits longer than 15 minutes', () => {
    expect(delayOf(40, 1)).toBe(15 * 60_000);
  });

  it('never comes back before Google’s Retry-After', () => {
    expect(delayOf(1, 0, 120)).toBe(120_000);
    expect(delayOf(10, 1, 1)).toBeGreaterThan(1_000);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSeedOptions } from './seed-options.js';

describe('parseSeedOptions', () => {
  it('reads counts in both spellings, users defaulting to grants', () => {
    expect(parseSeedOptions(['--grants', '1000000', '--audit=5_000_000'])).toEqual({
      grants: 1_000_000,
      audit: 5_000_000,
      users: 1_000_000,
    });
  });

  it('takes more users than grants and a database URL', () => {
    expect(
      parseSeedOptions(['--grants=2', '--audit=9', '--users=5', '--database-url=postgres://x/y']),
    ).toEqual({ grants: 2, audit: 9, users: 5, databaseUrl: 'postgres://x/y' });
  });

  it.each([
    [[], /--grants is required/],
    [['--grants=1'], /--audit is required/],
    [['--grants=-1', '--audit=1'], /whole number/],
    [['--grants=1.5', '--audit=1'], /whole number/],
    [['--grants=3', '--audit=1', '--users=2'], /at least --grants/],
    [['--grants=1', '--audit=1', '--force'], /unknown argument/],
    [['--grants'], /needs a value/],
    [['--grants=1', '--audit=1', '--database-url=mysql://x'], /postgres/],
  ])('refuses %j', (args, message) => {
    expect(() => parseSeedOptions(args)).toThrow(message);
  });
});

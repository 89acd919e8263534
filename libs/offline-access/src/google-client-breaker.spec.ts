import { describe, expect, it } from 'vitest';
import { GoogleClientBreaker } from './google-client-breaker.js';

describe(GoogleClientBreaker.name, () => {
  it('opens at the first refusal, lets one probe through after the cool-down, closes on success', () => {
    let now = 1_000_000;
    const breaker = new GoogleClientBreaker(60_000, () => now);
    expect(breaker.allows()).toBe(true);

    breaker.refused();
    expect(breaker.allows()).toBe(false);
    expect(breaker.retryAfterSeconds()).toBe(60);
    expect(breaker.state()).toEqual({ rejected: true, since: new Date(now), refusals: 1 });

    now += 60_000;
    expect(breaker.allows()).toBe(true);
    breaker.refused(); // the probe was refused too: another full cool-down
    expect(breaker.allows()).toBe(false);
    expect(breaker.state().refusals).toBe(2);

    now += 60_000;
    breaker.accepted();
    expect(breaker.allows()).toBe(true);
    expect(breaker.state()).toEqual({ rejected: false, since: null, refusals: 0 });
  });
});

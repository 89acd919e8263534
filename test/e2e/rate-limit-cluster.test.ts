// Two api processes on one database share each rate-limit bucket (PostgresThrottlerStorage):
// with per-process counters, alternating between them would allow twice the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessStack, startProcessStack } from '../support/process-stack.js';

describe('Rate limits across api instances', () => {
  let stack: ProcessStack;
  let secondUrl: string;

  beforeAll(async () => {
    stack = await startProcessStack({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' });
    secondUrl = (await stack.startApi()).url;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('counts sign-ins at either instance against one limit', async () => {
    const credential = await stack.mintIdToken();
    const answers: { status: number; rateLimit: string | null }[] = [];
    for (const url of [stack.apiUrl, secondUrl, stack.apiUrl, secondUrl, stack.apiUrl]) {
      const response = await fetch(`${url}/auth/google/id-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential }),
      });
      await response.arrayBuffer();
      answers.push({ status: response.status, rateLimit: response.headers.get('ratelimit') });
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers.slice(0, 3).map((answer) => answer.rateLimit?.split(';')[1])).toEqual([
      'r=2',
      'r=1',
      'r=0',
    ]);
    const [{ count }] = await stack.db.query<{ count: string }>(
      `SELECT count(*) FROM rate_limit_buckets`,
    );
    expect(count).toBe('1');
  });
});

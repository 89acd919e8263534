/** First retry after a transient refresh failure, doubling per consecutive failure. */
const BASE_DELAY_MS = 2_000;
/** Never wait longer than this between attempts (the keep-alive job retries later anyway). */
const MAX_DELAY_MS = 15 * 60_000;

/**
 * When the next upstream refresh may happen after `failures` consecutive transient failures:
 * exponential backoff with "equal jitter" (half fixed, half random, so instances that failed
 * together don't retry together), and never before Google's `Retry-After`.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function nextRefreshAttempt(
  failures: number,
  now: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): Date {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failures - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const floor = (retryAfterSeconds ?? 0) * 1000;
  return new Date(now + Math.max(jittered, floor));
}

/**
 * Polls `read` until `done` accepts its value and returns it, or fails after `timeoutMs` with the
 * last value seen. For state that other processes (workers, schedulers) change on their own time.
 * A `read` that throws counts as a value (the error), so outages can be waited out too.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch((error: unknown) => error as T);
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out; last value ${JSON.stringify(value) ?? String(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import { afterEach, describe, expect, it } from 'vitest';
import { BufferedLogDestination } from './log-destination.js';

const line = (level: number, msg: string) => `{"level":${level},"time":1,"msg":"${msg}"}\n`;

describe(BufferedLogDestination.name, () => {
  let destination: BufferedLogDestination | undefined;
  afterEach(() => destination?.close());

  function capture(chars = 100, flushMs = 60_000) {
    const writes: string[] = [];
    destination = new BufferedLogDestination(
      { write: (text) => writes.push(text) },
      chars,
      flushMs,
    );
    return { destination, writes };
  }

  it('gathers info lines into one write once the buffer is full', () => {
    const { destination, writes } = capture(100);
    destination.write(line(30, 'a'));
    destination.write(line(30, 'b'));
    expect(writes).toEqual([]);
    for (const msg of ['c', 'd', 'e']) destination.write(line(30, msg));
    // 33 characters a line: the fourth reaches 100.
    expect(writes).toEqual([['a', 'b', 'c', 'd'].map((m) => line(30, m)).join('')]);
    destination.write(line(20, 'f'));
    expect(writes).toHaveLength(1);
  });

  it('writes warn, error and fatal lines at once, after what waited before them', () => {
    const { destination, writes } = capture(10_000);
    destination.write(line(30, 'before'));
    destination.write(line(40, 'warned'));
    expect(writes).toEqual([line(30, 'before') + line(40, 'warned')]);
    destination.write(line(50, 'failed'));
    destination.write(line(60, 'fatal'));
    expect(writes.slice(1)).toEqual([line(50, 'failed'), line(60, 'fatal')]);
  });

  it('writes anything that is not a pino line at once', () => {
    const { destination, writes } = capture(10_000);
    destination.write('plain text\n');
    expect(writes).toEqual(['plain text\n']);
  });

  it('writes what waits within the flush interval, and on close', async () => {
    const { destination, writes } = capture(10_000, 20);
    destination.write(line(30, 'late'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes).toEqual([line(30, 'late')]);
    destination.write(line(30, 'last'));
    destination.close();
    expect(writes).toEqual([line(30, 'late'), line(30, 'last')]);
  });
});

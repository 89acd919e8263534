// What the cross-process benchmarks share about the processes they start: waiting for one to
// answer, and reading its CPU time.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const CLOCK_TICKS = 100;

/** Resolves once `url` answers below 500; fails after `timeoutMs` (default 30 s). */
export async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/** The process's user + system CPU time in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

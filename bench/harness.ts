import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Small, dependency-free helpers for the benchmarks in this folder: time a function for a fixed
// duration or a fixed number of calls, and print results as a table with ratios to a baseline.

/** Stop after `durationMs`, or after `maxOps` calls, whichever comes first. */
export interface MeasureOptions {
  readonly durationMs?: number;
  readonly maxOps?: number;
}

/** One timed run. */
export interface Sample {
  readonly ops: number;
  /** Wall-clock time. */
  readonly seconds: number;
  /** CPU time of the whole process (all threads, so GC helper threads count too). */
  readonly cpuSeconds: number;
  readonly opsPerSecond: number;
}

/** Several samples of one case, taken in rounds interleaved with the other cases. */
export interface CaseResult {
  readonly name: string;
  readonly samples: readonly Sample[];
  /** Throughput over all rounds: total calls ÷ total wall-clock time, collections included. */
  readonly opsPerSecond: number;
  /**
   * Total calls ÷ total process CPU time. On a shared machine other processes steal wall-clock
   * time from whichever case is running; CPU time is not affected, and it still charges each
   * case for its garbage collection, helper threads included.
   */
  readonly opsPerCpuSecond: number;
  readonly min: number;
  readonly max: number;
}

// `gc()` without --expose-gc: the flag can still be set at run time, and a fresh context then
// exposes the function. Used once between set-up and timing, so the set-up's garbage is not
// charged to whichever case happens to run first; each case's own garbage stays in its figures.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Runs a full garbage collection, so the next measurement starts from a clean heap. */
export function settle(): void {
  collect();
}

// Reading the clock costs more than a hash lookup; check it once per batch of calls.
const BATCH = 32;

/** Calls `fn(i)` with i = 0, 1, … until the duration or the count is reached. */
export function measureSync(fn: (i: number) => unknown, options: MeasureOptions): Sample {
  const { durationMs = Number.POSITIVE_INFINITY, maxOps = Number.POSITIVE_INFINITY } = options;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let ops = 0;
  let elapsed = 0;
  while (ops < maxOps && elapsed < durationMs) {
    const end = Math.min(ops + BATCH, maxOps);
    for (; ops < end; ops += 1) fn(ops);
    elapsed = performance.now() - started;
  }
  return sample(ops, elapsed, cpu);
}

/** Like {@link measureSync}, awaiting each call in turn, as one request handler would. */
export async function measureAsync(
  fn: (i: number) => Promise<unknown>,
  options: MeasureOptions,
): Promise<Sample> {
  const { durationMs = Number.POSITIVE_INFINITY, maxOps = Number.POSITIVE_INFINITY } = options;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let ops = 0;
  let elapsed = 0;
  while (ops < maxOps && elapsed < durationMs) {
    const end = Math.min(ops + BATCH, maxOps);
    for (; ops < end; ops += 1) await fn(ops);
    elapsed = performance.now() - started;
  }
  return sample(ops, elapsed, cpu);
}

function sample(ops: number, elapsedMs: number, cpuAtStart: NodeJS.CpuUsage): Sample {
  const { user, system } = process.cpuUsage(cpuAtStart);
  const seconds = elapsedMs / 1000;
  return { ops, seconds, cpuSeconds: (user + system) / 1e6, opsPerSecond: ops / seconds };
}

/**
 * Summarises one case as total calls ÷ total time over all its rounds. With the cases interleaved
 * in many short rounds, a noisy neighbour slows them alike, and every case pays for its own
 * garbage collections (a median of rounds would quietly drop the rounds where they happen).
 */
export function summarise(name: string, samples: readonly Sample[]): CaseResult {
  const ops = samples.reduce((sum, s) => sum + s.ops, 0);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  const cpuSeconds = samples.reduce((sum, s) => sum + s.cpuSeconds, 0);
  const rates = samples.map((s) => s.opsPerSecond);
  return {
    name,
    samples,
    opsPerSecond: ops / seconds,
    opsPerCpuSecond: ops / cpuSeconds,
    min: Math.min(...rates),
    max: Math.max(...rates),
  };
}

/**
 * A plain-text table: per case, wall-clock ops/s with its range over rounds and its ratio to
 * `baseline`, then ops per CPU-second and that ratio.
 */
export function formatTable(results: readonly CaseResult[], baseline: CaseResult): string {
  const rows = [['case', 'ops/s', 'range over rounds', '× raw', 'ops/CPU-s', '× raw (CPU)']];
  for (const r of results) {
    rows.push([
      r.name,
      formatRate(r.opsPerSecond),
      `${formatRate(r.min)} – ${formatRate(r.max)}`,
      formatRatio(r.opsPerSecond / baseline.opsPerSecond),
      formatRate(r.opsPerCpuSecond),
      formatRatio(r.opsPerCpuSecond / baseline.opsPerCpuSecond),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** `PASS`/`FAIL` line for a ratio target; benchmarks report, they never change the exit code. */
export function formatTarget(label: string, ratio: number, minimum: number): string {
  const verdict = ratio >= minimum ? 'PASS' : 'FAIL';
  return `${verdict}  ${label}: ${ratio.toFixed(2)}× (target ≥ ${minimum}×)`;
}

function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

// `npm run bench`: compiled to dist/bench/run.js and run with Node. Runs every benchmark module in
// sequence; each exports `run(): Promise<void>` and prints its own table and PASS/FAIL targets.
import { run as httpMe } from './http.bench.js';
import { run as idTokenVerifier } from './id-token-verifier.bench.js';
import { run as keepAlive } from './keep-alive.bench.js';

const benchmarks: ReadonlyArray<readonly [string, () => Promise<void>]> = [
  ['Google ID-token verifier', idTokenVerifier],
  ['HTTP: guarded GET /api/v1/me', httpMe],
  ['Keep-alive sweep vs emulator /token', keepAlive],
];

for (const [name, run] of benchmarks) {
  console.log(`\n=== ${name} ===\n`);
  await run();
}

// `npm run bench`: compiled to dist/bench/run.js and run with Node. Runs every benchmark module in
// sequence; each exports `run(): Promise<void>` and prints its own table and PASS/FAIL targets.
// Arguments select benchmarks by id: `npm run bench -- verifier http` runs only those two.
import { run as httpMe } from './http.bench.js';
import { run as idTokenVerifier } from './id-token-verifier.bench.js';
import { run as keepAlive } from './keep-alive.bench.js';

const benchmarks: ReadonlyArray<readonly [string, string, () => Promise<void>]> = [
  ['verifier', 'Google ID-token verifier', idTokenVerifier],
  ['http', 'HTTP: guarded GET /api/v1/me', httpMe],
  ['keep-alive', 'Keep-alive sweep vs emulator /token', keepAlive],
];

const selected = process.argv.slice(2);
const unknown = selected.filter((id) => !benchmarks.some(([known]) => known === id));
if (unknown.length > 0) {
  const ids = benchmarks.map(([id]) => id).join(', ');
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose among: ${ids}.`);
  process.exit(2);
}

for (const [id, name, run] of benchmarks) {
  if (selected.length > 0 && !selected.includes(id)) continue;
  console.log(`\n=== ${name} ===\n`);
  await run();
}

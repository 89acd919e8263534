// `npm run bench`: compiled to dist/bench/run.js and run with Node. Runs every benchmark module in
// sequence; each exports `run(): Promise<void>` and prints its own table and PASS/FAIL targets.
// `npm run bench -- admin-scale` (or any other key below) runs only the benchmarks named.
import { run as adminScale } from './admin-scale.bench.js';
import { run as broker } from './broker.bench.js';
import { run as httpMe } from './http.bench.js';
import { run as idTokenVerifier } from './id-token-verifier.bench.js';
import { run as keepAlive } from './keep-alive.bench.js';
import { run as serviceApi } from './service-api.bench.js';
import { run as vault } from './vault.bench.js';

const benchmarks: ReadonlyArray<readonly [string, string, () => Promise<void>]> = [
  ['verifier', 'Google ID-token verifier', idTokenVerifier],
  ['http', 'HTTP: guarded GET /api/v1/me', httpMe],
  ['vault', 'Vault seal and open vs raw AES-256-GCM', vault],
  ['broker', 'Access-token broker with a cached token', broker],
  ['keep-alive', 'Keep-alive sweep vs emulator /token', keepAlive],
  ['admin-scale', 'Admin API at scale: list endpoints, keyset vs OFFSET', adminScale],
  ['service-api', 'Service API: POST /api/v1/tokens vs INSERT … RETURNING', serviceApi],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((key) => !benchmarks.some(([k]) => k === key));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map(([k]) => k).join(', ')}`,
  );
  process.exit(2);
}

for (const [key, name, run] of benchmarks) {
  if (wanted.length > 0 && !wanted.includes(key)) continue;
  console.log(`\n=== ${name} ===\n`);
  await run();
}

// `npm test`: builds dist/ (the cross-process tests run the compiled apps, as production does),
// runs every Vitest project in one run, and ends with the one line CI reads:
// `N passed, N failed, N skipped`. Extra arguments go to Vitest (`npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.data/test-report.json';
mkdirSync('.data', { recursive: true });
rmSync(report, { force: true });

const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
const vitest = spawnSync('node_modules/.bin/vitest', [...args, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  skipped = result.numPendingTests + result.numTodoTests;
  // A file that fails to load or whose hooks throw has no test results of its own: count it.
  failed += result.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'),
  ).length;
} catch {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);

// `npm test`: builds dist/ (the cross-process tests run the compiled apps, as production does, and
// the browser tests load the built dashboard), runs the dashboard's Angular unit tests (`ng test`,
// Vitest under Angular's builder) and every Vitest project of the server in one run, and ends
// with the one line CI reads: `N passed, N failed, N skipped`, summed over both JSON reports.
// Extra arguments go to the server's Vitest (`npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const serverReport = '.data/test-report.json';
const adminReport = '.data/admin-test-report.json';
mkdirSync('.data', { recursive: true });
rmSync(serverReport, { force: true });
rmSync(adminReport, { force: true });

const build = spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const json = (file) => ['--reporters=default', '--reporters=json', `--output-file=${file}`];
const admin = spawnSync(
  'node_modules/.bin/ng',
  ['test', 'admin', '--watch=false', ...json(adminReport)],
  { stdio: 'inherit' },
);

const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${serverReport}`];
const vitest = spawnSync('node_modules/.bin/vitest', [...args, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

/** Counts of one Vitest JSON report; a missing or unreadable report is one failure. */
function countsOf(file, status) {
  try {
    const result = JSON.parse(readFileSync(file, 'utf8'));
    let failed = result.numFailedTests;
    // A file that fails to load or whose hooks throw has no test results of its own: count it.
    failed += result.testResults.filter(
      (f) => f.status === 'failed' && f.assertionResults.every((t) => t.status !== 'failed'),
    ).length;
    if (status !== 0 && failed === 0) failed = 1;
    return {
      passed: result.numPassedTests,
      failed,
      skipped: result.numPendingTests + result.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

/** The tier of a server test file, from where it lives (see vitest.config.ts). */
function tierOf(file) {
  const path = file.replaceAll('\\', '/');
  if (path.includes('/test/medium/')) return 'medium';
  if (path.includes('/test/integration/')) return 'integration';
  if (path.includes('/test/e2e/')) return 'e2e';
  return 'unit';
}

/**
 * Passed and failed tests per tier, and how many of them test the Google emulator itself
 * (apps/google-emulator) rather than the product. Printed above the summary line.
 */
function tierLines() {
  const tiers = { admin: { passed: 0, failed: 0 } };
  let emulator = 0;
  try {
    const result = JSON.parse(readFileSync(adminReport, 'utf8'));
    tiers.admin = { passed: result.numPassedTests, failed: result.numFailedTests };
  } catch {
    tiers.admin = { passed: 0, failed: 1 };
  }
  try {
    const result = JSON.parse(readFileSync(serverReport, 'utf8'));
    for (const file of result.testResults) {
      const tier = (tiers[tierOf(file.name)] ??= { passed: 0, failed: 0 });
      const passed = file.assertionResults.filter((t) => t.status === 'passed').length;
      tier.passed += passed;
      tier.failed += file.assertionResults.filter((t) => t.status === 'failed').length;
      if (file.name.replaceAll('\\', '/').includes('/apps/google-emulator/')) emulator += passed;
    }
  } catch {
    // countsOf already counts the missing report as a failure.
  }
  const lines = ['admin', 'unit', 'medium', 'integration', 'e2e']
    .filter((name) => tiers[name])
    .map((name) => `${name.padEnd(12)} ${tiers[name].passed} passed, ${tiers[name].failed} failed`);
  lines.push(`${emulator} of the unit tests test the Google emulator, not the product`);
  return lines;
}

const counts = [countsOf(adminReport, admin.status), countsOf(serverReport, vitest.status)];
const passed = counts.reduce((sum, c) => sum + c.passed, 0);
const failed = counts.reduce((sum, c) => sum + c.failed, 0);
const skipped = counts.reduce((sum, c) => sum + c.skipped, 0);

for (const line of tierLines()) console.log(line);
// The last line, which CI reads: keep it last.
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || admin.status !== 0 || vitest.status !== 0 ? 1 : 0);

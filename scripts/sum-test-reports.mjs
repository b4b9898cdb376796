// Sums jest's JSON reports (packages/*/reports/jest.json) and prints the CI line `tests: N passed, N failed`.
// A package with test files but no report counts as one failure (its jest run crashed before reporting).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function hasTests(dir) {
  if (!existsSync(dir)) return false;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory() ? hasTests(path) : name.endsWith('.test.ts')) return true;
  }
  return false;
}

let passed = 0;
let failed = 0;
for (const folder of readdirSync('packages').sort()) {
  const report = join('packages', folder, 'reports', 'jest.json');
  if (!existsSync(report)) {
    if (hasTests(join('packages', folder, 'test'))) {
      console.log(`${folder}: no jest report (the test run did not finish)`);
      failed += 1;
    }
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const suitesFailedToRun = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  console.log(`${folder}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${suitesFailedToRun ? `, ${suitesFailedToRun} suite(s) failed to run` : ''}`);
  passed += r.numPassedTests;
  failed += r.numFailedTests + suitesFailedToRun;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

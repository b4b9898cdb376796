// Runs jest for the package in the current folder (ESM TypeScript: see ../shared/notes/toolchain.md) and writes
// its JSON report to reports/jest.json, which scripts/sum-test-reports.mjs sums for the CI line.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

mkdirSync('reports', { recursive: true });
// jest's exports map hides bin/jest.js; resolve the package folder through its package.json.
const jest = createRequire(import.meta.url).resolve('jest/package.json').replace(/package\.json$/, 'bin/jest.js');
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, '--json', '--outputFile=reports/jest.json', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);

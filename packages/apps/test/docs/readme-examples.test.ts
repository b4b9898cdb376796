import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Each package README's "Quick example" (a ```ts block followed by a ```text block of what it prints) is run
// against the built packages, from inside @isinglab/apps so '@isinglab/*' imports resolve as they would for users.
const appsRoot = resolve(import.meta.dirname, '../..');
const packagesRoot = resolve(appsRoot, '..');
const scratch = join(appsRoot, '.readme-examples');

interface Example {
  pkg: string;
  code: string;
  output: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const pkg of readdirSync(packagesRoot).sort()) {
    const readme = join(packagesRoot, pkg, 'README.md');
    if (!existsSync(readme)) continue;
    const text = readFileSync(readme, 'utf8');
    const section = /## Quick example\s*\n([\s\S]*?)(\n## |$)/.exec(text)?.[1];
    if (!section) continue;
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
    if (code === undefined || output === undefined) throw new Error(`${pkg}/README.md: quick example needs a ts and a text block`);
    out.push({ pkg, code, output });
  }
  return out;
}

describe('README quick examples', () => {
  const list = examples();
  it('exist for the built packages', () => {
    expect(list.map((e) => e.pkg)).toContain('graph');
  });
  it.each(list.map((e) => [e.pkg, e] as const))('%s: runs and prints what the README says', (_pkg, example) => {
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, `${example.pkg}.ts`);
    writeFileSync(file, example.code);
    try {
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: appsRoot, encoding: 'utf8', timeout: 120_000 });
      expect(stdout).toBe(example.output);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

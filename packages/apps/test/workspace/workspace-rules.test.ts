import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
// The checker is a root script shared with `pnpm lint`.
import { checkWorkspace } from '../../../../scripts/workspace-rules.mjs';

const repoRoot = resolve(import.meta.dirname, '../../../..');

function fakeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'isinglab-rules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// Built by concatenation so that this file's own text holds no import statement for the checker to flag.
const importLine = (keyword: string, spec: string) => `${keyword} { x } ${'fr' + 'om'} '${spec}';\n`;

const manifest = (name: string, deps: Record<string, string> = {}, exportsMap: object = { '.': './dist/index.js' }) =>
  JSON.stringify({ name: `@isinglab/${name}`, exports: exportsMap, dependencies: deps });

describe('workspace rules', () => {
  it('hold for this repository: dependencies point one way and no package imports internals', () => {
    expect(checkWorkspace(repoRoot)).toEqual([]);
  });

  it('report a dependency that points the wrong way', () => {
    const root = fakeWorkspace({
      'packages/graph/package.json': manifest('graph', { '@isinglab/ising': 'workspace:*' }),
      'packages/ising/package.json': manifest('ising', { '@isinglab/graph': 'workspace:*' }),
    });
    try {
      const v = checkWorkspace(root);
      expect(v).toHaveLength(1);
      expect(v[0]).toMatch(/packages\/graph\/package.json: depends on @isinglab\/ising, which points the wrong way/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('report imports of another package internals, undeclared imports and reaching across folders', () => {
    const root = fakeWorkspace({
      'packages/graph/package.json': manifest('graph', {}, { '.': './dist/index.js', './testing': './dist/testing/index.js' }),
      'packages/ising/package.json': manifest('ising', { '@isinglab/graph': 'workspace:*' }),
      'packages/exact/package.json': manifest('exact'),
      'packages/ising/src/a.ts': importLine('import', '@isinglab/graph/src/core/graph.js') + importLine('import', '@isinglab/graph/testing'),
      'packages/ising/src/b.ts': importLine('export', '../../graph/src/index.js'),
      'packages/exact/src/c.ts': importLine('import', '@isinglab/graph'),
    });
    try {
      const v = checkWorkspace(root).join('\n');
      expect(v).toMatch(/packages\/ising\/src\/a.ts: imports '@isinglab\/graph\/src\/core\/graph.js', which is not a public entry point/);
      expect(v).not.toMatch(/graph\/testing/);
      expect(v).toMatch(/packages\/ising\/src\/b.ts: relative import '..\/..\/graph\/src\/index.js' reaches into another package/);
      expect(v).toMatch(/packages\/exact\/src\/c.ts: imports @isinglab\/graph without declaring it/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

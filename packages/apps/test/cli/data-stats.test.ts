import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledDataDir } from '../../src/lib/paths.js';
import { run } from './helpers.js';

describe('isinglab data stats / experiment', () => {
  it('tabulates every bundled file and writes the JSON result atomically', async () => {
    const results = mkdtempSync(join(tmpdir(), 'isinglab-results-'));
    process.env['ISINGLAB_RESULTS'] = results;
    try {
      const r = await run('experiment', 'data-stats', '--data', bundledDataDir(), '--config', 'quick');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/karate\/edges\.txt\s+edgelist\s+34\s+78\s/);
      const json = JSON.parse(readFileSync(join(results, 'data-stats', 'quick.json'), 'utf8'));
      expect(json.files).toHaveLength(9);
      expect(json.files.map((f: { name: string }) => f.name)).toContain('meshes/spot.obj');
      expect(r.stderr).toMatch(/\[9\/9\] .* eta/);
    } finally {
      delete process.env['ISINGLAB_RESULTS'];
      rmSync(results, { recursive: true, force: true });
    }
  });

  it('rejects an empty folder and an unknown config with exit code 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'isinglab-empty-'));
    try {
      expect((await run('data', 'stats', '--data', empty)).code).toBe(2);
      expect((await run('data', 'stats', '--config', 'huge', '--data', bundledDataDir())).code).toBe(2);
      // an unknown experiment name, and a known one with an unknown configuration
      expect((await run('experiment', 'no-such-experiment')).code).toBe(2);
      const badConfig = await run('experiment', 'spai', '--config', 'huge');
      expect(badConfig.code).toBe(2);
      expect(badConfig.stderr).toMatch(/--config must be one of quick, paper/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '@isinglab/graph';
import { experimentConfig, skipWithoutData, stepProgress } from '../../src/lib/experiment-command.js';

const dir = mkdtempSync(join(tmpdir(), 'isinglab-experiment-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'meshes'));
writeFileSync(join(dir, 'meshes', 'spot.obj'), 'v 0 0 0\n');

function capture() {
  const err: string[] = [];
  return { err, io: { out: () => undefined, err: (line: string) => err.push(line) } };
}

describe('experiment command helpers', () => {
  it('skipWithoutData skips (with one notice) only when the bundled copy lacks a needed path', () => {
    const c = capture();
    expect(skipWithoutData('mesh', { dir, bundled: true }, ['meshes/spot.obj', 'meshes/blub_triangulated.obj'], c.io)).toBe(true);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^isinglab experiment mesh: skipped, the bundled data has no meshes\/blub_triangulated\.obj \(/);
    const d = capture();
    expect(skipWithoutData('mesh', { dir, bundled: true }, ['meshes/spot.obj'], d.io)).toBe(false);
    // a folder the user pointed at is never skipped (missing files there are the loader's typed errors)
    expect(skipWithoutData('mesh', { dir, bundled: false }, ['meshes/blub_triangulated.obj'], d.io)).toBe(false);
    expect(d.err).toHaveLength(0);
  });

  it('experimentConfig names the valid configurations in its error; an override wins', () => {
    const configs = { quick: 1, paper: 2 };
    expect(experimentConfig('x', 'paper', configs)).toBe(2);
    expect(experimentConfig('x', 'nope', configs, 7)).toBe(7);
    let caught: unknown;
    try {
      experimentConfig('x', 'nope', configs);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/--config must be one of quick, paper/);
  });

  it('stepProgress throttles lines but always reports a forced one; the bar counts every unit, the ETA only those timed here', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const report = stepProgress(10, 60_000);
      // units 1–4 were done before this process (or before its first report): no rate yet
      expect(report(4, { loss: 1 })).toMatch(/^\(4\/10 steps\): \[####\.{6}\] 40%  loss 1\.0000  elapsed 0s$/);
      jest.setSystemTime(1_001_000);
      expect(report(5, { loss: 1 })).toBeNull();
      // units 5 and 6 took 2 s: 1 s each, 4 to go
      jest.setSystemTime(1_002_000);
      expect(report(6, { loss: 0.5 }, true)).toBe('(6/10 steps): [######....] 60%  loss 0.5000  elapsed 2s  eta 4s');
    } finally {
      jest.useRealTimers();
    }
  });
});

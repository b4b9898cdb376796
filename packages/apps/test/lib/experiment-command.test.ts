import { afterAll, describe, expect, it } from '@jest/globals';
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

  it('stepProgress throttles lines but always reports a forced one, counting from the first unit it saw', () => {
    const report = stepProgress(10, 60_000);
    expect(report(4, { loss: 1 })).not.toBeNull();
    expect(report(5, { loss: 1 })).toBeNull();
    const forced = report(6, { loss: 0.5 }, true);
    expect(forced).toMatch(/^\(6\/10 steps\): /);
    // the bar shows the whole run (units 1–3 came from a checkpoint); the ETA rests on the 3 units seen here, so
    // it is at most elapsed · 4/3 (elapsed itself is about 0 in this test)
    expect(forced).toMatch(/\[#{6}\.{4}\] 60%/);
    expect(forced).toMatch(/elapsed 0s(  eta 0s)?$/);
  });
});

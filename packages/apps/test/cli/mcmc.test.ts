import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'isinglab-mcmc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A weighted 6-cycle and a 3x3 symmetric MatrixMarket matrix with a diagonal; log Z by hand below.
const cycle = join(dir, 'cycle.txt');
writeFileSync(cycle, '0 1 0.5\n1 2 0.5\n2 3 0.5\n3 4 0.5\n4 5 0.5\n5 0 0.5\n');
const matrix = join(dir, 'm.mtx');
writeFileSync(matrix, '%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 0.3\n2 1 1.0\n3 2 -0.5\n3 3 -0.2\n');
const fields = join(dir, 'fields.txt');
writeFileSync(fields, '0.1\n# comment\n-0.2\n0.3\n');
const badFields = join(dir, 'bad-fields.txt');
writeFileSync(badFields, '0.1\nabc\n0.3\n');

/** log Z of a model given as edges (u, v, J) and fields, by enumeration written here. */
function logZ(n: number, edges: [number, number, number][], h: number[], beta: number): number {
  let z = 0;
  for (let s = 0; s < 1 << n; s++) {
    const x = (i: number) => ((s >> i) & 1 ? 1 : -1);
    let e = 0;
    for (const [u, v, j] of edges) e -= j * x(u) * x(v);
    for (let i = 0; i < n; i++) e -= (h[i] ?? 0) * x(i);
    z += Math.exp(-beta * e);
  }
  return Math.log(z);
}

describe('isinglab exact-small', () => {
  it('prints log Z of a weighted edge list with uniform or weight couplings', async () => {
    const ring: [number, number, number][] = [0, 1, 2, 3, 4, 5].map((i) => [i, (i + 1) % 6, 0.5]);
    const weights = await run('exact-small', cycle, '--beta', '0.7', '--couplings-from-weights', '--json');
    expect(weights.code).toBe(0);
    expect(JSON.parse(weights.stdout).logZ).toBeCloseTo(logZ(6, ring, [], 0.7), 10);
    const uniform = await run('exact-small', cycle, '--beta', '0.7', '--J=-1', '--json');
    const ringAnti = ring.map(([u, v]) => [u, v, -1] as [number, number, number]);
    expect(JSON.parse(uniform.stdout).logZ).toBeCloseTo(logZ(6, ringAnti, [], 0.7), 10);
  });

  it('takes fields from a MatrixMarket diagonal or a field file', async () => {
    const edges: [number, number, number][] = [[0, 1, 1.0], [1, 2, -0.5]];
    const diag = await run('exact-small', matrix, '--beta', '1.2', '--couplings-from-weights', '--fields-from-diagonal', '--json');
    expect(diag.code).toBe(0);
    expect(JSON.parse(diag.stdout).logZ).toBeCloseTo(logZ(3, edges, [0.3, 0, -0.2], 1.2), 10);
    const file = await run('exact-small', matrix, '--beta', '1.2', '--couplings-from-weights', '--field-file', fields, '--json');
    expect(JSON.parse(file.stdout).logZ).toBeCloseTo(logZ(3, edges, [0.1, -0.2, 0.3], 1.2), 10);
  });

  it('refuses graphs with more than 24 nodes, bad field files and missing --beta with exit code 2', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, Array.from({ length: 25 }, (_, i) => `${i} ${(i + 1) % 25}`).join('\n'));
    const tooBig = await run('exact-small', big, '--beta', '1');
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/at most 24 nodes/);
    const bad = await run('exact-small', matrix, '--beta', '1', '--field-file', badFields);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-fields\.txt:2/);
    const noBeta = await run('exact-small', cycle);
    expect(noBeta.code).toBe(2);
    expect(noBeta.stderr).toMatch(/--beta/);
    const both = await run('exact-small', matrix, '--beta', '1', '--fields-from-diagonal', '--field-file', fields);
    expect(both.code).toBe(2);
  });
});

describe('isinglab mcmc', () => {
  it('prints energy per spin, |m|, ESS, R-hat and time, consistent with exact-small', async () => {
    const exact = JSON.parse((await run('exact-small', cycle, '--beta', '0.7', '--couplings-from-weights', '--json')).stdout);
    for (const sampler of ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang']) {
      const r = await run('mcmc', cycle, '--beta', '0.7', '--couplings-from-weights', '--sweeps', '4000', '--chains', '4', '--sampler', sampler, '--seed', '1', '--json');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      for (const key of ['energyPerSpin', 'absMagnetisation', 'essEnergy', 'rhatEnergy', 'seconds']) expect(s).toHaveProperty(key);
      // 4σ with σ from the chains' ESS
      expect(Math.abs(s.energyPerSpin - exact.energyPerSpin)).toBeLessThan(4 * s.energyPerSpinStandardError);
      expect(s.rhatEnergy).toBeLessThan(1.05);
    }
    const text = await run('mcmc', cycle, '--beta', '0.7', '--sweeps', '100');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/energy per spin/);
    expect(text.stdout).toMatch(/split R-hat/);
  });

  it('gives the same numbers with worker threads', async () => {
    const a = JSON.parse((await run('mcmc', cycle, '--beta', '0.4', '--sweeps', '200', '--chains', '3', '--seed', '5', '--json')).stdout);
    const b = JSON.parse((await run('mcmc', cycle, '--beta', '0.4', '--sweeps', '200', '--chains', '3', '--seed', '5', '--workers', '2', '--json')).stdout);
    expect(b.energyPerSpin).toBe(a.energyPerSpin);
    expect(b.absMagnetisation).toBe(a.absMagnetisation);
  }, 30000);

  it('rejects bad flags with exit code 2 and one line naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['--beta', 'abc'], /--beta/],
      [['--beta', '1', '--sweeps', '2.5'], /--sweeps/],
      [['--beta', '1', '--sampler', 'gibbs'], /--sampler/],
      [['--beta', '1', '--sampler', 'wolff', '--J=-1'], /model/],
      [['--beta', '1', '--couplings-from-weights', '--J', '2'], /coupling/],
    ];
    for (const [flags, pattern] of cases) {
      const r = await run('mcmc', cycle, ...flags);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.split('\n').length).toBe(1);
    }
  });
});

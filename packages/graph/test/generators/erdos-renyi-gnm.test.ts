import { describe, expect, it } from '@jest/globals';
import { erdosRenyiGnm } from '../../src/generators/index.js';
import { createRng, validateGraph } from '../../src/index.js';
import { chiSquareTest, edgeKey, sameGraph, tally } from './helpers.js';

describe('erdosRenyiGnm', () => {
  it('same seed ⇒ identical graph; different seed ⇒ different graph (both sampling branches)', () => {
    for (const m of [300, 1200]) {
      const a = erdosRenyiGnm(50, m, { rng: createRng(1) });
      const b = erdosRenyiGnm(50, m, { rng: createRng(1) });
      const c = erdosRenyiGnm(50, m, { rng: createRng(2) });
      expect(sameGraph(a, b)).toBe(true);
      expect(sameGraph(a, c)).toBe(false);
    }
  });

  it.each([
    [100, 0, false],
    [100, 1, false],
    [100, 2475, false], // exactly half the pairs: sparse branch
    [100, 2476, false], // complement branch
    [100, 4950, false], // all pairs
    [5000, 20000, false],
    [60, 1000, true],
    [60, 3000, true],
    [60, 3540, true],
  ])('G(%i, %i) directed=%s has exactly m simple edges', (n, m, directed) => {
    const g = erdosRenyiGnm(n, m, { rng: createRng(n + m), directed });
    validateGraph(g);
    expect([g.order, g.size, g.directed]).toEqual([n, m, directed]);
  });

  it('empty and single-node graphs', () => {
    const rng = createRng(0);
    expect(erdosRenyiGnm(0, 0, { rng }).order).toBe(0);
    expect(erdosRenyiGnm(1, 0, { rng }).size).toBe(0);
  });

  it('every pair equally likely: χ² over the 10 pairs of n = 5, m = 3, 6000 draws (p-value > 0.001)', () => {
    const rng = createRng(77);
    const counts = new Array<number>(10).fill(0);
    const index = (u: number, v: number) => (v * (v - 1)) / 2 + u;
    for (let t = 0; t < 6000; t++) {
      const g = erdosRenyiGnm(5, 3, { rng });
      for (let e = 0; e < 3; e++) counts[index(g.edgeSources[e]!, g.edgeTargets[e]!)]!++;
    }
    expect(chiSquareTest(counts, new Array<number>(10).fill(1800)).p).toBeGreaterThan(0.001);
  });

  // C(6, 2) = 15 edge sets for n = 4 with m = 2 (sampling branch) or m = 4 (complement branch); C(6, 2) = 15 arc sets
  // for directed n = 3 with m = 2 or m = 4. Uniform over sets: χ² with 14 df over 7500 draws (500 expected each).
  it.each([
    [4, 2, false],
    [4, 4, false],
    [3, 2, true],
    [3, 4, true],
  ])('uniform over all edge sets: n = %i, m = %i, directed = %s (χ² p-value > 0.001)', (n, m, directed) => {
    const rng = createRng(n * 10 + m + (directed ? 1 : 0));
    const draws = 7500;
    const keys: string[] = [];
    for (let t = 0; t < draws; t++) keys.push(edgeKey(erdosRenyiGnm(n, m, { rng, directed })));
    const counts = tally(keys);
    expect(counts.size).toBe(15);
    expect(chiSquareTest([...counts.values()], new Array<number>(15).fill(draws / 15)).p).toBeGreaterThan(0.001);
  });
});

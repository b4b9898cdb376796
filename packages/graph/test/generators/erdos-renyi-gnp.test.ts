import { describe, expect, it } from '@jest/globals';
import { erdosRenyiGnp } from '../../src/generators/index.js';
import { createRng, validateGraph } from '../../src/index.js';
import { chiSquareTest, degreeList, sameGraph } from './helpers.js';

describe('erdosRenyiGnp', () => {
  it('same seed ⇒ identical graph; different seed ⇒ different graph', () => {
    const a = erdosRenyiGnp(500, 0.02, { rng: createRng(5) });
    const b = erdosRenyiGnp(500, 0.02, { rng: createRng(5) });
    const c = erdosRenyiGnp(500, 0.02, { rng: createRng(6) });
    expect(sameGraph(a, b)).toBe(true);
    expect(sameGraph(a, c)).toBe(false);
  });

  // Edge count ~ Binomial(N, p); tolerance 5σ (two-sided false-failure rate ≈ 6e-7 per case).
  const cases: [number, number, boolean][] = [
    [1000, 0.01, false],
    [2000, 0.001, false],
    [300, 0.5, false],
    [20000, 1e-4, false],
    [100000, 2e-6, false],
    [500, 0.02, true],
    [200, 0.9, true],
  ];
  it.each(cases)('G(%i, %f) directed=%s: simple, edge count within 5σ of p·N', (n, p, directed) => {
    const g = erdosRenyiGnp(n, p, { rng: createRng(n + 17), directed });
    validateGraph(g);
    expect(g.directed).toBe(directed);
    expect(g.order).toBe(n);
    const pairs = directed ? n * (n - 1) : (n * (n - 1)) / 2;
    const sigma = Math.sqrt(pairs * p * (1 - p));
    expect(Math.abs(g.size - pairs * p)).toBeLessThanOrEqual(5 * sigma);
  });

  it('p = 0 gives no edges and p = 1 the complete graph (both directions); n ≤ 1 has no pairs', () => {
    const rng = createRng(1);
    expect(erdosRenyiGnp(50, 0, { rng }).size).toBe(0);
    const k = erdosRenyiGnp(50, 1, { rng });
    validateGraph(k);
    expect(k.size).toBe(1225);
    const kd = erdosRenyiGnp(30, 1, { rng, directed: true });
    validateGraph(kd);
    expect(kd.size).toBe(870);
    expect(erdosRenyiGnp(0, 0.5, { rng }).order).toBe(0);
    expect(erdosRenyiGnp(1, 0.9, { rng }).size).toBe(0);
    expect(erdosRenyiGnp(1, 0.9, { rng, directed: true }).size).toBe(0);
  });

  it('edge ids follow pair order: (larger endpoint, smaller endpoint) undirected, (source, target) directed', () => {
    const g = erdosRenyiGnp(300, 0.05, { rng: createRng(3) });
    for (let e = 1; e < g.size; e++) {
      const prev = g.edgeTargets[e - 1]! * 1e6 + g.edgeSources[e - 1]!;
      expect(g.edgeTargets[e]! * 1e6 + g.edgeSources[e]!).toBeGreaterThan(prev);
    }
    const d = erdosRenyiGnp(300, 0.05, { rng: createRng(3), directed: true });
    for (let e = 1; e < d.size; e++) {
      const prev = d.edgeSources[e - 1]! * 1e6 + d.edgeTargets[e - 1]!;
      expect(d.edgeSources[e]! * 1e6 + d.edgeTargets[e]!).toBeGreaterThan(prev);
    }
  });

  it('degrees follow Binomial(n − 1, p) (χ², p-value > 0.001), undirected and directed out-degrees', () => {
    for (const directed of [false, true]) {
      const n = 4000;
      const p = 0.003;
      const g = erdosRenyiGnp(n, p, { rng: createRng(directed ? 99 : 98), directed });
      const deg = degreeList(g);
      const maxK = 60;
      const observed = new Array<number>(maxK + 1).fill(0);
      for (const d of deg) observed[Math.min(d, maxK)]!++;
      const expectedCounts: number[] = [];
      let pmf = Math.pow(1 - p, n - 1);
      let cdf = 0;
      for (let k = 0; k < maxK; k++) {
        expectedCounts.push(n * pmf);
        cdf += pmf;
        pmf *= ((n - 1 - k) / (k + 1)) * (p / (1 - p));
      }
      expectedCounts.push(n * (1 - cdf));
      const { p: pValue, df } = chiSquareTest(observed, expectedCounts);
      expect(df).toBeGreaterThan(8);
      expect(pValue).toBeGreaterThan(0.001);
    }
  });

  it('every pair is equally likely: χ² over the 10 pairs of n = 5 in 4000 draws (p-value > 0.001)', () => {
    const rng = createRng(2024);
    const counts = new Array<number>(10).fill(0);
    const index = (u: number, v: number) => (v * (v - 1)) / 2 + u;
    for (let t = 0; t < 4000; t++) {
      const g = erdosRenyiGnp(5, 0.3, { rng });
      for (let e = 0; e < g.size; e++) counts[index(g.edgeSources[e]!, g.edgeTargets[e]!)]!++;
    }
    expect(chiSquareTest(counts, new Array<number>(10).fill(4000 * 0.3)).p).toBeGreaterThan(0.001);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { rankNormalizedSplitRHat, splitRHat } from '../../src/diagnostics/index.js';
import { ar1, thrown } from './helpers.js';

interface FixtureCase {
  name: string;
  chains: number;
  draws: number;
  values: number[];
  splitRHat: number;
  rankNormalizedSplitRHat: number;
}
// numpy/scipy reference (scipy.stats.rankdata for tied ranks, scipy.special.ndtri for Φ⁻¹), made by
// test/fixtures/diagnostics/make-r-hat-fixture.py.
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/diagnostics/r-hat.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

/** BDA3 §11.4 written out with plain arrays: split, W, B, var⁺. */
function bdaSplitRHat(values: ArrayLike<number>, chains: number): number {
  const draws = values.length / chains;
  const n = Math.floor(draws / 2);
  const halves: number[][] = [];
  for (let c = 0; c < chains; c++) {
    const chain = Array.from({ length: draws }, (_, j) => values[c * draws + j] as number);
    halves.push(chain.slice(0, n), chain.slice(draws - n));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = (xs: number[]) => {
    const m = mean(xs);
    return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  };
  const w = mean(halves.map(variance));
  const bOverN = variance(halves.map(mean));
  return Math.sqrt((((n - 1) / n) * w + bOverN) / w);
}

describe('splitRHat', () => {
  for (const [chains, draws] of [[1, 4], [1, 101], [4, 1000], [3, 77]] as const) {
    it(`equals the BDA3 formula written out (${chains} × ${draws}) to 1e-12`, () => {
      const values = ar1(0.6, chains, draws, chains * 1000 + draws, [0, 0.2, -0.1, 0.4]);
      // both are O(n) sums of unit-scale terms: round-off ≈ 1e-15
      expect(Math.abs(splitRHat(values, { chains }) - bdaSplitRHat(values, chains))).toBeLessThan(1e-12);
    });
  }

  for (const c of fixture.cases) {
    it(`matches numpy on fixture "${c.name}" to 1e-12`, () => {
      expect(Math.abs(splitRHat(c.values, { chains: c.chains }) - c.splitRHat)).toBeLessThan(1e-12);
    });
  }

  // R̂ − 1 for m = 8 well-mixed halves of n = 500 with τ = 3 is ≈ (B/n)/(2W) ≈ 1/(2·ESS_half) ≈ 0.003 with a
  // χ²₇/7 spread (measured 1.000–1.003 over 5 seeds); 1.01 is the Vehtari et al. (2021) threshold.
  it('4 independent stationary chains: R̂ < 1.01', () => {
    expect(splitRHat(ar1(0.5, 4, 1000, 51), { chains: 4 })).toBeLessThan(1.01);
  });

  it('chains with different means: R̂ > 1.5', () => {
    // half means 0,0,2,2,4,4,6,6: B/n = 40/7 against W ≈ 1, R̂ ≈ √6.7 ≈ 2.6
    expect(splitRHat(ar1(0.5, 4, 1000, 52, [0, 2, 4, 6]), { chains: 4 })).toBeGreaterThan(1.5);
  });

  it('a single drifting chain is caught by splitting', () => {
    const values = ar1(0.2, 1, 1000, 53).map((x, t) => x + (6 * t) / 1000);
    // half means differ by 3 while each half's sd is ≈ 1.3: R̂ ≈ 1.9
    expect(splitRHat(values)).toBeGreaterThan(1.5);
  });

  it('odd draws drop the middle draw', () => {
    const base = Float64Array.of(0, 1, 2, 3, 100, 4, 5, 6, 7);
    const without = Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    expect(splitRHat(base)).toBe(splitRHat(without));
  });

  it('constant series: 1; every half frozen at different values: +∞', () => {
    expect(splitRHat(new Float64Array(16).fill(0.3), { chains: 2 })).toBe(1);
    expect(splitRHat(Float64Array.of(1, 1, 1, 1, 2, 2, 2, 2), { chains: 2 })).toBe(Infinity);
    expect(splitRHat(Float64Array.of(5, 5, 7, 7))).toBe(Infinity);
  });

  it.each([
    ['3 draws per chain', () => splitRHat(new Float64Array(6), { chains: 2 }), 'values.length'],
    ['3 draws, one chain', () => splitRHat([1, 2, 3]), 'values.length'],
    ['chains not dividing the length', () => splitRHat(new Float64Array(10), { chains: 4 }), 'options.chains'],
    ['NaN inside', () => splitRHat(Float64Array.of(1, 2, 3, 4, 5, NaN, 7, 8), { chains: 2 }), 'values[5]'],
    ['not an array', () => splitRHat(null as never), 'values'],
    ['unknown option', () => splitRHat([1, 2, 3, 4], { chain: 1 } as never), 'options.chain'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

describe('rankNormalizedSplitRHat', () => {
  for (const c of fixture.cases) {
    // Acklam's Φ⁻¹ has relative error < 1.15e-9; propagated through R̂ (a ratio of variances of the scores) that
    // stays below ~1e-8, so 1e-7 checks ranks, ties, the (r − 3/8)/(S + 1/4) offset and folding exactly enough.
    it(`matches numpy/scipy on fixture "${c.name}" to 1e-7`, () => {
      const r = rankNormalizedSplitRHat(c.values, { chains: c.chains });
      expect(Math.abs(r - c.rankNormalizedSplitRHat)).toBeLessThan(1e-7);
    });
  }

  it('4 independent stationary chains: R̂ < 1.01', () => {
    expect(rankNormalizedSplitRHat(ar1(0.5, 4, 1000, 51), { chains: 4 })).toBeLessThan(1.01);
  });

  it('chains with different means: R̂ > 1.5', () => {
    expect(rankNormalizedSplitRHat(ar1(0.5, 4, 1000, 52, [0, 2, 4, 6]), { chains: 4 })).toBeGreaterThan(1.5);
  });

  it('folding catches chains that agree in location but not in scale, which plain split-R̂ misses', () => {
    const values = ar1(0, 4, 1000, 54);
    for (let i = 3000; i < 4000; i++) values[i] = (values[i] as number) * 3;
    // measured over 5 seeds: plain 0.999–1.0005, rank-normalised 1.12–1.15
    expect(splitRHat(values, { chains: 4 })).toBeLessThan(1.01);
    expect(rankNormalizedSplitRHat(values, { chains: 4 })).toBeGreaterThan(1.05);
  });

  it('heavy tails: sees a shifted Cauchy chain that plain split-R̂ misses', () => {
    // Cauchy draws (ratio of normals); chain 3 shifted by 2. Its huge sample variance hides the shift from the
    // plain statistic. Measured over 8 seeds: plain 0.9999–1.0004, rank-normalised 1.059–1.074.
    const rng = createRng(56);
    const values = Float64Array.from({ length: 4000 }, (_, i) => rng.normal() / rng.normal() + (i >= 3000 ? 2 : 0));
    expect(splitRHat(values, { chains: 4 })).toBeLessThan(1.01);
    expect(rankNormalizedSplitRHat(values, { chains: 4 })).toBeGreaterThan(1.03);
  });

  it('constant series: 1; frozen halves at different values: +∞', () => {
    expect(rankNormalizedSplitRHat(new Float64Array(8).fill(4), { chains: 2 })).toBe(1);
    expect(rankNormalizedSplitRHat(Float64Array.of(1, 1, 1, 1, 2, 2, 2, 2), { chains: 2 })).toBe(Infinity);
  });

  it.each([
    ['3 draws per chain', () => rankNormalizedSplitRHat(new Float64Array(6), { chains: 2 }), 'values.length'],
    ['chains not dividing the length', () => rankNormalizedSplitRHat(new Float64Array(9), { chains: 2 }), 'options.chains'],
    ['NaN inside', () => rankNormalizedSplitRHat([1, 2, NaN, 4]), 'values[2]'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

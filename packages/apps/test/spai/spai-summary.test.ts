import { describe, expect, it } from '@jest/globals';
import { createRng } from '@isinglab/graph';
import { SPAI_METHODS, type SpaiMethod } from '../../src/experiments/spai/methods.js';
import { orderingHolds, pairedDifference, summariseSpai, type MethodSummary, type SeedResultStats } from '../../src/experiments/spai/spai-summary.js';

/** Mean and sample std of raw values, with a made-up interval half-width. */
function stats(values: readonly number[], ci95: number): { mean: number; std: number; ci95: number } {
  const k = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1)), ci95 };
}

/** A seed result: method m has mean `means[m]` and interval half-width `ci95[m]` (fraction and iterations made up). */
function seedResult(seed: number, means: Partial<Record<SpaiMethod, number>>, ci95: Partial<Record<SpaiMethod, number>> = {}, fraction = 0.5): SeedResultStats {
  const methods = Object.fromEntries(
    SPAI_METHODS.map((m, i): [SpaiMethod, MethodSummary] => {
      const mean = means[m] ?? 4 + 0.1 * i;
      const values = [mean - 0.1, mean, mean + 0.1];
      return [m, { ...stats(values, ci95[m] ?? 0.05), fraction: m === 'Ising+mag' ? fraction : 0.4 + 0.01 * i, gmresIterations: 10 + i + seed, values }];
    }),
  ) as Record<SpaiMethod, MethodSummary>;
  return { setting: 1, seed, test: 3, methods };
}

describe('SPAI run summary over seeds', () => {
  it('per method: the mean and std of the seed means, each seed’s mean and interval in seed order, averaged fraction and iterations', () => {
    const rng = createRng(5);
    const means = [1, 2, 3].map(() => Object.fromEntries(SPAI_METHODS.map((m) => [m, 1 + 3 * rng.float64()])) as Record<SpaiMethod, number>);
    const [summary] = summariseSpai(means.map((m, s) => seedResult(s + 1, m)));
    expect(summary!.seeds).toEqual([1, 2, 3]);
    expect(summary!.testMatrices).toEqual([3, 3, 3]);
    for (const m of SPAI_METHODS) {
      const seedMeans = means.map((x) => x[m]);
      const reference = stats(seedMeans, 0);
      expect(summary!.methods[m].seedMeans.map((v) => Number(v.toFixed(12)))).toEqual(seedMeans.map((v) => Number(v.toFixed(12))));
      expect(summary!.methods[m].mean).toBeCloseTo(reference.mean, 12);
      expect(summary!.methods[m].seedStd).toBeCloseTo(reference.std, 12);
      expect(summary!.methods[m].seedCi95).toEqual([0.05, 0.05, 0.05]);
    }
    // iterations 10 + 0 + seed for Ising+mag: mean of 11, 12, 13
    expect(summary!.methods['Ising+mag'].gmresIterations).toBeCloseTo(12, 12);
  });

  it('the ordering needs Ising+mag’s upper bound below every rival’s lower bound', () => {
    const base = { Ising: { mean: 4, ci95: 0.1 }, Random: { mean: 4.1, ci95: 0.1 }, 'Only A': { mean: 4.2, ci95: 0.1 }, 'Oracle |A⁻¹|': { mean: 0.5, ci95: 0.1 }, 'Thresholded power': { mean: 3, ci95: 0.1 } };
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.5 } })).toBe(true);
    // 3 + 0.95 = 3.95 > 4 − 0.1: the intervals overlap
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.95 } })).toBe(false);
    // the oracle and the thresholded power are not rivals in Table 2
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.5 }, 'Oracle |A⁻¹|': { mean: 0.1, ci95: 0 } })).toBe(true);
  });

  it('acceptance per seed, and the fraction band [0.47, 0.53] with its ends included', () => {
    const good = seedResult(1, { 'Ising+mag': 2 }, {}, 0.53);
    // Ising+mag's interval reaches Random's: that seed fails, so not every seed holds
    const overlapping = seedResult(2, { 'Ising+mag': 2, Random: 2.5 }, { 'Ising+mag': 0.3, Random: 0.25 }, 0.47);
    const [both] = summariseSpai([good, overlapping]);
    expect(both!.acceptance).toMatchObject({ ordering: [true, false], orderingEverySeed: false, fractions: [0.53, 0.47], fractionInRange: true });
    const [outside] = summariseSpai([seedResult(1, { 'Ising+mag': 2 }, {}, 0.5301)]);
    expect(outside!.acceptance.orderingEverySeed).toBe(true);
    expect(outside!.acceptance.fractionInRange).toBe(false);
  });

  it('paired differences: mean and Student-t interval of a − b, and a seed whose matrices differ more than the methods', () => {
    // d = [−1, −0.5, −1.5, −1]: mean −1, std √(0.5/3), t(0.975, 3) = 3.18245
    const d = pairedDifference([1, 2, 3, 4], [2, 2.5, 4.5, 5]);
    expect(d.mean).toBeCloseTo(-1, 12);
    expect(d.ci95).toBeCloseTo((3.18245 * Math.sqrt(0.5 / 3)) / 2, 4);
    // losses spread 1…8 over the matrices, Ising+mag 0.5 below every rival on each: the unpaired intervals overlap,
    // the paired ones lie below 0
    const spread = [1, 3, 5, 8, 2, 6];
    const result = seedResult(1, {});
    for (const m of SPAI_METHODS) {
      const values = spread.map((v, i) => v + (m === 'Ising+mag' ? -0.5 : 0.01 * i));
      result.methods[m] = { ...stats(values, 0), ci95: 2, fraction: 0.5, gmresIterations: 10, values };
    }
    result.test = spread.length;
    const [summary] = summariseSpai([result]);
    expect(summary!.acceptance.ordering).toEqual([false]);
    expect(summary!.acceptance.pairedOrdering).toEqual([true]);
    expect(summary!.pairedDifferences[0]!['Only A']!.mean).toBeCloseTo(-0.5 - 0.025, 12);
  });
});

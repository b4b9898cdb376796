import { describe, expect, it } from '@jest/globals';
import { createRng } from '@isinglab/graph';
import { SPAI_METHODS, type SpaiMethod } from '../../src/experiments/spai/methods.js';
import { orderingHolds, summariseSpai, type SeedMethodStats, type SeedResultStats } from '../../src/experiments/spai/spai-summary.js';

/** Mean, sample std and 95 % half-width of raw values: the reference the pooled figures must equal. */
function direct(values: readonly number[]): { mean: number; std: number; ci95: number } {
  const k = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  return { mean, std, ci95: (1.96 * std) / Math.sqrt(k) };
}

/** A seed result whose method m has the raw test losses values[m] (fraction and iterations made up per method). */
function seedResult(seed: number, values: Record<SpaiMethod, number[]>, fraction = 0.5): SeedResultStats {
  const methods = Object.fromEntries(
    SPAI_METHODS.map((m, i): [SpaiMethod, SeedMethodStats] => [m, { ...direct(values[m]), fraction: m === 'Ising+mag' ? fraction : 0.4 + 0.01 * i, gmresIterations: 10 + i + seed }]),
  ) as Record<SpaiMethod, SeedMethodStats>;
  return { setting: 1, seed, test: values['Ising+mag'].length, methods };
}

describe('SPAI run summary over seeds', () => {
  it('pooled mean, std and interval equal those of all test values together; per-seed means are kept in order', () => {
    const rng = createRng(5);
    const raw = [7, 12, 4].map((k, s) => Object.fromEntries(SPAI_METHODS.map((m, i) => [m, Array.from({ length: k }, () => 1 + i + s * 0.3 + rng.normal())])) as Record<SpaiMethod, number[]>);
    const [summary] = summariseSpai(raw.map((v, s) => seedResult(s + 1, v)));
    expect(summary!.seeds).toEqual([1, 2, 3]);
    expect(summary!.testMatrices).toBe(23);
    for (const m of SPAI_METHODS) {
      const all = raw.flatMap((v) => v[m]);
      const reference = direct(all);
      expect(summary!.methods[m].mean).toBeCloseTo(reference.mean, 12);
      expect(summary!.methods[m].std).toBeCloseTo(reference.std, 12);
      expect(summary!.methods[m].ci95).toBeCloseTo(reference.ci95, 12);
      expect(summary!.methods[m].seedMeans).toEqual(raw.map((v) => direct(v[m]).mean));
    }
    // weighted by test count: (7·11 + 12·12 + 4·13) / 23 for Ising+mag's iterations (10 + 0 + seed)
    expect(summary!.methods['Ising+mag'].gmresIterations).toBeCloseTo((7 * 11 + 12 * 12 + 4 * 13) / 23, 12);
  });

  it('the ordering needs Ising+mag’s upper bound below every rival’s lower bound', () => {
    const base = { Ising: { mean: 4, ci95: 0.1 }, Random: { mean: 4.1, ci95: 0.1 }, 'Only A': { mean: 4.2, ci95: 0.1 }, 'Oracle |A⁻¹|': { mean: 0.5, ci95: 0.1 }, 'Thresholded power': { mean: 3, ci95: 0.1 } };
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.5 } })).toBe(true);
    // 3 + 0.95 = 3.95 > 4 − 0.1: the intervals overlap
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.95 } })).toBe(false);
    // the oracle and the thresholded power are not rivals in Table 2
    expect(orderingHolds({ ...base, 'Ising+mag': { mean: 3, ci95: 0.5 }, 'Oracle |A⁻¹|': { mean: 0.1, ci95: 0 } })).toBe(true);
  });

  it('acceptance per seed and pooled, and the fraction band 50 % ± 3 %', () => {
    const good = Object.fromEntries(SPAI_METHODS.map((m) => [m, m === 'Ising+mag' ? [1, 1.1, 0.9, 1] : [4, 4.1, 3.9, 4]])) as Record<SpaiMethod, number[]>;
    // a seed whose Ising+mag overlaps Random: fails per seed; pooled with a good seed it can still hold
    const mixed = { ...good, 'Ising+mag': [1, 4, 1, 4], Random: [3, 3.1, 2.9, 3] };
    const [bothGood] = summariseSpai([seedResult(1, good, 0.52), seedResult(2, good, 0.49)]);
    expect(bothGood!.acceptance).toEqual({ orderingEverySeed: true, orderingPooled: true, fractions: [0.52, 0.49], fractionInRange: true });
    const [oneMixed] = summariseSpai([seedResult(1, good), seedResult(2, mixed, 0.535)]);
    expect(oneMixed!.acceptance.orderingEverySeed).toBe(false);
    expect(oneMixed!.acceptance.fractionInRange).toBe(false);
  });
});

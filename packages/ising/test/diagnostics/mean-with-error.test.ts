import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '@isinglab/graph';
import { integratedAutocorrelationTime, meanWithError } from '../../src/diagnostics/index.js';
import { ar1, thrown } from './helpers.js';

describe('meanWithError', () => {
  // Coverage: over R = 200 seeded replicates with true mean 0, |x̄| ≤ 2σ̂ should hold ≈ 95.4 % of the time.
  // Binomial sd at R = 200 is 1.5 %; over 2000 other seeds the estimator covered 94.8 % (ρ = 0.9) and 95.0 %
  // (ρ = 0.5), mean τ̂ 19.6 and 3.05 against 19 and 3. These seeds give 98 % and 93.5 %. Accepted band 88–99 %:
  // ≥ 4.5σ below, 2.6σ above (P(≥ 199/200) < 1e-3).
  // Power: the naive sd/√n error bar ignores τ and covers only ≈ 30 % at ρ = 0.9 (≈ 70 % at ρ = 0.5), far outside.
  const BAND: [number, number] = [0.88, 0.99];
  for (const [rho, chains, draws] of [
    [0.9, 4, 1024],
    [0.5, 1, 4096],
  ] as const) {
    it(`2σ covers the true mean in ${BAND[0] * 100}–${BAND[1] * 100} % of 200 AR(1) replicates (ρ = ${rho}, ${chains} × ${draws})`, () => {
      let covered = 0;
      let naiveCovered = 0;
      for (let r = 0; r < 200; r++) {
        const values = ar1(rho, chains, draws, 5000 + 1000 * rho + r);
        const e = meanWithError(values, { chains });
        if (Math.abs(e.mean) <= 2 * e.standardError) covered++;
        const n = values.length;
        const sd = Math.sqrt(values.reduce((a, x) => a + (x - e.mean) ** 2, 0) / (n - 1));
        if (Math.abs(e.mean) <= (2 * sd) / Math.sqrt(n)) naiveCovered++;
      }
      expect(covered / 200).toBeGreaterThanOrEqual(BAND[0]);
      expect(covered / 200).toBeLessThanOrEqual(BAND[1]);
      expect(naiveCovered / 200).toBeLessThan(BAND[0] - 0.1);
    });
  }

  it('is consistent: mean is the arithmetic mean, σ² = s²·τ/S, ess = S/τ with τ from integratedAutocorrelationTime', () => {
    const values = ar1(0.6, 3, 500, 61, [10, 10.1, 9.9]);
    const e = meanWithError(values, { chains: 3 });
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const s2 = values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
    const { tau } = integratedAutocorrelationTime(values, { chains: 3 });
    // summation-order round-off only: 1e-12 relative
    expect(Math.abs(e.mean - mean)).toBeLessThan(1e-12 * 10);
    expect(e.tau).toBe(tau);
    expect(e.ess).toBe(n / tau);
    expect(Math.abs(e.standardError / Math.sqrt((s2 * tau) / n) - 1)).toBeLessThan(1e-12);
    expect(e.constant).toBe(false);
  });

  it('uses Sokal’s τ on request', () => {
    const values = ar1(0.6, 1, 2000, 62);
    const e = meanWithError(values, { method: 'sokal', windowFactor: 6 });
    expect(e.tau).toBe(integratedAutocorrelationTime(values, { method: 'sokal', windowFactor: 6 }).tau);
  });

  it('a large common offset changes the mean only (no cancellation)', () => {
    const values = ar1(0.3, 2, 1000, 63);
    const a = meanWithError(values, { chains: 2 });
    const b = meanWithError(values.map((x) => x + 1e8), { chains: 2 });
    // adding 1e8 rounds each value to ~1.5e-8 absolute: σ ≈ 0.04 moves by < 1e-6 relative
    expect(Math.abs(b.mean - 1e8 - a.mean)).toBeLessThan(1e-7);
    expect(Math.abs(b.standardError / a.standardError - 1)).toBeLessThan(1e-6);
  });

  it('constant series: exact mean, standard error 0, ESS = S, τ = 1', () => {
    expect(meanWithError(new Float64Array(10).fill(0.1), { chains: 2 })).toEqual({
      mean: 0.1,
      standardError: 0,
      ess: 10,
      tau: 1,
      constant: true,
    });
  });

  it('chains stuck at different values get a large error bar, not a tiny one', () => {
    const values = Float64Array.from({ length: 400 }, (_, i) => (i < 200 ? -1 : 1));
    const e = meanWithError(values, { chains: 2 });
    // s ≈ 1, ESS ≈ 2·200/399 ≈ 1: σ ≈ 1, so the true ±1 ambiguity is inside 2σ
    expect(e.standardError).toBeGreaterThan(0.5);
    expect(e.ess).toBeLessThan(2);
  });

  it.each([
    ['chains not dividing the length', () => meanWithError(new Float64Array(10), { chains: 3 }), 'options.chains'],
    ['one draw', () => meanWithError([4]), 'values.length'],
    ['NaN inside', () => meanWithError(Float64Array.of(1, 2, 3, NaN)), 'values[3]'],
    ['method', () => meanWithError([1, 2], { method: 'batch-means' as never }), 'options.method'],
    ['windowFactor', () => meanWithError([1, 2], { windowFactor: -1 }), 'options.windowFactor'],
    ['unknown option', () => meanWithError([1, 2], { draws: 2 } as never), 'options.draws'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '@isinglab/graph';
import { integratedAutocorrelationTime } from '../../src/diagnostics/index.js';
import { geyerTau, sokalTau, tauFloor, type TauEstimate } from '../../src/diagnostics/internal-series.js';
import { ar1, ar1Tau, thrown } from './helpers.js';

const fresh = (): TauEstimate => ({ tau: NaN, window: -1, converged: false });

describe('τ estimators on hand-made autocorrelation sequences (worked by hand)', () => {
  it('Geyer stops at the first non-positive pair sum', () => {
    const rho = Float64Array.of(1, 0.5, 0.3, 0.2, 0.15, 0.2, -0.3, -0.1, 0.5, 0.5);
    // Γ = 1.5, 0.5, 0.35, then −0.4 stops: τ = −1 + 2·2.35 = 3.7 over lags 1..5
    const r = geyerTau(rho, 9, 1000, fresh());
    expect(r.tau).toBeCloseTo(3.7, 14);
    expect(r.window).toBe(5);
    expect(r.converged).toBe(true);
  });

  it('Geyer clips a rising pair sum to the previous one (initial monotone sequence)', () => {
    const rho = Float64Array.of(1, 0.2, 0.1, 0.1, 0.3, 0.1, 0.05, 0, -0.5, 0);
    // Γ = 1.2, 0.2, 0.4 → 0.2, 0.05, then −0.5 stops: τ = −1 + 2·1.65 = 2.3
    const r = geyerTau(rho, 9, 1000, fresh());
    expect(r.tau).toBeCloseTo(2.3, 14);
    expect(r.window).toBe(7);
  });

  it('Geyer reports converged = false when the lags run out', () => {
    const rho = new Float64Array(6).fill(0.9);
    rho[0] = 1;
    // Γ = 1.9, 1.8, 1.8: τ = −1 + 2·5.5 = 10
    const r = geyerTau(rho, 5, 1000, fresh());
    expect(r.tau).toBeCloseTo(10, 14);
    expect(r.window).toBe(5);
    expect(r.converged).toBe(false);
  });

  it('Geyer floors an antithetic τ at 1/log10(S) as Stan does', () => {
    const rho = Float64Array.of(1, -1, 1, -1);
    expect(geyerTau(rho, 3, 1000, fresh()).tau).toBeCloseTo(1 / 3, 14);
    expect(tauFloor(1000)).toBeCloseTo(1 / 3, 14);
    expect(tauFloor(9)).toBe(1);
  });

  it('Sokal picks the smallest window M ≥ c·τ(M)', () => {
    const rho = new Float64Array(40);
    [1, 0.5, 0.25, 0.125, 0.0625].forEach((v, i) => (rho[i] = v));
    // τ(M) = 2, 2.5, 2.75, 2.875, 2.875, ...; c = 1 → M = 3 (3 ≥ 2.75); c = 5 → M = 15 (15 ≥ 14.375)
    const c1 = sokalTau(rho, 39, 1, 1000, fresh());
    expect(c1.tau).toBeCloseTo(2.75, 14);
    expect(c1.window).toBe(3);
    const c5 = sokalTau(rho, 39, 5, 1000, fresh());
    expect(c5.tau).toBeCloseTo(2.875, 14);
    expect(c5.window).toBe(15);
    expect(c5.converged).toBe(true);
    const short = sokalTau(rho, 10, 5, 1000, fresh());
    expect(short.converged).toBe(false);
    expect(short.window).toBe(10);
  });
});

describe('integratedAutocorrelationTime on AR(1) processes with exact τ = (1+ρ)/(1−ρ)', () => {
  // Tolerance 10 %. The relative sd of τ̂ is ≈ √(2(2M+1)/n) for window M (Sokal 1997, §3). ρ = 0.9 (τ = 19,
  // M ≈ 95) needs n = 2^19 for that to be 2.7 %; measured over 10 seeds it was ≤ 2.2 % (Sokal) and 1.8 % (Geyer)
  // with |bias| < 0.7 %, so 10 % is > 4σ (at n = 2^16 it would be only 2σ). ρ = 0 and 0.5 have small windows
  // (M ≈ 5 and 15): n = 2^17 gives sd ≈ 1.4 % and 2 % (measured ≤ 1.8 % at 2^16), 10 % is ≥ 5σ.
  const TOL = 0.1;
  const drawsFor = (rho: number): number => (rho === 0.9 ? 1 << 19 : 1 << 17);
  for (const rho of [0, 0.5, 0.9]) {
    it(`ρ = ${rho}: one chain of 2^${Math.log2(drawsFor(rho))}, Geyer and Sokal within ${TOL * 100} % of ${ar1Tau(rho).toFixed(2)}`, () => {
      const values = ar1(rho, 1, drawsFor(rho), 100 + rho * 10);
      for (const method of ['geyer', 'sokal'] as const) {
        const r = integratedAutocorrelationTime(values, { method });
        expect(Math.abs(r.tau / ar1Tau(rho) - 1)).toBeLessThan(TOL);
        expect(r.converged).toBe(true);
        expect(r.constant).toBe(false);
        expect(r.method).toBe(method);
      }
    });
    it(`ρ = ${rho}: 8 chains of 2^${Math.log2(drawsFor(rho)) - 3}, Geyer and Sokal within ${TOL * 100} %`, () => {
      const values = ar1(rho, 8, drawsFor(rho) / 8, 200 + rho * 10);
      for (const method of ['geyer', 'sokal'] as const) {
        const r = integratedAutocorrelationTime(values, { chains: 8, method });
        expect(Math.abs(r.tau / ar1Tau(rho) - 1)).toBeLessThan(TOL);
      }
    });
  }

  it("Sokal's window follows c: a larger c gives a larger window", () => {
    const values = ar1(0.8, 1, 1 << 14, 7);
    const small = integratedAutocorrelationTime(values, { method: 'sokal', windowFactor: 3 });
    const large = integratedAutocorrelationTime(values, { method: 'sokal', windowFactor: 8 });
    // M ≥ c·τ with τ ≈ 9: windows near 27 and 72.
    expect(small.window).toBeGreaterThanOrEqual(3 * small.tau);
    expect(large.window).toBeGreaterThanOrEqual(8 * large.tau);
    expect(large.window).toBeGreaterThan(small.window);
  });

  it('constant series: τ = 1, window 0, constant flag (never NaN)', () => {
    for (const method of ['geyer', 'sokal'] as const) {
      const r = integratedAutocorrelationTime(new Float64Array(50).fill(0.1), { chains: 5, method });
      expect(r).toEqual({ tau: 1, window: 0, converged: true, constant: true, method });
    }
  });

  it('chains frozen at different values: τ ≈ 2·draws, not converged', () => {
    const values = Float64Array.from({ length: 400 }, (_, i) => (i < 200 ? 0 : 1));
    const r = integratedAutocorrelationTime(values, { chains: 2 });
    // every ρ_t = 1: Γ_k = 2 for 100 pairs, τ = −1 + 400 = 399
    expect(r.tau).toBeCloseTo(399, 9);
    expect(r.converged).toBe(false);
    expect(r.constant).toBe(false);
  });

  it.each([
    ['chains not dividing the length', () => integratedAutocorrelationTime(new Float64Array(9), { chains: 2 }), 'options.chains'],
    ['one draw', () => integratedAutocorrelationTime([1]), 'values.length'],
    ['NaN inside', () => integratedAutocorrelationTime([0, 1, 2, 3, NaN]), 'values[4]'],
    ['unknown method', () => integratedAutocorrelationTime([0, 1], { method: 'batch' as never }), 'options.method'],
    ['windowFactor 0', () => integratedAutocorrelationTime([0, 1], { windowFactor: 0 }), 'options.windowFactor'],
    ['windowFactor NaN', () => integratedAutocorrelationTime([0, 1], { windowFactor: NaN }), 'options.windowFactor'],
    ['unknown option', () => integratedAutocorrelationTime([0, 1], { c: 5 } as never), 'options.c'],
    ['options not an object', () => integratedAutocorrelationTime([0, 1], 4 as never), 'options'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

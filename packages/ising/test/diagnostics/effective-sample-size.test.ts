import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '@isinglab/graph';
import { bulkEffectiveSampleSize, effectiveSampleSize, integratedAutocorrelationTime } from '../../src/diagnostics/index.js';
import { ar1, ar1Tau, thrown } from './helpers.js';

// ESS tolerances: the relative sd of τ̂ (hence of ESS) is ≈ √(2(2M+1)/n) for window M (Sokal 1997, §3).
// iid, n = 16384, M ≈ 3: ≈ 2.7 %; measured 0.96–1.03 over 5 seeds. AR(1) ρ = 0.5, n = 65536, M ≈ 7: ≈ 2.1 %.
// A 10 % band is > 3.5σ in both.
const TOL = 0.1;

describe('effectiveSampleSize', () => {
  it('iid draws: ESS ≈ n (4 chains × 4096)', () => {
    const values = ar1(0, 4, 4096, 31);
    expect(Math.abs(effectiveSampleSize(values, { chains: 4 }) / 16384 - 1)).toBeLessThan(TOL);
  });

  it('AR(1) ρ = 0.5: ESS ≈ n(1−ρ)/(1+ρ) = n/3 (4 chains × 16384)', () => {
    const values = ar1(0.5, 4, 16384, 32);
    const ess = effectiveSampleSize(values, { chains: 4 });
    expect(Math.abs(ess / (65536 / ar1Tau(0.5)) - 1)).toBeLessThan(TOL);
  });

  it('is chains·draws / τ of integratedAutocorrelationTime (Geyer) exactly', () => {
    const values = ar1(0.7, 3, 1000, 33);
    const { tau } = integratedAutocorrelationTime(values, { chains: 3 });
    expect(effectiveSampleSize(values, { chains: 3 })).toBe(3000 / tau);
  });

  it('chains that disagree get a tiny ESS (between-chain variance keeps ρ_t high)', () => {
    // offsets 0, 2, 4, 6: B/n ≈ 6.7 against W ≈ 1, so ρ_t ≥ 0.87 at every lag and τ ≈ 1.7·draws.
    const values = ar1(0.5, 4, 1000, 34, [0, 2, 4, 6]);
    expect(effectiveSampleSize(values, { chains: 4 })).toBeLessThan(10);
    // the same draws, declared as one chain, would look fine: the multi-chain form is what catches it
    expect(effectiveSampleSize(ar1(0.5, 4, 1000, 34), { chains: 4 })).toBeGreaterThan(800);
  });

  it('constant series: ESS = chains·draws', () => {
    expect(effectiveSampleSize(new Float64Array(12).fill(-3), { chains: 3 })).toBe(12);
  });

  it('antithetic series: ESS above n but capped at n·log10(n) (Stan’s floor on τ)', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    expect(effectiveSampleSize(values)).toBeCloseTo(1000 * 3, 9);
  });

  it.each([
    ['chains not dividing the length', () => effectiveSampleSize(new Float64Array(10), { chains: 4 }), 'options.chains'],
    ['one draw per chain', () => effectiveSampleSize(new Float64Array(3), { chains: 3 }), 'values.length'],
    ['NaN inside', () => effectiveSampleSize(Float64Array.of(0, NaN, 1)), 'values[1]'],
    ['not an array', () => effectiveSampleSize(undefined as never), 'values'],
    ['unknown option', () => effectiveSampleSize([1, 2], { method: 'geyer' } as never), 'options.method'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

describe('bulkEffectiveSampleSize (rank-normalised, split chains)', () => {
  it('iid draws: ≈ n', () => {
    const values = ar1(0, 4, 4096, 41);
    expect(Math.abs(bulkEffectiveSampleSize(values, { chains: 4 }) / 16384 - 1)).toBeLessThan(TOL);
  });

  it('AR(1) ρ = 0.5: ≈ n/3 (normal scores of a Gaussian AR(1) keep its autocorrelation)', () => {
    const values = ar1(0.5, 4, 16384, 42);
    expect(Math.abs(bulkEffectiveSampleSize(values, { chains: 4 }) / (65536 / 3) - 1)).toBeLessThan(TOL);
  });

  it('is invariant under a monotone transform (only ranks enter), unlike the plain ESS', () => {
    const values = ar1(0.3, 2, 2000, 43);
    const transformed = values.map((x) => Math.exp(3 * x));
    expect(bulkEffectiveSampleSize(transformed, { chains: 2 })).toBe(bulkEffectiveSampleSize(values, { chains: 2 }));
    expect(effectiveSampleSize(transformed, { chains: 2 })).not.toBe(effectiveSampleSize(values, { chains: 2 }));
  });

  it('catches a trend inside one chain that the unsplit multi-chain ESS cannot see across chains', () => {
    // Four identical drifting chains: chain means agree, but first and second halves do not.
    const one = ar1(0.2, 1, 1000, 44).map((x, t) => x + (6 * t) / 1000);
    const values = new Float64Array(4000);
    for (let c = 0; c < 4; c++) values.set(one, c * 1000);
    expect(bulkEffectiveSampleSize(values, { chains: 4 })).toBeLessThan(100);
  });

  it('constant series with odd draws: 2·chains·⌊draws/2⌋ (middle draw dropped)', () => {
    expect(bulkEffectiveSampleSize(new Float64Array(15).fill(2), { chains: 3 })).toBe(12);
  });

  it.each([
    ['3 draws per chain', () => bulkEffectiveSampleSize(new Float64Array(6), { chains: 2 }), 'values.length'],
    ['chains not dividing the length', () => bulkEffectiveSampleSize(new Float64Array(10), { chains: 3 }), 'options.chains'],
    ['Infinity inside', () => bulkEffectiveSampleSize(Float64Array.of(0, 1, 2, -Infinity)), 'values[3]'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});

import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { autocorrelation } from '../../src/diagnostics/index.js';
import { ar1, directAutocorrelation, thrown } from './helpers.js';

// FFT vs direct sum: both are sums of O(n) products of unit-scale numbers; the FFT's round-off is
// O(ε·log L) relative to ā_0, about 1e-14 here, so 1e-12 catches any indexing or padding error (those are O(1/n)
// at least, ≥ 1e-4 for these lengths) while staying clear of round-off.
const FFT_TOL = 1e-12;

describe('autocorrelation', () => {
  const cases: [string, number, number, number][] = [
    // name, chains, draws, seed
    ['one chain, power-of-two length 64', 1, 64, 1],
    ['one chain, 2 draws (smallest allowed)', 1, 2, 2],
    ['one chain, 3 draws', 1, 3, 3],
    ['one chain, prime length 997', 1, 997, 4],
    ['three chains of 100 (non power of two)', 3, 100, 5],
    ['four chains of 257', 4, 257, 6],
  ];
  for (const [name, chains, draws, seed] of cases) {
    it(`equals the direct O(n²) sum to ${FFT_TOL}: ${name}`, () => {
      const values = ar1(0.6, chains, draws, seed, [0, 0.3, -0.2, 0.5].slice(0, chains));
      const fft = autocorrelation(values, { chains });
      const direct = directAutocorrelation(values, chains, draws - 1);
      expect(fft.length).toBe(draws);
      expect(fft[0]).toBe(1);
      for (let t = 0; t < draws; t++) expect(Math.abs((fft[t] as number) - (direct[t] as number))).toBeLessThan(FFT_TOL);
    });
  }

  it('respects maxLag (padding only to draws + maxLag) and agrees with the full ACF', () => {
    const values = ar1(0.8, 2, 1000, 7);
    const short = autocorrelation(values, { chains: 2, maxLag: 30 });
    const full = autocorrelation(values, { chains: 2 });
    expect(short.length).toBe(31);
    for (let t = 0; t <= 30; t++) expect(Math.abs((short[t] as number) - (full[t] as number))).toBeLessThan(FFT_TOL);
    expect(autocorrelation(values, { chains: 2, maxLag: 0 })).toEqual(Float64Array.of(1));
  });

  it('is invariant under shifting and scaling (a large offset does not cancel)', () => {
    const values = ar1(0.5, 1, 500, 8);
    const moved = values.map((x) => 1e6 + 3 * x);
    const a = autocorrelation(values);
    const b = autocorrelation(moved);
    // The 1e6 offset costs ~1e6·ε ≈ 2e-10 absolute in each centred value, relative 1e-10 at most.
    for (let t = 0; t < 500; t++) expect(Math.abs((a[t] as number) - (b[t] as number))).toBeLessThan(1e-9);
  });

  it('recovers ρ^t of an AR(1) process at small lags', () => {
    const rho = 0.7;
    const acf = autocorrelation(ar1(rho, 1, 1 << 16, 9), { maxLag: 5 });
    // sd of the sample ACF at lag t ≈ √((1+ρ²)/(1−ρ²)/n) ≈ 0.0064 (Bartlett); 0.03 is ≈ 4.7σ.
    for (let t = 1; t <= 5; t++) expect(Math.abs((acf[t] as number) - rho ** t)).toBeLessThan(0.03);
  });

  it('constant series: ρ_0 = 1 and zeros after (the τ = 1 convention)', () => {
    expect(autocorrelation(new Float64Array(6).fill(0.1), { chains: 2 })).toEqual(Float64Array.of(1, 0, 0));
  });

  it('chains frozen at different values: ρ_t = 1 at every lag (no mixing at all)', () => {
    const values = Float64Array.of(1, 1, 1, 1, 2, 2, 2, 2);
    const acf = autocorrelation(values, { chains: 2 });
    for (const r of acf) expect(r).toBeCloseTo(1, 14);
  });

  it('one chain of an alternating series has ρ_1 ≈ −1', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const acf = autocorrelation(values, { maxLag: 2 });
    // exact biased ACF: ρ_1 = −99/100, ρ_2 = 98/100
    expect(acf[1]).toBeCloseTo(-0.99, 12);
    expect(acf[2]).toBeCloseTo(0.98, 12);
  });

  it('accepts plain arrays', () => {
    const rng = createRng(10);
    const values = Array.from({ length: 40 }, () => rng.normal());
    expect(autocorrelation(values)).toEqual(autocorrelation(Float64Array.from(values)));
  });

  it.each([
    ['not an array', () => autocorrelation('x' as unknown as number[]), 'values'],
    ['chains not dividing the length', () => autocorrelation(new Float64Array(10), { chains: 3 }), 'options.chains'],
    ['chains 0', () => autocorrelation(new Float64Array(10), { chains: 0 }), 'options.chains'],
    ['chains 1.5', () => autocorrelation(new Float64Array(10), { chains: 1.5 }), 'options.chains'],
    ['one draw per chain', () => autocorrelation(new Float64Array(2), { chains: 2 }), 'values.length'],
    ['empty', () => autocorrelation(new Float64Array(0)), 'values.length'],
    ['NaN inside', () => autocorrelation(Float64Array.of(1, 2, NaN, 4)), 'values[2]'],
    ['Infinity inside', () => autocorrelation([1, 2, 3, Infinity]), 'values[3]'],
    ['maxLag too large', () => autocorrelation(new Float64Array(5), { maxLag: 5 }), 'options.maxLag'],
    ['maxLag negative', () => autocorrelation(new Float64Array(5), { maxLag: -1 }), 'options.maxLag'],
    ['unknown option', () => autocorrelation(new Float64Array(5), { lags: 3 } as never), 'options.lags'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });

  it('names the function and rule in the message', () => {
    expect((thrown(() => autocorrelation(Float64Array.of(1, 2, NaN, 4))) as Error).message).toBe(
      '@isinglab/ising autocorrelation: values[2] must be a finite number (got NaN).',
    );
  });
});

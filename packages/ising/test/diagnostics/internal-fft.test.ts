import { describe, expect, it } from '@jest/globals';
import { createRng } from '@isinglab/graph';
import { createFftPlan, nextPowerOfTwo, realFft } from '../../src/diagnostics/internal-fft.js';

// Naive O(L²) DFT straight from the definition X_k = Σ_j x_j e^{−2πijk/L}.
function naiveDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const theta = (-2 * Math.PI * ((j * k) % n)) / n;
      re[k] = (re[k] as number) + (x[j] as number) * Math.cos(theta);
      im[k] = (im[k] as number) + (x[j] as number) * Math.sin(theta);
    }
  }
  return { re, im };
}

describe('internal radix-2 real FFT', () => {
  it('nextPowerOfTwo rounds up with a minimum of 2', () => {
    expect([0, 1, 2, 3, 4, 5, 1000, 1024, 1025].map(nextPowerOfTwo)).toEqual([2, 2, 2, 4, 4, 8, 1024, 1024, 2048]);
  });

  for (const size of [2, 4, 8, 16, 64, 256]) {
    it(`matches the naive DFT at L = ${size}`, () => {
      const rng = createRng(size);
      const x = Float64Array.from({ length: size }, () => rng.normal());
      const plan = createFftPlan(size);
      const re = new Float64Array(size / 2 + 1);
      const im = new Float64Array(size / 2 + 1);
      const before = x.slice();
      realFft(plan, x, re, im);
      const ref = naiveDft(x);
      // Round-off of both sides is O(ε·√L·‖x‖) ≈ 1e-14 for L ≤ 256 and ‖x‖ ≈ √L; 1e-11 leaves room without
      // hiding a wrong twiddle (which errs by O(1)).
      for (let k = 0; k <= size / 2; k++) {
        expect(Math.abs((re[k] as number) - (ref.re[k] as number))).toBeLessThan(1e-11);
        expect(Math.abs((im[k] as number) - (ref.im[k] as number))).toBeLessThan(1e-11);
      }
      expect(x).toEqual(before);
    });
  }

  it('is reusable: a second transform with the same plan gives the same answer', () => {
    const plan = createFftPlan(32);
    const x = Float64Array.from({ length: 32 }, (_, i) => Math.cos(i) + i / 7);
    const a = { re: new Float64Array(17), im: new Float64Array(17) };
    const b = { re: new Float64Array(17), im: new Float64Array(17) };
    realFft(plan, x, a.re, a.im);
    realFft(plan, Float64Array.from({ length: 32 }, () => 9), b.re, b.im);
    realFft(plan, x, b.re, b.im);
    expect(b).toEqual(a);
  });
});

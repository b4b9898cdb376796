import { describe, expect, it } from '@jest/globals';
import { createRng } from '@isinglab/graph';
import { denseInverse, denseLu, inverseColumn } from '../../src/internal/dense-lu.js';

/** Gauss–Jordan with partial pivoting on [A | I], written plainly: the reference for the blocked kernels. */
function gaussJordan(a: Float64Array, n: number): { inverse: Float64Array; logAbsDet: number } {
  const m = Array.from({ length: n }, (_, i) => [...Array.from(a.subarray(i * n, (i + 1) * n)), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  let logAbsDet = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    [m[k], m[p]] = [m[p]!, m[k]!];
    const pivot = m[k]![k]!;
    logAbsDet += Math.log(Math.abs(pivot));
    m[k] = m[k]!.map((v) => v / pivot);
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = m[i]![k]!;
      m[i] = m[i]!.map((v, j) => v - f * m[k]![j]!);
    }
  }
  return { inverse: Float64Array.from(m.flatMap((row) => row.slice(n))), logAbsDet };
}

describe('blocked dense LU and inverse', () => {
  // sizes below, at and across the panel width (32), including a partial last panel
  for (const n of [1, 5, 31, 32, 33, 70, 101]) {
    it(`n = ${n}: log|det| and A⁻¹ equal plain Gauss–Jordan; inverseColumn agrees`, () => {
      const rng = createRng(n);
      const a = Float64Array.from({ length: n * n }, () => rng.float64() - 0.5);
      // a skew-symmetric 5 × 5 corner with a zero diagonal (a 5 × 5 skew matrix alone would be singular)
      if (n > 5) for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) a[i * n + j] = i === j ? 0 : i < j ? 0.3 : -0.3;
      const reference = gaussJordan(a, n);
      const lu = denseLu(a.slice(), n);
      expect(Math.abs(lu.logAbsDet - reference.logAbsDet)).toBeLessThan(1e-10 * Math.max(1, Math.abs(reference.logAbsDet)));
      const inverse = denseInverse(lu);
      let scale = 0;
      for (const v of reference.inverse) scale = Math.max(scale, Math.abs(v));
      let worst = 0;
      for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs((inverse[i] as number) - (reference.inverse[i] as number)));
      expect(worst).toBeLessThan(1e-10 * scale);
      const column = new Float64Array(n);
      inverseColumn(lu, n - 1, column);
      for (let i = 0; i < n; i++) expect(Math.abs((column[i] as number) - (inverse[i * n + n - 1] as number))).toBeLessThan(1e-10 * scale);
    });
  }

  it('a singular matrix gives log|det| = −∞', () => {
    const n = 40;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i % 7) + j; // rank 2
    expect(denseLu(a, n).logAbsDet).toBe(-Infinity);
  });
});

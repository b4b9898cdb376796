import { describe, expect, it } from '@jest/globals';
import { createRng } from '@isinglab/graph';
import { jacobiSvd } from '../../src/model/internal/dense.js';

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

describe('jacobiSvd (internal)', () => {
  it('reconstructs A = U·diag(s)·Vᵀ with sorted singular values and reports convergence', () => {
    const [m, n] = [7, 5];
    const a = randomMatrix(m, n, 3);
    const { u, s, v, converged, sweeps, offMax } = jacobiSvd(a, m, n);
    expect(converged).toBe(true);
    expect(sweeps).toBeGreaterThan(1);
    expect(offMax).toBeLessThanOrEqual(1e-15);
    for (let j = 1; j < n; j++) expect(s[j]!).toBeLessThanOrEqual(s[j - 1]!);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let x = 0;
        for (let k = 0; k < n; k++) x += u[i * n + k]! * s[k]! * v[j * n + k]!;
        expect(Math.abs(x - a[i * n + j]!)).toBeLessThan(1e-12);
      }
    }
  });

  it('stops after maxSweeps and says it did not converge', () => {
    const a = randomMatrix(8, 6, 4);
    const capped = jacobiSvd(a, 8, 6, 1e-15, 1);
    expect(capped).toMatchObject({ sweeps: 1, converged: false });
    expect(capped.offMax).toBeGreaterThan(1e-15);
    // a looser tolerance ends sooner than the default one
    expect(jacobiSvd(a, 8, 6, 1e-3).sweeps).toBeLessThan(jacobiSvd(a, 8, 6).sweeps);
  });
});

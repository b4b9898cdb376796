import { describe, expect, it } from '@jest/globals';
import { inv, lusolve } from 'mathjs';
import { createRng } from '@isinglab/graph';
import { gmres } from '../../src/experiments/spai/gmres.js';
import { approximateInverse } from '../../src/experiments/spai/least-squares-inverse.js';

const rows = (a: Float64Array, n: number) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));

function system(n: number, seed: number) {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let k = 0; k < a.length; k++) a[k] = rng.float64() < 0.25 ? 2 * rng.float64() - 1 : 0;
  for (let i = 0; i < n; i++) a[i * n + i] = 1.5 + rng.float64();
  const b = Float64Array.from({ length: n }, () => 2 * rng.float64() - 1);
  return { a, b };
}

describe('right-preconditioned GMRES', () => {
  it('solves to 1e-8 (checked against mathjs lusolve); the exact inverse as preconditioner needs one iteration', () => {
    const n = 30;
    for (let seed = 1; seed <= 4; seed++) {
      const { a, b } = system(n, seed);
      const plain = gmres(a, n, b, null);
      expect(plain.converged).toBe(true);
      const want = (lusolve(rows(a, n), Array.from(b)) as number[][]).map((r) => r[0]!);
      for (let i = 0; i < n; i++) expect(plain.x[i]!).toBeCloseTo(want[i]!, 6);
      const exact = gmres(a, n, b, Float64Array.from((inv(rows(a, n)) as number[][]).flat()));
      expect(exact.iterations).toBe(1);
      expect(exact.relativeResidual).toBeLessThan(1e-8);
    }
  });

  it('a SPAI with the pattern of A² saves iterations over no preconditioner', () => {
    const n = 30;
    const { a, b } = system(n, 9);
    const a2 = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) if (a[i * n + k] !== 0) for (let j = 0; j < n; j++) if (a[k * n + j] !== 0) a2[i * n + j] = 1;
    const m = approximateInverse(a, n, a2).m;
    const withM = gmres(a, n, b, m);
    const without = gmres(a, n, b, null);
    expect(withM.converged).toBe(true);
    expect(withM.iterations).toBeLessThan(without.iterations);
  });
});

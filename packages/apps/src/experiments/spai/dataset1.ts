/**
 * Dataset 1 of seed 000 (App. D.2): synthetic symmetric binary 30 × 30 matrices whose probability of a non-zero
 * rises toward the diagonal (full diagonal; very unlikely corners), kept when their sparsity is at most 96 % and
 * det A ∈ [0.001, 50]. The seed gives the principle and the statistics (mean sparsity ≈ 83 %), not the function:
 * here P(A_ij ≠ 0) = max(0.005, exp(−(|i − j|/τ)^γ)) with τ and γ chosen to meet that mean.
 */
import { det } from 'mathjs';
import type { Rng } from '@isinglab/graph';

export const SPAI_SIZE = 30;
export const MAX_SPARSITY = 0.96;
export const DETERMINANT_RANGE: readonly [number, number] = [0.001, 50];
const TAU = 3.0;
const GAMMA = 1.6;
const FLOOR = 0.005;

/** Fraction of zero entries. */
export function sparsity(a: ArrayLike<number>): number {
  let zeros = 0;
  for (let k = 0; k < a.length; k++) if (a[k] === 0) zeros++;
  return zeros / a.length;
}

/** det of a row-major n × n matrix (mathjs: off the hot path, a filter only). */
export function determinant(a: Float64Array, n: number): number {
  const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  return det(rows) as number;
}

/** One accepted matrix (redrawn until it passes the sparsity and determinant filters). */
export function syntheticSpaiMatrix(rng: Rng, n = SPAI_SIZE): Float64Array {
  for (;;) {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) {
        const p = Math.max(FLOOR, Math.exp(-(((j - i) / TAU) ** GAMMA)));
        if (rng.float64() < p) {
          a[i * n + j] = 1;
          a[j * n + i] = 1;
        }
      }
    }
    if (sparsity(a) > MAX_SPARSITY) continue;
    const d = Math.abs(determinant(a, n));
    if (d >= (DETERMINANT_RANGE[0] as number) && d <= (DETERMINANT_RANGE[1] as number)) return a;
  }
}

/** `count` matrices of Dataset 1 from one seeded stream. */
export function syntheticSpaiDataset(count: number, rng: Rng, n = SPAI_SIZE): Float64Array[] {
  return Array.from({ length: count }, () => syntheticSpaiMatrix(rng, n));
}

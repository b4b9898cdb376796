/**
 * Least-squares community features: given U, V, r, the signal part of the loss is linear in (F_src, F_dst), so
 * its minimiser is the least-squares solution of [U diag(r) | V diag(r)] [F_src; F_dst] = X. Trusted inputs.
 */
import { gramInto, ridgeCholeskySolve } from './dense.js';

/**
 * Writes the least-squares F_src, F_dst (each K × D) into fs and fd. Normal equations on the N × 2K design with a
 * tiny ridge (see ridgeCholeskySolve), O(N·(2K)² + (2K)³ + N·K·D).
 *
 * The reference implementation (jonkouch/IBGNN-clean, ibg_approximation/experiments.py) instead sets each of
 * F_src and F_dst to the pseudo-inverse fit of X on its own factor, which makes X̂ ≈ 2X at the start; the joint
 * fit is the actual minimiser of the signal term.
 */
export function leastSquaresFeaturesInto(
  n: number,
  k: number,
  d: number,
  u: Float64Array,
  v: Float64Array,
  r: Float64Array,
  x: Float64Array,
  fs: Float64Array,
  fd: Float64Array,
): void {
  const p = 2 * k;
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      z[i * p + c] = (u[i * k + c] as number) * (r[c] as number);
      z[i * p + k + c] = (v[i * k + c] as number) * (r[c] as number);
    }
  }
  const g = new Float64Array(p * p);
  gramInto(z, n, p, g);
  const b = new Float64Array(p * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < p; c++) {
      const zc = z[i * p + c] as number;
      if (zc === 0) continue;
      for (let t = 0; t < d; t++) b[c * d + t] = (b[c * d + t] as number) + zc * (x[i * d + t] as number);
    }
  }
  const f = ridgeCholeskySolve(g, p, b, d);
  fs.set(f.subarray(0, k * d));
  fd.set(f.subarray(k * d, 2 * k * d));
}

/**
 * The sparse approximate inverse of a given pattern (seed 000, Eq. 24): M minimises ‖A M − I‖_F over matrices with
 * non-zeros only where `pattern` allows. The problem splits into n independent column problems
 * min ‖A[:, J_j] y − e_j‖₂ with J_j the allowed rows of column j, each solved by Householder QR of the n × |J_j|
 * submatrix (no normal equations, no inverse of A). O(Σ_j n |J_j|²).
 */
import { InvalidArgumentError } from '@isinglab/graph';

export interface ApproximateInverse {
  /** Row-major n × n M. */
  m: Float64Array;
  /** ‖A M − I‖_F. */
  frobenius: number;
}

/** `a` row-major n × n; `pattern[i·n + j]` = 1 allows M_ij ≠ 0. */
export function approximateInverse(a: Float64Array, n: number, pattern: Uint8Array): ApproximateInverse {
  const fn = 'approximateInverse';
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new InvalidArgumentError({ pkg: 'apps', fn, argument: 'a', value: `${a.length} entries`, rule: `an n × n matrix with n = ${n}` });
  if (pattern.length !== n * n) throw new InvalidArgumentError({ pkg: 'apps', fn, argument: 'pattern', value: `${pattern.length} entries`, rule: `${n * n} entries (one per matrix entry)` });
  const m = new Float64Array(n * n);
  const rows = new Int32Array(n);
  const q = new Float64Array(n * n); // the column submatrix, column-major n × k, reduced in place to R + Householder vectors
  const rhs = new Float64Array(n);
  const y = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    let k = 0;
    for (let i = 0; i < n; i++) if (pattern[i * n + j] === 1) rows[k++] = i;
    rhs.fill(0);
    rhs[j] = 1;
    if (k === 0) {
      total += 1; // ‖e_j‖²
      continue;
    }
    for (let c = 0; c < k; c++) {
      const col = rows[c] as number;
      for (let r = 0; r < n; r++) q[c * n + r] = a[r * n + col] as number;
    }
    // Householder QR: for each column c, reflect rows c..n−1 to zero the subdiagonal, applying it to later
    // columns and to the right-hand side
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let r = c; r < n; r++) norm += (q[c * n + r] as number) ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) continue;
      const alpha = (q[c * n + c] as number) > 0 ? -norm : norm;
      const v0 = (q[c * n + c] as number) - alpha;
      // v = (v0, q[c+1..]) ; H = I − 2 v vᵀ / (vᵀ v)
      let vv = v0 * v0;
      for (let r = c + 1; r < n; r++) vv += (q[c * n + r] as number) ** 2;
      const apply = (col: Float64Array, offset: number) => {
        let dot = v0 * (col[offset + c] as number);
        for (let r = c + 1; r < n; r++) dot += (q[c * n + r] as number) * (col[offset + r] as number);
        const f = (2 * dot) / vv;
        col[offset + c] = (col[offset + c] as number) - f * v0;
        for (let r = c + 1; r < n; r++) col[offset + r] = (col[offset + r] as number) - f * (q[c * n + r] as number);
      };
      for (let c2 = c + 1; c2 < k; c2++) apply(q, c2 * n);
      apply(rhs, 0);
      q[c * n + c] = alpha;
    }
    // back substitution R y = (Qᵀ e_j)[0..k); the residual is the rest of Qᵀ e_j
    for (let c = k - 1; c >= 0; c--) {
      let s = rhs[c] as number;
      for (let c2 = c + 1; c2 < k; c2++) s -= (q[c2 * n + c] as number) * (y[c2] as number);
      y[c] = s / (q[c * n + c] as number);
    }
    let residual = 0;
    for (let r = k; r < n; r++) residual += (rhs[r] as number) ** 2;
    total += residual;
    for (let c = 0; c < k; c++) m[(rows[c] as number) * n + j] = y[c] as number;
  }
  return { m, frobenius: Math.sqrt(total) };
}

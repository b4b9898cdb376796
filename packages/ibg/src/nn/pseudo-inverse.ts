/**
 * Moore–Penrose pseudo-inverse of a tall N × K matrix in float64: the analysis operators (U diag r)^† and
 * (V diag r)^† of IBG-NN (seed 003, Section 6), computed once before training.
 */
import { ConvergenceError, InvalidArgumentError, checkFiniteNumber, checkInteger, checkOptions } from '@isinglab/graph';
import { jacobiSvd } from '../model/internal/dense.js';

export interface PseudoInverseOptions {
  /**
   * Relative cut-off: singular values σ ≤ rcond·σ_max count as zero (rank-deficient input, e.g. two identical
   * communities). @default max(rows, cols)·2^−52 (numpy/torch's default)
   */
  rcond?: number;
}

const FN = 'pseudoInverse';
const SITE = { pkg: 'ibg', fn: FN } as const;
const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

/**
 * A⁺ (cols × rows, row-major) of A (rows × cols, row-major). Method: Householder QR of A (A = QR), one-sided
 * Jacobi SVD of the small R (R = W Σ Zᵀ), then A⁺ = Z Σ⁺ Wᵀ Qᵀ with singular values under the cut-off dropped.
 * Backward stable, unlike the normal equations (which square the condition number). Cost O(rows·cols²) plus
 * O(cols³) per Jacobi sweep; memory O(rows·cols). A wide matrix is handled as (Aᵀ)⁺ᵀ.
 * @example pseudoInverse(Float64Array.from([1, 0, 0, 2, 0, 0]), 3, 2) // [[1, 0, 0], [0, 0.5, 0]]
 */
export function pseudoInverse(matrix: Float64Array, rows: number, cols: number, options?: PseudoInverseOptions): Float64Array {
  const m = checkInteger(SITE, 'rows', rows, { min: 0 });
  const n = checkInteger(SITE, 'cols', cols, { min: 0 });
  if (!(matrix instanceof Float64Array) || matrix.length !== m * n) {
    throw new InvalidArgumentError({ ...SITE, argument: 'matrix', value: matrix, rule: `a Float64Array of rows·cols = ${m * n} entries (row-major)` });
  }
  for (let k = 0; k < matrix.length; k++) {
    if (!Number.isFinite(matrix[k])) throw new InvalidArgumentError({ ...SITE, argument: `matrix[${k}]`, value: matrix[k], rule: 'a finite number' });
  }
  const opts = checkOptions<PseudoInverseOptions>(SITE, options, ['rcond']);
  const rcond = checkFiniteNumber(SITE, 'options.rcond', opts.rcond ?? Math.max(m, n) * EPS, { min: 0 });
  if (m >= n) return pinvTall(matrix, m, n, rcond);
  // wide: A⁺ = ((Aᵀ)⁺)ᵀ
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = matrix[i * n + j] as number;
  const tp = pinvTall(t, n, m, rcond); // m × n
  const out = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = tp[i * n + j] as number;
  return out;
}

/** A⁺ for m ≥ n; returns n × m row-major. */
function pinvTall(a: Float64Array, m: number, n: number, rcond: number): Float64Array {
  // column-major working copy: column j is c[j*m .. j*m + m)
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[j * m + i] = a[i * n + j] as number;
  // Householder QR: reflector k is I − β_k v_k v_kᵀ with v_k stored in rows k.. of column k of `vs`
  const vs = new Float64Array(m * n);
  const beta = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += (c[col + i] as number) ** 2;
    const norm = Math.sqrt(norm2);
    if (norm === 0) continue; // β_k = 0: identity reflector
    const x0 = c[col + k] as number;
    const alpha = x0 >= 0 ? -norm : norm;
    // v = x − αe_1 (no cancellation: α has the opposite sign of x_0)
    for (let i = k; i < m; i++) vs[col + i] = c[col + i] as number;
    vs[col + k] = x0 - alpha;
    const vv = norm2 - x0 * x0 + (x0 - alpha) ** 2;
    const b = 2 / vv;
    beta[k] = b;
    c[col + k] = alpha;
    for (let i = k + 1; i < m; i++) c[col + i] = 0;
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += (vs[col + i] as number) * (c[cj + i] as number);
      const s = b * dot;
      if (s !== 0) for (let i = k; i < m; i++) c[cj + i] = (c[cj + i] as number) - s * (vs[col + i] as number);
    }
  }
  // thin Q (m × n, column-major): apply the reflectors in reverse to the first n columns of I
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const b = beta[k] as number;
    if (b === 0) continue;
    const col = k * m;
    for (let j = k; j < n; j++) {
      const qj = j * m;
      let dot = 0;
      for (let i = k; i < m; i++) dot += (vs[col + i] as number) * (q[qj + i] as number);
      const s = b * dot;
      if (s !== 0) for (let i = k; i < m; i++) q[qj + i] = (q[qj + i] as number) - s * (vs[col + i] as number);
    }
  }
  // SVD of the small R = W Σ Zᵀ (R's upper triangle, row-major); then M = Z Σ⁺ Wᵀ (n × n), dropping σ_j ≤ rcond·σ_max
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[i * n + j] = c[j * m + i] as number;
  const svd = jacobiSvd(r, n, n, n * EPS, MAX_SWEEPS);
  if (!svd.converged) {
    throw new ConvergenceError({ ...SITE, iterations: svd.sweeps, residual: svd.offMax, what: 'one-sided Jacobi SVD', hint: 'The matrix is badly scaled; rescale its columns.' });
  }
  const cutoff = rcond * (n > 0 ? (svd.s[0] as number) : 0);
  const mm = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const sj = svd.s[j] as number;
    if (!(sj > cutoff) || sj === 0) continue;
    for (let a = 0; a < n; a++) {
      const za = (svd.v[a * n + j] as number) / sj;
      if (za === 0) continue;
      for (let b = 0; b < n; b++) mm[a * n + b] = (mm[a * n + b] as number) + za * (svd.u[b * n + j] as number);
    }
  }
  // A⁺ = M Qᵀ: out[a, i] = Σ_b M[a, b] Q[i, b]
  const out = new Float64Array(n * m);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const v = mm[a * n + b] as number;
      if (v === 0) continue;
      const qb = b * m;
      const oa = a * m;
      for (let i = 0; i < m; i++) out[oa + i] = (out[oa + i] as number) + v * (q[qb + i] as number);
    }
  }
  return out;
}

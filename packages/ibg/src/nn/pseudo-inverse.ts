/**
 * Moore–Penrose pseudo-inverse of a tall N × K matrix in float64: the analysis operators (U diag r)^† and
 * (V diag r)^† of IBG-NN (seed 003, Section 6), computed once before training.
 */
import { ConvergenceError, InvalidArgumentError, checkFiniteNumber, checkInteger, checkOptions } from '@isinglab/graph';

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
  // one-sided Jacobi on B = R (n × n, column-major): rotate column pairs until orthogonal; B = R Z, Z accumulated
  const bm = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) bm[j * n + i] = c[j * m + i] as number;
  const z = new Float64Array(n * n);
  for (let j = 0; j < n; j++) z[j * n + j] = 1;
  let sweeps = 0;
  let offMax = 0;
  for (;;) {
    let rotated = false;
    offMax = 0;
    for (let p = 0; p < n - 1; p++) {
      for (let r = p + 1; r < n; r++) {
        const bp = p * n;
        const br = r * n;
        let alpha = 0;
        let betaPr = 0;
        let gamma = 0;
        for (let i = 0; i < n; i++) {
          const x = bm[bp + i] as number;
          const y = bm[br + i] as number;
          alpha += x * x;
          betaPr += y * y;
          gamma += x * y;
        }
        if (gamma === 0) continue;
        const rel = Math.abs(gamma) / Math.sqrt(alpha * betaPr);
        if (rel > offMax) offMax = rel;
        if (rel <= n * EPS) continue;
        rotated = true;
        const zeta = (betaPr - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let i = 0; i < n; i++) {
          const x = bm[bp + i] as number;
          const y = bm[br + i] as number;
          bm[bp + i] = cs * x - sn * y;
          bm[br + i] = sn * x + cs * y;
          const zx = z[bp + i] as number;
          const zy = z[br + i] as number;
          z[bp + i] = cs * zx - sn * zy;
          z[br + i] = sn * zx + cs * zy;
        }
      }
    }
    sweeps++;
    if (!rotated) break;
    if (sweeps >= MAX_SWEEPS) {
      throw new ConvergenceError({ ...SITE, iterations: sweeps, residual: offMax, what: 'one-sided Jacobi SVD', hint: 'The matrix is badly scaled; rescale its columns.' });
    }
  }
  // σ_j = ‖b_j‖, w_j = b_j / σ_j; M = Z Σ⁺ Wᵀ (n × n, row-major), dropping σ_j ≤ rcond·σ_max
  const sigma = new Float64Array(n);
  let sigmaMax = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (bm[j * n + i] as number) ** 2;
    sigma[j] = Math.sqrt(s);
    if ((sigma[j] as number) > sigmaMax) sigmaMax = sigma[j] as number;
  }
  const cutoff = rcond * sigmaMax;
  const mm = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const s = sigma[j] as number;
    if (!(s > cutoff) || s === 0) continue;
    const inv2 = 1 / (s * s); // z_j (b_j/σ_j)ᵀ / σ_j
    for (let a = 0; a < n; a++) {
      const za = (z[j * n + a] as number) * inv2;
      if (za === 0) continue;
      for (let b = 0; b < n; b++) mm[a * n + b] = (mm[a * n + b] as number) + za * (bm[j * n + b] as number);
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

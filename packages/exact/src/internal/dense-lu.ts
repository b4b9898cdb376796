/**
 * Dense LU with partial pivoting on a row-major Float64Array: log|det| and solves. The O(n³) baseline of the
 * planar solver (and its exact path for small blocks).
 */

export interface DenseLu {
  n: number;
  /** L (unit lower, below the diagonal) and U, in place. */
  lu: Float64Array;
  /** Row permutation: row k of LU is row perm[k] of the input. */
  perm: Int32Array;
  /** Σ log|U_kk|; −Infinity for a singular matrix. */
  logAbsDet: number;
}

export function denseLu(a: Float64Array, n: number): DenseLu {
  const lu = a;
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let logAbsDet = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k] as number);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return { n, lu, perm, logAbsDet: -Infinity };
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j] as number;
        lu[k * n + j] = lu[p * n + j] as number;
        lu[p * n + j] = t;
      }
      const t = perm[k] as number;
      perm[k] = perm[p] as number;
      perm[p] = t;
    }
    const pivot = lu[k * n + k] as number;
    logAbsDet += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k] as number) / pivot;
      if (f === 0) continue;
      lu[i * n + k] = f;
      for (let j = k + 1; j < n; j++) lu[i * n + j] = (lu[i * n + j] as number) - f * (lu[k * n + j] as number);
    }
  }
  return { n, lu, perm, logAbsDet };
}

/** Column j of A⁻¹ into `out` (length n). */
export function inverseColumn(f: DenseLu, j: number, out: Float64Array): void {
  const { n, lu, perm } = f;
  // solve L y = P e_j, then U x = y
  for (let i = 0; i < n; i++) out[i] = perm[i] === j ? 1 : 0;
  for (let i = 0; i < n; i++) {
    let s = out[i] as number;
    for (let k = 0; k < i; k++) s -= (lu[i * n + k] as number) * (out[k] as number);
    out[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i] as number;
    for (let k = i + 1; k < n; k++) s -= (lu[i * n + k] as number) * (out[k] as number);
    out[i] = s / (lu[i * n + i] as number);
  }
}

/**
 * A⁻¹ (row-major) from its LU: P A = L U, so A⁻¹ = U⁻¹ L⁻¹ P, solved for all columns at once by row operations
 * (contiguous inner loops of length n, ~n³ multiply-adds; column-by-column solves touch memory with stride n).
 */
export function denseInverse(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(n * n);
  for (let k = 0; k < n; k++) x[k * n + (perm[k] as number)] = 1;
  // L Y = P (unit lower triangular)
  for (let i = 1; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < i; k++) {
      const l = lu[row + k] as number;
      if (l === 0) continue;
      const src = k * n;
      for (let j = 0; j < n; j++) x[row + j] = (x[row + j] as number) - l * (x[src + j] as number);
    }
  }
  // U X = Y
  for (let i = n - 1; i >= 0; i--) {
    const row = i * n;
    for (let k = i + 1; k < n; k++) {
      const u = lu[row + k] as number;
      if (u === 0) continue;
      const src = k * n;
      for (let j = 0; j < n; j++) x[row + j] = (x[row + j] as number) - u * (x[src + j] as number);
    }
    const d = 1 / (lu[row + i] as number);
    for (let j = 0; j < n; j++) x[row + j] = (x[row + j] as number) * d;
  }
  return x;
}

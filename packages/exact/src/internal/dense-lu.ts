/**
 * Dense LU with partial pivoting on a row-major Float64Array: log|det|, solves and the inverse. The O(n³) baseline
 * of the planar solver, its exact path for small blocks, and the dense inverse of the separator sampler.
 *
 * Blocked (panels of BLOCK columns, right-looking): the trailing updates are products of a BLOCK-wide panel with a
 * BLOCK-high row block, tiled by TILE columns, so each entry of a matrix far larger than the caches is read once
 * per panel instead of once per pivot. Pivot choices are those of the unblocked algorithm (each panel column is
 * fully updated before its pivot is chosen).
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

/** Panel width of the blocked algorithms. */
const BLOCK = 32;
/** Column tile of the panel products (BLOCK × TILE doubles of B stay in L2). */
const TILE = 512;

/**
 * c[i][j] −= Σ_k a[i][k] · b[k][j] for i < m, j < n, k < depth (row-major, leading dimensions lda, ldb, ldc;
 * offsets of the top-left entries). Rows of a with four zero entries in a row skip that group.
 */
function subtractProduct(
  c: Float64Array,
  c0: number,
  ldc: number,
  a: Float64Array,
  a0: number,
  lda: number,
  b: Float64Array,
  b0: number,
  ldb: number,
  m: number,
  n: number,
  depth: number,
): void {
  for (let jt = 0; jt < n; jt += TILE) {
    const jEnd = jt + TILE < n ? jt + TILE : n;
    for (let i = 0; i < m; i++) {
      const ci = c0 + i * ldc;
      const ai = a0 + i * lda;
      let k = 0;
      for (; k + 3 < depth; k += 4) {
        const x0 = a[ai + k] as number;
        const x1 = a[ai + k + 1] as number;
        const x2 = a[ai + k + 2] as number;
        const x3 = a[ai + k + 3] as number;
        if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
        const r0 = b0 + k * ldb;
        const r1 = r0 + ldb;
        const r2 = r1 + ldb;
        const r3 = r2 + ldb;
        for (let j = jt; j < jEnd; j++) {
          c[ci + j] = (c[ci + j] as number) - (x0 * (b[r0 + j] as number) + x1 * (b[r1 + j] as number) + x2 * (b[r2 + j] as number) + x3 * (b[r3 + j] as number));
        }
      }
      for (; k < depth; k++) {
        const x = a[ai + k] as number;
        if (x === 0) continue;
        const r = b0 + k * ldb;
        for (let j = jt; j < jEnd; j++) c[ci + j] = (c[ci + j] as number) - x * (b[r + j] as number);
      }
    }
  }
}

/** LU of the n × n matrix `a` (overwritten). A singular matrix stops early with logAbsDet −Infinity. */
export function denseLu(a: Float64Array, n: number): DenseLu {
  const lu = a;
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  let logAbsDet = 0;
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = k0 + BLOCK < n ? k0 + BLOCK : n;
    // panel: columns k0..k1 − 1 of rows k0..n − 1, unblocked; row swaps move whole rows
    for (let k = k0; k < k1; k++) {
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
        lu[i * n + k] = f;
        if (f === 0) continue;
        for (let j = k + 1; j < k1; j++) lu[i * n + j] = (lu[i * n + j] as number) - f * (lu[k * n + j] as number);
      }
    }
    if (k1 === n) break;
    // U12 = L11⁻¹ A12 (rows k0..k1 − 1, columns k1..n − 1)
    for (let k = k0; k < k1; k++) {
      for (let i = k + 1; i < k1; i++) {
        const f = lu[i * n + k] as number;
        if (f === 0) continue;
        for (let j = k1; j < n; j++) lu[i * n + j] = (lu[i * n + j] as number) - f * (lu[k * n + j] as number);
      }
    }
    // A22 −= L21 U12
    subtractProduct(lu, k1 * n + k1, n, lu, k1 * n + k0, n, lu, k0 * n + k1, n, n - k1, n - k1, k1 - k0);
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
 * A⁻¹ (row-major) from its LU: P A = L U, so A⁻¹ = U⁻¹ L⁻¹ P. X = L⁻¹ (unit lower triangular) by blocked forward
 * elimination, then X ← U⁻¹ X by blocked backward elimination, then the columns are permuted by P.
 */
export function denseInverse(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(n * n);
  for (let i = 0; i < n; i++) x[i * n + i] = 1;
  // X = L⁻¹; rows of block [k0, k1) have no entries right of column k1 − 1
  for (let k0 = 0; k0 < n; k0 += BLOCK) {
    const k1 = k0 + BLOCK < n ? k0 + BLOCK : n;
    for (let k = k0; k < k1; k++) {
      for (let i = k + 1; i < k1; i++) {
        const l = lu[i * n + k] as number;
        if (l === 0) continue;
        for (let j = 0; j <= k; j++) x[i * n + j] = (x[i * n + j] as number) - l * (x[k * n + j] as number);
      }
    }
    if (k1 < n) subtractProduct(x, k1 * n, n, lu, k1 * n + k0, n, x, k0 * n, n, n - k1, k1, k1 - k0);
  }
  // X ← U⁻¹ X, block rows from the bottom
  for (let k1 = n; k1 > 0; k1 -= BLOCK) {
    const k0 = k1 - BLOCK > 0 ? k1 - BLOCK : 0;
    for (let k = k1 - 1; k >= k0; k--) {
      const d = 1 / (lu[k * n + k] as number);
      for (let j = 0; j < n; j++) x[k * n + j] = (x[k * n + j] as number) * d;
      for (let i = k0; i < k; i++) {
        const u = lu[i * n + k] as number;
        if (u === 0) continue;
        for (let j = 0; j < n; j++) x[i * n + j] = (x[i * n + j] as number) - u * (x[k * n + j] as number);
      }
    }
    if (k0 > 0) subtractProduct(x, 0, n, lu, k0, n, x, k0 * n, n, k0, n, k1 - k0);
  }
  // A⁻¹[i][perm[k]] = X[i][k]
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) out[row + (perm[k] as number)] = x[row + k] as number;
  }
  return out;
}

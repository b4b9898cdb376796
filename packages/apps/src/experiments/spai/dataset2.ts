/**
 * Dataset 2 of seed 000 (App. D.2): 30 × 30 windows of real symmetric SuiteSparse matrices. Non-overlapping tiles
 * are taken along the block diagonals (the main one first, then the next ones above it), each made symmetric from
 * its upper triangle, scaled to max |a| = 1, and kept when not all its values are below 10⁻⁶, its sparsity is at
 * most 96 % and |det| ∈ [0.001, 50] (the Dataset 1 filters).
 */
import type { MatrixMarketMatrix } from '@isinglab/graph';
import { DETERMINANT_RANGE, MAX_SPARSITY, SPAI_SIZE, determinant, sparsity } from './dataset1.js';

export interface MatrixWindow {
  /** Name of the source matrix. */
  source: string;
  /** First row and column of the tile in the source. */
  row: number;
  col: number;
  /** Row-major n × n symmetric window, max |a| = 1. */
  a: Float64Array;
}

export interface WindowCounts {
  /** Tiles looked at. */
  tiles: number;
  /** Rejected: every value below 10⁻⁶ (including empty tiles). */
  tiny: number;
  /** Rejected: sparser than 96 %. */
  sparse: number;
  /** Rejected: |det| outside [0.001, 50]. */
  determinant: number;
  accepted: number;
}

/** Full symmetric CSR of a MatrixMarket matrix (lower triangle stored, or general). */
function symmetricRows(m: MatrixMarketMatrix): { offsets: Int32Array; cols: Int32Array; values: Float64Array } {
  const n = m.rows;
  const mirror = m.symmetry !== 'general';
  const count = new Int32Array(n + 1);
  for (let e = 0; e < m.entries; e++) {
    const i = m.rowIndices[e] as number;
    const j = m.colIndices[e] as number;
    count[i + 1] = (count[i + 1] as number) + 1;
    if (mirror && i !== j) count[j + 1] = (count[j + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const cursor = count.slice(0, n);
  const cols = new Int32Array(count[n] as number);
  const values = new Float64Array(count[n] as number);
  const put = (i: number, j: number, v: number) => {
    const at = cursor[i] as number;
    cursor[i] = at + 1;
    cols[at] = j;
    values[at] = v;
  };
  for (let e = 0; e < m.entries; e++) {
    const i = m.rowIndices[e] as number;
    const j = m.colIndices[e] as number;
    const v = m.values === undefined ? 1 : (m.values[e] as number);
    put(i, j, v);
    if (mirror && i !== j) put(j, i, m.symmetry === 'skew-symmetric' ? -v : v);
  }
  return { offsets: count, cols, values };
}

/**
 * The accepted windows of one matrix on block diagonal `d` (tiles [30p, 30p+30) × [30(p+d), 30(p+d)+30)), with the
 * rejection counts added to `counts`.
 */
export function matrixWindows(name: string, m: MatrixMarketMatrix, d: number, counts: WindowCounts, n = SPAI_SIZE): MatrixWindow[] {
  const csr = symmetricRows(m);
  const blocks = Math.floor(Math.min(m.rows, m.cols) / n);
  const out: MatrixWindow[] = [];
  const tile = new Float64Array(n * n);
  for (let p = 0; p + d < blocks; p++) {
    counts.tiles++;
    const r0 = p * n;
    const c0 = (p + d) * n;
    tile.fill(0);
    for (let i = 0; i < n; i++) {
      const r = r0 + i;
      for (let q = csr.offsets[r] as number; q < (csr.offsets[r + 1] as number); q++) {
        const c = csr.cols[q] as number;
        if (c >= c0 && c < c0 + n) tile[i * n + (c - c0)] = (tile[i * n + (c - c0)] as number) + (csr.values[q] as number);
      }
    }
    // symmetric from the tile's upper triangle
    const a = new Float64Array(n * n);
    let max = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = tile[i * n + j] as number;
        a[i * n + j] = v;
        a[j * n + i] = v;
        max = Math.max(max, Math.abs(v));
      }
    }
    if (max < 1e-6) {
      counts.tiny++;
      continue;
    }
    for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) / max;
    if (sparsity(a) > MAX_SPARSITY) {
      counts.sparse++;
      continue;
    }
    const det = Math.abs(determinant(a, n));
    if (!(det >= (DETERMINANT_RANGE[0] as number) && det <= (DETERMINANT_RANGE[1] as number))) {
      counts.determinant++;
      continue;
    }
    counts.accepted++;
    out.push({ source: name, row: r0, col: c0, a });
  }
  return out;
}

/**
 * Dataset 2 from named matrices: block diagonal 0 of every matrix, then 1, 2, … until `max` windows are accepted or
 * no tile is left.
 */
export function suiteSparseWindows(matrices: readonly { name: string; matrix: MatrixMarketMatrix }[], max = 1800, n = SPAI_SIZE): { windows: MatrixWindow[]; counts: WindowCounts } {
  const counts: WindowCounts = { tiles: 0, tiny: 0, sparse: 0, determinant: 0, accepted: 0 };
  const windows: MatrixWindow[] = [];
  const maxBlocks = Math.max(0, ...matrices.map(({ matrix }) => Math.floor(Math.min(matrix.rows, matrix.cols) / n)));
  for (let d = 0; d < maxBlocks && windows.length < max; d++) {
    for (const { name, matrix } of matrices) {
      for (const w of matrixWindows(name, matrix, d, counts, n)) {
        if (windows.length < max) windows.push(w);
      }
      if (windows.length >= max) break;
    }
  }
  counts.accepted = windows.length;
  return { windows, counts };
}

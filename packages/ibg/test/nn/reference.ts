/**
 * Plain float64 dense-matrix code written without tfjs and without the package's pseudo-inverse: the independent
 * side of the IBG-NN comparisons. Matrices are row-major Float64Array with explicit shapes.
 */
import { type Rng } from '@isinglab/graph';

export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function mat(rows: number, cols: number, data?: ArrayLike<number>): Mat {
  const d = new Float64Array(rows * cols);
  if (data !== undefined) d.set(data);
  return { rows, cols, data: d };
}

export function randomMat(rows: number, cols: number, rng: Rng, lo = -1, hi = 1): Mat {
  const m = mat(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = lo + (hi - lo) * rng.float64();
  return m;
}

export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matmul ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const c = mat(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k]!;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j]! += v * b.data[k * b.cols + j]!;
    }
  }
  return c;
}

export function transpose(a: Mat): Mat {
  const t = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return t;
}

export function add(a: Mat, b: Mat): Mat {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error('add: shapes differ');
  return mat(a.rows, a.cols, a.data.map((v, k) => v + b.data[k]!));
}

/** a + 1·bᵀ: adds the row vector b (1 × cols or a vector) to every row. */
export function addRow(a: Mat, b: ArrayLike<number>): Mat {
  const out = mat(a.rows, a.cols, a.data);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j]! += b[j]!;
  return out;
}

export function map(a: Mat, f: (v: number) => number): Mat {
  return mat(a.rows, a.cols, a.data.map(f));
}

export const relu = (a: Mat): Mat => map(a, (v) => (v > 0 ? v : 0));

/** Column-wise mean or max over the rows, as a vector. */
export function poolRows(a: Mat, how: 'mean' | 'max'): Float64Array {
  const out = new Float64Array(a.cols).fill(how === 'max' ? -Infinity : 0);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const v = a.data[i * a.cols + j]!;
      out[j] = how === 'max' ? Math.max(out[j]!, v) : out[j]! + v / a.rows;
    }
  }
  return out;
}

/** A diag(r). */
export function scaleColumns(a: Mat, r: ArrayLike<number>): Mat {
  const out = mat(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] = a.data[i * a.cols + j]! * r[j]!;
  return out;
}

/** Solves S X = B for symmetric positive definite S by Gauss–Jordan elimination with partial pivoting. */
export function solve(s: Mat, b: Mat): Mat {
  const n = s.rows;
  const a = mat(n, n, s.data);
  const x = mat(n, b.cols, b.data);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a.data[i * n + k]!) > Math.abs(a.data[p * n + k]!)) p = i;
    for (let j = 0; j < n; j++) [a.data[k * n + j], a.data[p * n + j]] = [a.data[p * n + j]!, a.data[k * n + j]!];
    for (let j = 0; j < b.cols; j++) [x.data[k * b.cols + j], x.data[p * b.cols + j]] = [x.data[p * b.cols + j]!, x.data[k * b.cols + j]!];
    const d = a.data[k * n + k]!;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = a.data[i * n + k]! / d;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) a.data[i * n + j]! -= f * a.data[k * n + j]!;
      for (let j = 0; j < b.cols; j++) x.data[i * b.cols + j]! -= f * x.data[k * b.cols + j]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < b.cols; j++) x.data[i * b.cols + j]! /= a.data[i * n + i]!;
  return x;
}

/** A⁺ = (AᵀA)⁻¹Aᵀ for a full-column-rank, well-conditioned A (normal equations: fine for the test matrices). */
export function pinvNormal(a: Mat): Mat {
  const at = transpose(a);
  return solve(matmul(at, a), at);
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]!));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]! - b[k]!));
  return m;
}

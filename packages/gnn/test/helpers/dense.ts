/**
 * Plain float64 dense-matrix references, written without tfjs: the independent side of every comparison in the
 * gnn tests. Matrices are row-major Float64Array with explicit shapes.
 */
import { createRng, type Rng } from '@isinglab/graph';
import type { SparseAdjacency } from '../../src/index.js';

export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function dense(rows: number, cols: number, data?: ArrayLike<number>): Dense {
  const d = new Float64Array(rows * cols);
  if (data !== undefined) d.set(data);
  return { rows, cols, data: d };
}

export function randomDense(rows: number, cols: number, rng: Rng, scale = 1): Dense {
  const m = dense(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = scale * (2 * rng.float64() - 1);
  return m;
}

export function matmul(a: Dense, b: Dense): Dense {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const c = dense(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k]!;
      if (v === 0) continue;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j]! += v * b.data[k * b.cols + j]!;
    }
  }
  return c;
}

export function transpose(a: Dense): Dense {
  const t = dense(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return t;
}

export function add(a: Dense, b: Dense): Dense {
  return dense(a.rows, a.cols, a.data.map((v, k) => v + b.data[k]!));
}

export function scale(a: Dense, s: number): Dense {
  return dense(a.rows, a.cols, a.data.map((v) => v * s));
}

export function map(a: Dense, f: (v: number) => number): Dense {
  return dense(a.rows, a.cols, a.data.map(f));
}

export function identity(n: number): Dense {
  const m = dense(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** The dense matrix of an adjacency, duplicates summed. */
export function denseOf(a: SparseAdjacency, values: ArrayLike<number> = a.values): Dense {
  const m = dense(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let e = a.rowOffsets[i]!; e < a.rowOffsets[i + 1]!; e++) m.data[i * a.cols + a.colIndices[e]!]! += values[e]!;
  }
  return m;
}

/** Coordinates of a random sparse matrix with empty rows, duplicate entries and (when square) self-loops. */
export function randomCoo(rows: number, cols: number, nnz: number, seed: number) {
  const rng = createRng(seed);
  const receivers: number[] = [];
  const senders: number[] = [];
  const values: number[] = [];
  // every third row stays empty
  const allowed = Array.from({ length: rows }, (_, i) => i).filter((i) => i % 3 !== 1);
  for (let e = 0; e < nnz; e++) {
    const r = allowed[rng.uint32() % allowed.length]!;
    const c = e % 10 === 0 && r < cols ? r : rng.uint32() % cols; // self-loops
    receivers.push(r);
    senders.push(c);
    values.push(2 * rng.float64() - 1);
    if (e % 7 === 0) {
      // an exact duplicate
      receivers.push(r);
      senders.push(c);
      values.push(rng.float64());
    }
  }
  return { rows, cols, receivers, senders, values };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]! - b[k]!));
  return m;
}

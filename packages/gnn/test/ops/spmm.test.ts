import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { sparseAdjacency, spmm, type Aggregation, type SparseAdjacency } from '../../src/index.js';
import { denseOf, matmul, maxAbsDiff, randomCoo, randomDense, transpose, type Dense } from '../helpers/dense.js';
import { TEST_BACKENDS, expectNoLeak, switchTo } from '../helpers/backends.js';

// Tolerance: float32 results against float64 references with entries in [−1, 1] and ≤ ~10 terms per sum:
// rounding errors stay near 1e-6, so 1e-5 absolute (the bound) holds with margin.
const TOL = 1e-5;

/** Dense float64 reference of every aggregation, and of its gradients for the loss Σ out ⊙ R. */
function reference(a: SparseAdjacency, values: ArrayLike<number>, x: Dense, r: Dense, aggregation: Aggregation) {
  const F = x.cols;
  const out = new Float64Array(a.rows * F);
  const dx = new Float64Array(a.cols * F);
  const dw = new Float64Array(a.nnz);
  for (let i = 0; i < a.rows; i++) {
    const start = a.rowOffsets[i]!;
    const end = a.rowOffsets[i + 1]!;
    const count = end - start;
    for (let f = 0; f < F; f++) {
      if (aggregation === 'max') {
        if (count === 0) continue;
        let best = -Infinity;
        let arg = -1;
        for (let e = start; e < end; e++) {
          const m = values[e]! * x.data[a.colIndices[e]! * F + f]!;
          if (m > best) {
            best = m;
            arg = e;
          }
        }
        out[i * F + f] = best;
        dx[a.colIndices[arg]! * F + f]! += values[arg]! * r.data[i * F + f]!;
        dw[arg]! += r.data[i * F + f]! * x.data[a.colIndices[arg]! * F + f]!;
      } else {
        const s = aggregation === 'mean' ? (count > 0 ? 1 / count : 0) : 1;
        for (let e = start; e < end; e++) {
          const j = a.colIndices[e]!;
          out[i * F + f]! += s * values[e]! * x.data[j * F + f]!;
          dx[j * F + f]! += s * values[e]! * r.data[i * F + f]!;
          dw[e]! += s * r.data[i * F + f]! * x.data[j * F + f]!;
        }
      }
    }
  }
  return { out, dx, dw };
}

const SHAPES: [string, number, number, number][] = [
  ['square 40×40, 150 entries', 40, 40, 150],
  ['rectangular 25×60, 90 entries', 25, 60, 90],
  ['one row', 1, 5, 4],
];

for (const backend of TEST_BACKENDS) {
  describe(`spmm on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const [name, rows, cols, nnz] of SHAPES) {
      const coo = randomCoo(rows, cols, nnz, rows * 31 + cols);
      const a = sparseAdjacency(coo);
      const rng = createRng(rows + cols);
      const F = 7;
      const x = randomDense(cols, F, rng);
      const r = randomDense(rows, F, rng);

      it(`${name}: has empty rows, duplicates${rows === cols ? ' and self-loops' : ''}`, () => {
        expect(Array.from({ length: rows }, (_, i) => a.rowOffsets[i + 1]! - a.rowOffsets[i]!).some((c) => c === 0)).toBe(rows > 1);
        const keys = coo.receivers.map((rr, e) => `${rr},${coo.senders[e]}`);
        expect(new Set(keys).size).toBeLessThan(keys.length);
        if (rows === cols) expect(coo.receivers.some((rr, e) => rr === coo.senders[e])).toBe(true);
      });

      it(`${name}: sum forward and backward equal dense matMul (tfjs) and the float64 reference`, () => {
        const leaked = expectNoLeak(() => {
          tf.tidy(() => {
            const xt = tf.tensor2d(Float32Array.from(x.data), [cols, F], 'float32');
            const rt = tf.tensor2d(Float32Array.from(r.data), [rows, F], 'float32');
            const denseA = tf.tensor2d(Float32Array.from(denseOf(a).data), [rows, cols], 'float32');
            const out = spmm(a, xt);
            expect(maxAbsDiff(out.dataSync(), tf.matMul(denseA, xt).dataSync())).toBeLessThan(TOL);
            expect(maxAbsDiff(out.dataSync(), matmul(denseOf(a), x).data)).toBeLessThan(TOL);
            const dx = tf.grad((v: tf.Tensor) => spmm(a, v as tf.Tensor2D).mul(rt).sum())(xt);
            expect(maxAbsDiff(dx.dataSync(), tf.matMul(denseA, rt, true, false).dataSync())).toBeLessThan(TOL);
            expect(maxAbsDiff(dx.dataSync(), matmul(transpose(denseOf(a)), r).data)).toBeLessThan(TOL);
          });
        });
        expect(leaked).toBe(0);
      });

      for (const aggregation of ['sum', 'mean', 'max'] as const) {
        it(`${name}: ${aggregation} with trainable entry values — output, dX and d(values) match the reference`, () => {
          const w = Float64Array.from({ length: a.nnz }, () => 2 * rng.float64() - 1);
          const ref = reference(a, w, x, r, aggregation);
          const leaked = expectNoLeak(() => {
            tf.tidy(() => {
              const xt = tf.tensor2d(Float32Array.from(x.data), [cols, F], 'float32');
              const wt = tf.tensor1d(Float32Array.from(w), 'float32');
              const rt = tf.tensor2d(Float32Array.from(r.data), [rows, F], 'float32');
              const f = (xv: tf.Tensor, wv: tf.Tensor) => spmm(a, xv as tf.Tensor2D, { aggregation, edgeValues: wv as tf.Tensor1D }).mul(rt).sum();
              const out = spmm(a, xt, { aggregation, edgeValues: wt });
              expect(maxAbsDiff(out.dataSync(), ref.out)).toBeLessThan(TOL);
              const [dx, dw] = tf.grads(f)([xt, wt]);
              expect(maxAbsDiff(dx!.dataSync(), ref.dx)).toBeLessThan(TOL);
              expect(maxAbsDiff(dw!.dataSync(), ref.dw)).toBeLessThan(TOL);
            });
          });
          expect(leaked).toBe(0);
        });

        it(`${name}: ${aggregation} with the stored values — output and dX match the reference`, () => {
          const ref = reference(a, a.values, x, r, aggregation);
          tf.tidy(() => {
            const xt = tf.tensor2d(Float32Array.from(x.data), [cols, F], 'float32');
            const rt = tf.tensor2d(Float32Array.from(r.data), [rows, F], 'float32');
            expect(maxAbsDiff(spmm(a, xt, { aggregation }).dataSync(), ref.out)).toBeLessThan(TOL);
            const dx = tf.grad((v: tf.Tensor) => spmm(a, v as tf.Tensor2D, { aggregation }).mul(rt).sum())(xt);
            expect(maxAbsDiff(dx.dataSync(), ref.dx)).toBeLessThan(TOL);
          });
        });
      }
    }

    it('an adjacency without entries gives zeros and zero gradients', () => {
      const a = sparseAdjacency({ rows: 3, cols: 2, receivers: [], senders: [] });
      tf.tidy(() => {
        const x = tf.ones([2, 4]) as tf.Tensor2D;
        for (const aggregation of ['sum', 'mean', 'max'] as const) {
          expect(Array.from(spmm(a, x, { aggregation }).dataSync())).toEqual(new Array(12).fill(0));
          expect(Array.from(tf.grad((v: tf.Tensor) => spmm(a, v as tf.Tensor2D, { aggregation }).sum())(x).dataSync())).toEqual(new Array(8).fill(0));
        }
      });
    });
  });
}

describe('spmm argument checks', () => {
  const a = sparseAdjacency({ rows: 2, cols: 3, receivers: [0, 1], senders: [2, 0] });
  const cases: [string, () => unknown, string][] = [
    ['x with the wrong number of rows', () => spmm(a, tf.zeros([2, 4]) as tf.Tensor2D), 'x'],
    ['x of rank 1', () => spmm(a, tf.zeros([3]) as unknown as tf.Tensor2D), 'x'],
    ['int32 x', () => spmm(a, tf.zeros([3, 2], 'int32') as tf.Tensor2D), 'x'],
    ['edge values of the wrong length', () => spmm(a, tf.zeros([3, 2]) as tf.Tensor2D, { edgeValues: tf.ones([3]) as tf.Tensor1D }), 'options.edgeValues'],
    ['unknown aggregation', () => spmm(a, tf.zeros([3, 2]) as tf.Tensor2D, { aggregation: 'min' as Aggregation }), 'options.aggregation'],
    ['unknown option', () => spmm(a, tf.zeros([3, 2]) as tf.Tensor2D, { weights: 1 } as never), 'options.weights'],
    ['not an adjacency', () => spmm({} as SparseAdjacency, tf.zeros([3, 2]) as tf.Tensor2D), 'adjacency'],
  ];
  for (const [name, fn, argument] of cases) {
    it(`rejects ${name} with InvalidArgumentError on ${argument}`, () => {
      tf.tidy(() => {
        let caught: unknown;
        try {
          fn();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(InvalidArgumentError);
        expect((caught as InvalidArgumentError).argument).toBe(argument);
        expect((caught as Error).message).toMatch(/^@isinglab\/gnn spmm: /);
      });
    });
  }
});

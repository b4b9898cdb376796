import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@isinglab/graph';
import { matMul } from '../../src/index.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

/** Row-major r × c matrix of uniform values in [−1, 1). */
function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => 2 * rng.float64() - 1);
}

/** (op(a) · op(b)) in float64, op = transpose when asked; a is ar × ac, b is br × bc as stored. */
function reference(a: Float64Array, ar: number, ac: number, b: Float64Array, br: number, bc: number, ta: boolean, tb: boolean): { value: Float64Array; rows: number; cols: number } {
  const rows = ta ? ac : ar;
  const inner = ta ? ar : ac;
  const cols = tb ? br : bc;
  const at = (i: number, k: number) => (ta ? (a[k * ac + i] as number) : (a[i * ac + k] as number));
  const bt = (k: number, j: number) => (tb ? (b[j * bc + k] as number) : (b[k * bc + j] as number));
  const value = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < inner; k++) value[i * cols + j] = (value[i * cols + j] as number) + at(i, k) * bt(k, j);
  return { value, rows, cols };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  expect(worst).toBeLessThan(tolerance);
}

for (const backend of TEST_BACKENDS) {
  describe(`matMul on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`transposeA ${ta}, transposeB ${tb}: value and both gradients equal a float64 reference, no tensor left behind`, () => {
        // op(a) is 5 × 4, op(b) is 4 × 3
        const [ar, ac] = ta ? [4, 5] : [5, 4];
        const [br, bc] = tb ? [3, 4] : [4, 3];
        const a = randomMatrix(ar, ac, 1);
        const b = randomMatrix(br, bc, 2);
        // loss = Σ r ⊙ (op(a)·op(b)), so dLoss/da and dLoss/db are products with r that the reference gives too
        const r = randomMatrix(5, 3, 3);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const at = tf.tensor2d(Float32Array.from(a), [ar, ac]);
          const bt = tf.tensor2d(Float32Array.from(b), [br, bc]);
          const rt = tf.tensor2d(Float32Array.from(r), [5, 3]);
          expectClose(matMul(at, bt, ta, tb).dataSync(), reference(a, ar, ac, b, br, bc, ta, tb).value, 1e-5);
          const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul(x as tf.Tensor2D, y as tf.Tensor2D, ta, tb), rt)))([at, bt]);
          // d/d op(a) = r · op(b)ᵀ (5 × 4), d/d op(b) = op(a)ᵀ · r (4 × 3); transposed back when op transposes
          const daOp = reference(r, 5, 3, b, br, bc, false, !tb);
          const dbOp = reference(a, ar, ac, r, 5, 3, !ta, false);
          expectClose(da!.dataSync(), ta ? transpose(daOp.value, 5, 4) : daOp.value, 1e-5);
          expectClose(db!.dataSync(), tb ? transpose(dbOp.value, 4, 3) : dbOp.value, 1e-5);
        });
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it('works inside tf.variableGrads on variables (the layers’ path) and outside any tidy without leaking', () => {
      const w = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]));
      const before = tf.memory().numTensors;
      const x = tf.tensor2d([1, 0, -1, 2, 1, 0], [2, 3]);
      const { value, grads } = tf.variableGrads(() => tf.sum(matMul(x, w)) as tf.Scalar);
      expect(value.dataSync()[0]).toBeCloseTo(-4 - 4 + 5 + 8, 5);
      // d/dw Σ (x·w) = xᵀ·1: each row of w gets the column sums of x
      expectClose(grads[w.name]!.dataSync(), [3, 3, 1, 1, -1, -1], 1e-6);
      const y = matMul(x, w, false, false);
      tf.dispose([value, ...Object.values(grads), x, y]);
      expect(tf.memory().numTensors).toBe(before);
      w.dispose();
    });
  });
}

function transpose(m: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = m[i * cols + j] as number;
  return out;
}

/** The BatchMatMul kernels of one forward + backward pass of `product` (gradients of the sum w.r.t. both factors). */
async function productKernels(product: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor, aShape: [number, number], bShape: [number, number]): Promise<{ inputShapes: number[][] }[]> {
  const profile = await tf.profile(() =>
    tf.tidy(() => {
      const a = tf.ones(aShape) as tf.Tensor2D;
      const b = tf.ones(bShape) as tf.Tensor2D;
      const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(product(x as tf.Tensor2D, y as tf.Tensor2D)))([a, b]);
      da!.dataSync();
      db!.dataSync();
    }),
  );
  return profile.kernels.filter((k) => k.name === 'BatchMatMul' || k.name === '_FusedMatMul') as unknown as { inputShapes: number[][] }[];
}

/** Kernels whose inner dimensions do not match: products run with a transpose flag. */
function transposed(kernels: { inputShapes: number[][] }[]): number {
  return kernels.filter(({ inputShapes: [sa, sb] }) => sa![sa!.length - 1] !== sb![sb!.length - 2]).length;
}

describe('matMul on wasm', () => {
  beforeAll(async () => {
    await switchTo('wasm');
  });

  it('runs only untransposed products, forward and backward, for every transpose flag (tf.matMul’s gradient does not)', async () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const aShape: [number, number] = ta ? [4, 6] : [6, 4];
      const bShape: [number, number] = tb ? [3, 4] : [4, 3];
      const kernels = await productKernels((a, b) => matMul(a, b, ta, tb), aShape, bShape);
      expect(kernels).toHaveLength(3);
      expect(transposed(kernels)).toBe(0);
    }
    // the control: the test sees tf.matMul's transposed gradient products
    expect(transposed(await productKernels((a, b) => tf.matMul(a, b), [6, 4], [4, 3]))).toBeGreaterThan(0);
  });

  it('a constant operand costs no backward product and gets a zero gradient; the other gradient is unchanged', async () => {
    expect(await productKernels((a, b) => matMul(a, b, false, false, 'a'), [6, 4], [4, 3])).toHaveLength(2);
    expect(await productKernels((a, b) => matMul(a, b, false, false, 'b'), [6, 4], [4, 3])).toHaveLength(2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const a = tf.tensor2d(Float32Array.from(randomMatrix(6, 4, 7)), [6, 4]);
      const b = tf.tensor2d(Float32Array.from(randomMatrix(4, 3, 8)), [4, 3]);
      const r = tf.tensor2d(Float32Array.from(randomMatrix(6, 3, 9)), [6, 3]);
      const loss = (constant?: 'a' | 'b') => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul(x as tf.Tensor2D, y as tf.Tensor2D, false, false, constant), r));
      const [da, db] = tf.grads(loss())([a, b]);
      const [zeroA, dbOnly] = tf.grads(loss('a'))([a, b]);
      const [daOnly, zeroB] = tf.grads(loss('b'))([a, b]);
      expect(Array.from(dbOnly!.dataSync())).toEqual(Array.from(db!.dataSync()));
      expect(Array.from(daOnly!.dataSync())).toEqual(Array.from(da!.dataSync()));
      expect(Array.from(zeroA!.dataSync()).every((v) => v === 0)).toBe(true);
      expect(Array.from(zeroB!.dataSync()).every((v) => v === 0)).toBe(true);
      expect(zeroA!.shape).toEqual([6, 4]);
      expect(zeroB!.shape).toEqual([4, 3]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('hands rank-3 and int32 operands to tf.matMul (same values, same errors)', () => {
    tf.tidy(() => {
      const a3 = tf.tensor3d(Float32Array.from(randomMatrix(2 * 3, 4, 10)), [2, 3, 4]);
      const b3 = tf.tensor3d(Float32Array.from(randomMatrix(2 * 4, 2, 11)), [2, 4, 2]);
      expect(Array.from(matMul(a3, b3).dataSync())).toEqual(Array.from(tf.matMul(a3, b3).dataSync()));
      // wasm has no int32 product: the error is tfjs' own, not one from inside the custom gradient
      const ai = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
      let expected = '';
      try {
        tf.matMul(ai, ai, false, true);
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected).not.toBe('');
      expect(() => matMul(ai, ai, false, true)).toThrow(expected);
    });
  });
});

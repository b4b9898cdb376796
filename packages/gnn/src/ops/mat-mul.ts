/**
 * Dense matrix product for the layers' hot paths. tfjs-backend-wasm runs a product with transposeA or transposeB
 * (which is what tf.matMul's own gradient asks for, twice per product) 10–17× slower than an explicit transpose
 * followed by a plain product (`pnpm bench`, bench/run.ts). This op keeps every product plain on wasm, forward and
 * backward, and leaves other backends (whose transposed products are native) and other ranks to tf.matMul.
 */
import * as tf from '@tensorflow/tfjs';

/** a·b with a gradient made of plain products: dA = dy·transpose(b), dB = transpose(a)·dy. */
const plainProduct = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const a = args[0] as tf.Tensor2D;
  const b = args[1] as tf.Tensor2D;
  (args[2] as tf.GradSaveFunc)([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
});

/**
 * Drop-in for `tf.matMul(a, b, transposeA, transposeB)`: the same value and gradient, with only untransposed
 * products on the wasm backend for rank-2 float32 inputs.
 * @example matMul(h, weight) // [N, in] · [in, out]
 */
export function matMul<T extends tf.Tensor>(a: T, b: T, transposeA = false, transposeB = false): T {
  if (tf.getBackend() !== 'wasm' || a.rank !== 2 || b.rank !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return tf.matMul(a, b, transposeA, transposeB) as unknown as T;
  }
  // the transposes are temporaries of this call; the product's saved inputs are kept by tfjs itself
  return tf.tidy(() => plainProduct(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b)) as unknown as T;
}

/**
 * Dense matrix product for the layers' hot paths. tfjs-backend-wasm runs a product with transposeA or transposeB
 * (which is what tf.matMul's own gradient asks for, twice per product) 10–17× slower than an explicit transpose
 * followed by a plain product (measured on 2,277 × 128 and 2,277 × 250 operands; forward + backward of one product
 * 7–8× slower, `pnpm bench`, bench/run.ts). This op keeps every product plain on wasm, forward and backward, and
 * leaves other backends (whose transposed products are native) and other ranks to tf.matMul.
 */
import * as tf from '@tensorflow/tfjs';

type Gradients = 'both' | 'a' | 'b';

/** a·b whose gradient uses plain products only: dA = dy·transpose(b), dB = transpose(a)·dy, each only if wanted. */
function plainProduct(wanted: Gradients): (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const a = args[0] as tf.Tensor2D;
    const b = args[1] as tf.Tensor2D;
    // shapes, not tensors: the inputs may be gone by the time the gradient runs
    const aShape = a.shape;
    const bShape = b.shape;
    // only what the wanted gradients read is kept for the backward pass
    (args[2] as tf.GradSaveFunc)(wanted === 'both' ? [a, b] : wanted === 'a' ? [b] : [a]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const d = dy as tf.Tensor2D;
        if (wanted === 'a') return [tf.matMul(d, tf.transpose(saved[0] as tf.Tensor2D)), tf.zeros(bShape)];
        if (wanted === 'b') return [tf.zeros(aShape), tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), d)];
        return [tf.matMul(d, tf.transpose(saved[1] as tf.Tensor2D)), tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), d)];
      },
    };
  }) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;
}

const PRODUCTS: Record<Gradients, (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D> = { both: plainProduct('both'), a: plainProduct('a'), b: plainProduct('b') };

/**
 * Drop-in for `tf.matMul(a, b, transposeA, transposeB)`: the same value and gradient, with only untransposed
 * products on the wasm backend for rank-2 float32 inputs. `constantOperand` promises that no gradient is wanted
 * for that operand (a fixed operator, the input features): on that path its gradient is then returned as zeros
 * instead of costing a product as large as the forward one. Leave it out when in doubt.
 * @example matMul(h, weight) // [N, in] · [in, out]
 * @example matMul(analysis, h, false, false, 'a') // a fixed K × N operator applied to features
 */
export function matMul<T extends tf.Tensor>(a: T, b: T, transposeA = false, transposeB = false, constantOperand?: 'a' | 'b'): T {
  if (tf.getBackend() !== 'wasm' || a.rank !== 2 || b.rank !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return tf.matMul(a, b, transposeA, transposeB) as unknown as T;
  }
  const product = PRODUCTS[constantOperand === 'a' ? 'b' : constantOperand === 'b' ? 'a' : 'both'];
  // the transposes are temporaries of this call; the product's saved inputs are kept by tfjs itself
  const left = a as unknown as tf.Tensor2D;
  const right = b as unknown as tf.Tensor2D;
  return tf.tidy(() => product(transposeA ? tf.transpose(left) : left, transposeB ? tf.transpose(right) : right)) as unknown as T;
}

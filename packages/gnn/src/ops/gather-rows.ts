/**
 * Row gather x[indices, :] whose gradient is a typed-array scatter-add. tfjs' own gather differentiates through
 * unsortedSegmentSum, which the wasm backend does not have and the cpu backend runs in O(segments × rows); use
 * this for selecting training nodes, edge endpoints or pooled nodes.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';

const FN = 'gatherRows';

/**
 * out[k, :] = x[indices[k], :]; differentiable in x. Indices may repeat (their gradients add up).
 * @example gatherRows(logits, trainNodes)
 */
export function gatherRows(x: tf.Tensor2D, indices: ArrayLike<number>): tf.Tensor2D {
  if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.dtype !== 'float32') {
    throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'x', value: x instanceof tf.Tensor ? `${x.dtype} tensor of shape [${x.shape.join(', ')}]` : x, rule: 'a float32 tensor of rank 2' });
  }
  const [rows, width] = x.shape;
  const idx = Int32Array.from(indices as ArrayLike<number>);
  for (let k = 0; k < idx.length; k++) {
    const v = (indices as ArrayLike<number>)[k];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= rows) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: `indices[${k}]`, value: v, rule: `an integer in [0, ${rows})` });
    }
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const src = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const out = new Float32Array(idx.length * width);
    for (let k = 0; k < idx.length; k++) out.set(src.subarray((idx[k] as number) * width, ((idx[k] as number) + 1) * width), k * width);
    return {
      value: tf.tensor2d(out, [idx.length, width]),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync() as Float32Array;
        const dx = new Float32Array(rows * width);
        for (let k = 0; k < idx.length; k++) {
          const o = (idx[k] as number) * width;
          for (let f = 0; f < width; f++) dx[o + f] = (dx[o + f] as number) + (g[k * width + f] as number);
        }
        return tf.tensor2d(dx, [rows, width]);
      },
    };
  });
  return op(x) as tf.Tensor2D;
}

/**
 * Sparse–dense product for message passing, out = A·X, as one differentiable tfjs op (tf.customGrad): the
 * forward pass, Aᵀ·dY and the per-entry gradient run in typed-array kernels, never through tfjs' gather +
 * unsortedSegmentSum (missing on wasm, O(segments × edges) on cpu).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkOneOf, checkOptions } from '@isinglab/graph';
import { isSparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import {
  spmmMaxGradInto,
  spmmMaxInto,
  spmmSumInto,
  spmmSumTransposeInto,
  spmmSumValueGradInto,
} from '../internal/spmm-kernels.js';

/** How the messages reaching a node are combined. */
export type Aggregation = 'sum' | 'mean' | 'max';

export interface SpmmOptions {
  /**
   * `'sum'`: Σ_e a_e x_{s(e)}; `'mean'`: the sum divided by the number of entries in the row; `'max'`: the
   * element-wise maximum of a_e x_{s(e)} (0 for a row without entries). @default 'sum'
   */
  aggregation?: Aggregation;
  /** Entry values a_e replacing `adjacency.values` (length nnz, row-major entry order), e.g. trainable weights. */
  edgeValues?: tf.Tensor1D;
}

const SITE = { pkg: 'gnn', fn: 'spmm' } as const;

/**
 * Message passing out = A·X with A sparse (rows × cols) and X dense (cols × F); differentiable in X and, when
 * given, in `edgeValues`. Cost O(nnz · F) forward and backward; memory O(rows · F) plus the output.
 * @example spmm(adjacencyFromGraph(graph, { selfLoops: true, normalisation: 'symmetric' }), features)
 */
export function spmm(adjacency: SparseAdjacency, x: tf.Tensor2D, options: SpmmOptions = {}): tf.Tensor2D {
  const opts = checkOptions<SpmmOptions>(SITE, options, ['aggregation', 'edgeValues']);
  const aggregation = checkOneOf(SITE, 'options.aggregation', opts.aggregation ?? 'sum', ['sum', 'mean', 'max'] as const);
  if (!isSparseAdjacency(adjacency)) {
    throw new InvalidArgumentError({ ...SITE, argument: 'adjacency', value: adjacency, rule: 'a SparseAdjacency', hint: 'Build one with adjacencyFromGraph or sparseAdjacency.' });
  }
  if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[0] !== adjacency.cols || x.dtype !== 'float32') {
    throw new InvalidArgumentError({
      ...SITE,
      argument: 'x',
      value: x instanceof tf.Tensor ? `${x.dtype} tensor of shape [${x.shape.join(', ')}]` : x,
      rule: `a float32 tensor of shape [${adjacency.cols}, F] (one row per column of the adjacency)`,
    });
  }
  const edgeValues = opts.edgeValues;
  if (edgeValues !== undefined && (!(edgeValues instanceof tf.Tensor) || edgeValues.rank !== 1 || edgeValues.shape[0] !== adjacency.nnz || edgeValues.dtype !== 'float32')) {
    throw new InvalidArgumentError({
      ...SITE,
      argument: 'options.edgeValues',
      value: edgeValues instanceof tf.Tensor ? `${edgeValues.dtype} tensor of shape [${edgeValues.shape.join(', ')}]` : edgeValues,
      rule: `a float32 tensor of shape [${adjacency.nnz}] (one value per stored entry)`,
    });
  }
  const features = x.shape[1];
  const rowScale = aggregation === 'mean' ? meanScale(adjacency) : null;
  if (edgeValues === undefined) {
    const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const xt = args[0] as tf.Tensor;
      const fixed = adjacency.values;
      const forward = forwardPass(adjacency, aggregation, rowScale, fixed, xt.dataSync() as Float32Array, features);
      return {
        value: tf.tensor2d(forward.out, [adjacency.rows, features]),
        gradFunc: (dy: tf.Tensor) => {
          const g = backwardPass(adjacency, aggregation, rowScale, fixed, forward, dy.dataSync() as Float32Array, null, features, false);
          return tf.tensor2d(g.dx, [adjacency.cols, features]);
        },
      };
    });
    return op(x) as tf.Tensor2D;
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xt, wt] = args as [tf.Tensor, tf.Tensor];
    const values = wt.dataSync() as Float32Array;
    // X's values stay with the closure for d(values) (a typed-array copy: saving the tensor trips wasm's leak check)
    const xv = xt.dataSync() as Float32Array;
    const forward = forwardPass(adjacency, aggregation, rowScale, values, xv, features);
    return {
      value: tf.tensor2d(forward.out, [adjacency.rows, features]),
      gradFunc: (dy: tf.Tensor) => {
        const g = backwardPass(adjacency, aggregation, rowScale, values, forward, dy.dataSync() as Float32Array, xv, features, true);
        return [tf.tensor2d(g.dx, [adjacency.cols, features]), tf.tensor1d(g.dw as Float32Array)];
      },
    };
  });
  return op(x, edgeValues) as tf.Tensor2D;
}

interface ForwardResult {
  out: Float32Array;
  argmax: Int32Array | null;
}

function meanScale(adjacency: SparseAdjacency): Float32Array {
  const scale = new Float32Array(adjacency.rows);
  for (let i = 0; i < adjacency.rows; i++) {
    const c = adjacency.rowCounts[i] as number;
    scale[i] = c > 0 ? 1 / c : 0;
  }
  return scale;
}

function forwardPass(
  a: SparseAdjacency,
  aggregation: Aggregation,
  rowScale: Float32Array | null,
  values: Float32Array,
  x: Float32Array,
  features: number,
): ForwardResult {
  const out = new Float32Array(a.rows * features);
  if (aggregation === 'max') {
    const argmax = new Int32Array(a.rows * features);
    spmmMaxInto(out, argmax, a.rows, a.rowOffsets, a.colIndices, values, x, features);
    return { out, argmax };
  }
  spmmSumInto(out, a.rows, a.rowOffsets, a.colIndices, values, rowScale, x, features, new Float64Array(features));
  return { out, argmax: null };
}

function backwardPass(
  a: SparseAdjacency,
  aggregation: Aggregation,
  rowScale: Float32Array | null,
  values: Float32Array,
  forward: ForwardResult,
  dy: Float32Array,
  x: Float32Array | null,
  features: number,
  wantValueGrad: boolean,
): { dx: Float32Array; dw: Float32Array | null } {
  const dx = new Float32Array(a.cols * features);
  const dw = wantValueGrad ? new Float32Array(a.nnz) : null;
  if (aggregation === 'max') {
    spmmMaxGradInto(dx, dw, forward.argmax as Int32Array, a.rows, a.colIndices, values, dy, x ?? new Float32Array(0), features);
    return { dx, dw };
  }
  const scratch = new Float64Array(features);
  spmmSumTransposeInto(dx, a.cols, a.transposeOffsets, a.transposeRows, a.transposeEntry, values, rowScale, dy, features, scratch);
  if (dw !== null) spmmSumValueGradInto(dw, a.rows, a.rowOffsets, a.colIndices, rowScale, dy, x as Float32Array, features);
  return { dx, dw };
}

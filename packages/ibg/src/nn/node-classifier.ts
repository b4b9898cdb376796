/**
 * What the node classifiers of this package share: the `NodeClassifier` interface the trainer drives, and the
 * input stage (node features as a float32 tensor or, for sparse bag-of-words features, a sparse matrix multiplied
 * by a trainable linear encoder through @isinglab/gnn's spmm, O(nnz·F) instead of O(N·D·F)).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, type Rng, type RngState } from '@isinglab/graph';
import { matMul, sparseAdjacency, spmm, type SparseAdjacency } from '@isinglab/gnn';
import { denseFeatureMatrix, type NodeFeatures } from '../data/node-dataset.js';

/** A full-batch node classifier bound to one graph-signal (its input is fixed at construction). */
export interface NodeClassifier {
  /** N: rows of the logits. */
  readonly nodes: number;
  /** C: columns of the logits. */
  readonly classes: number;
  /** Every trainable variable (what the optimiser updates). */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * Logits (N × C, float32) for every node; `training: true` turns dropout on (its masks drawn from the model's
   * own seeded generator). The caller disposes the tensor (or calls inside tf.tidy).
   */
  logits(options?: { training?: boolean }): tf.Tensor2D;
  /** Frees every tensor and variable the model owns. */
  dispose(): void;
  /**
   * The state of the generator that draws the dropout masks, so that training resumed from a checkpoint draws the
   * masks an uninterrupted run would (trainNodeClassifier's `resume`). Optional: a model without it resumes with
   * its generator where it is.
   */
  getRandomState?(): RngState;
  setRandomState?(state: RngState): void;
}

type Site = { readonly pkg: string; readonly fn: string };

/** Throws InvalidArgumentError unless `features` is well-formed NodeFeatures with `nodes` rows (when given). */
export function checkNodeFeatures(site: Site, features: unknown, nodes?: number, argument = 'features'): NodeFeatures {
  const f = features as Partial<NodeFeatures> | null;
  const ok =
    typeof f === 'object' &&
    f !== null &&
    Number.isInteger(f.rows) &&
    Number.isInteger(f.cols) &&
    (f.rows as number) >= 1 &&
    (f.cols as number) >= 1 &&
    ((f.kind === 'dense' && f.values instanceof Float64Array && f.values.length === (f.rows as number) * (f.cols as number)) ||
      (f.kind === 'sparse' &&
        f.offsets instanceof Int32Array &&
        f.offsets.length === (f.rows as number) + 1 &&
        f.indices instanceof Int32Array &&
        f.values instanceof Float64Array &&
        f.indices.length === f.offsets[f.rows as number] &&
        f.values.length === f.indices.length));
  if (!ok) {
    throw new InvalidArgumentError({ ...site, argument, value: features, rule: 'NodeFeatures (dense or sparse, at least one row and one column)' });
  }
  const nf = f as NodeFeatures;
  if (nodes !== undefined && nf.rows !== nodes) {
    throw new InvalidArgumentError({ ...site, argument, value: `${nf.rows} feature rows`, rule: `one row per node (${nodes})` });
  }
  const values = nf.values;
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw new InvalidArgumentError({ ...site, argument: `${argument}.values[${k}]`, value: values[k], rule: 'a finite number' });
  }
  if (nf.kind === 'sparse') {
    for (let i = 0; i < nf.rows; i++) {
      const a = nf.offsets[i] as number;
      const b = nf.offsets[i + 1] as number;
      if (!(a <= b)) throw new InvalidArgumentError({ ...site, argument: `${argument}.offsets[${i + 1}]`, value: b, rule: `≥ offsets[${i}] = ${a}` });
      for (let e = a; e < b; e++) {
        const c = nf.indices[e] as number;
        if (!(c >= 0 && c < nf.cols)) throw new InvalidArgumentError({ ...site, argument: `${argument}.indices[${e}]`, value: c, rule: `a column in [0, ${nf.cols})` });
      }
    }
  }
  return nf;
}

/** Glorot-uniform with a derived seed. */
export function glorotInit(seed: number, offset: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: seed + offset });
}

/**
 * @internal X as the left factor of X W, the features being data (no gradient for X): sparse X as a sparse matrix
 * for spmm (O(nnz·F), and the gradient with respect to W, Xᵀ·G, is sparse too), else a dense float32 tensor.
 */
export class FeatureMatrix {
  readonly dense: tf.Tensor2D | undefined;
  private readonly sparse: SparseAdjacency | undefined;

  /** `sparse: false` keeps X dense even when it is stored sparsely (it is then used as it is, not multiplied). */
  constructor(features: NodeFeatures, options: { sparse: boolean }) {
    if (options.sparse && features.kind === 'sparse') {
      const receivers = new Int32Array(features.indices.length);
      for (let i = 0; i < features.rows; i++) receivers.fill(i, features.offsets[i] as number, features.offsets[i + 1] as number);
      this.sparse = sparseAdjacency({ rows: features.rows, cols: features.cols, receivers, senders: features.indices, values: features.values });
    } else {
      this.dense = tf.tensor2d(Float32Array.from(denseFeatureMatrix(features)), [features.rows, features.cols], 'float32');
    }
  }

  /** X W (N × F). */
  times(w: tf.Tensor2D): tf.Tensor2D {
    return this.sparse !== undefined ? spmm(this.sparse, w) : matMul(this.dense as tf.Tensor2D, w, false, false, 'a');
  }

  dispose(): void {
    this.dense?.dispose();
  }
}

/**
 * @internal The input stage: X itself (dense float32 tensor), or X W_enc + b_enc when `encoderUnits` > 0.
 */
export class FeatureInput {
  readonly width: number;
  readonly variables: tf.Variable[] = [];
  private readonly matrix: FeatureMatrix;
  private readonly kernel: tf.Variable | undefined;
  private readonly bias: tf.Variable | undefined;

  constructor(features: NodeFeatures, encoderUnits: number, seed: number) {
    this.matrix = new FeatureMatrix(features, { sparse: encoderUnits > 0 });
    if (encoderUnits > 0) {
      // unnamed: tfjs registers variable names globally, so fixed names would clash between two models
      [this.kernel, this.bias] = denseVariables(features.cols, encoderUnits, seed);
      this.variables.push(this.kernel, this.bias);
      this.width = encoderUnits;
    } else {
      this.width = features.cols;
    }
  }

  /** H⁰ (N × width). Inside the caller's tidy. */
  apply(): tf.Tensor2D {
    if (this.kernel === undefined) return this.matrix.dense as tf.Tensor2D;
    return tf.add(this.matrix.times(this.kernel as tf.Tensor2D), this.bias as tf.Variable) as tf.Tensor2D;
  }

  dispose(): void {
    this.matrix.dispose();
    tf.dispose(this.variables);
  }
}

/** Inverted dropout with a mask seeded from `rng` (a new mask per call). */
export function dropout(x: tf.Tensor2D, rate: number, rng: Rng): tf.Tensor2D {
  return rate > 0 ? (tf.dropout(x, rate, undefined, rng.uint32()) as tf.Tensor2D) : x;
}

/** Rows scaled to unit Euclidean norm, h_i / √(‖h_i‖² + 1e−12) (smooth at zero rows, which ReLU can produce). */
export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  return tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12))) as tf.Tensor2D;
}

/** A trainable dense map X W + b: Glorot W and zero b, or (`'fan-in'`) both uniform in ±1/√rows. */
export function denseVariables(rows: number, cols: number, seed: number, initializer: 'glorot' | 'fan-in' = 'glorot'): [tf.Variable, tf.Variable] {
  if (initializer === 'glorot') return tf.tidy(() => [tf.variable(glorotInit(seed, 0).apply([rows, cols], 'float32') as tf.Tensor2D, true), tf.variable(tf.zeros([cols], 'float32'), true)]);
  // torch.nn.Linear's default: kernel and bias uniform in ±1/√fan_in
  const bound = 1 / Math.sqrt(rows);
  return tf.tidy(() => [tf.variable(tf.randomUniform([rows, cols], -bound, bound, 'float32', seed), true), tf.variable(tf.randomUniform([cols], -bound, bound, 'float32', seed + 1), true)]);
}

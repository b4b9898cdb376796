/**
 * Edge-conditioned convolution (NNConv; Gilmer et al. 2017, Simonovsky & Komodakis 2017): each edge's features f_e
 * set, through a small MLP Θ, the matrix that transforms the sender's features,
 *   h'_i = act(x_i W_root + agg_{e = (j → i)} x_j Θ(f_e) + b),   Θ(f) = reshape(act_Θ(f W_1 + b_1) W_2 + b_2, F × units).
 * This is the layer for edge-valued inputs such as (A_ij, (A²)_ij) in sparse approximate inverses (seed 000).
 * Inputs [x (nodes × F), edgeFeatures (nnz × E)], the rows of edgeFeatures in the adjacency's entry order (row by
 * row, `rowOffsets`); the adjacency's stored values are not used (pass them as edge features). Memory
 * O(nnz · F · units).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';
import { spmm, type Aggregation } from '../ops/spmm.js';
import { gatherRows } from '../ops/gather-rows.js';
import { sparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import {
  activate,
  adjacencyFromKwargs,
  checkActivation,
  checkAggregation,
  checkConfigObject,
  checkPositiveInteger,
  checkSeed,
  glorot,
  layerConfig,
  type ActivationName,
} from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

export interface NNConvConfig {
  /** Output features. */
  units: number;
  /** Hidden width of the edge network Θ. @default 32 */
  edgeHidden?: number;
  /** Activation inside Θ. @default 'relu' */
  edgeActivation?: ActivationName;
  /** Aggregation of the messages reaching a node. @default 'sum' */
  aggregation?: Aggregation;
  /** Add the root term x_i W_root. @default true */
  rootWeight?: boolean;
  /** @default true */
  useBias?: boolean;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform initialisers (Θ: seed, seed + 1; root: seed + 2). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

const FN = 'NNConv';

export class NNConv extends tf.layers.Layer {
  static className = 'IsinglabNNConv';
  readonly units: number;
  readonly edgeHidden: number;
  readonly edgeActivation: ActivationName;
  readonly aggregation: Aggregation;
  readonly rootWeight: boolean;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private inFeatures = 0;
  private theta1: tf.LayerVariable | undefined;
  private thetaBias1: tf.LayerVariable | undefined;
  private theta2: tf.LayerVariable | undefined;
  private thetaBias2: tf.LayerVariable | undefined;
  private rootKernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;
  /** Receiver incidence (nodes × entries) per adjacency seen, built once. */
  private readonly incidences = new WeakMap<SparseAdjacency, SparseAdjacency>();

  constructor(config: NNConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.edgeHidden = config.edgeHidden === undefined ? 32 : checkPositiveInteger(FN, 'config.edgeHidden', config.edgeHidden);
    this.edgeActivation = checkActivation(FN, config.edgeActivation ?? 'relu', 'config.edgeActivation');
    this.aggregation = checkAggregation(FN, config.aggregation ?? 'sum');
    this.rootWeight = config.rootWeight ?? true;
    this.useBias = config.useBias ?? true;
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    if (!Array.isArray(inputShape[0]) || inputShape.length !== 2) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs', value: inputShape, rule: 'two tensors [x, edgeFeatures]' });
    }
    const [xShape, eShape] = inputShape as tf.Shape[];
    const f = (xShape as tf.Shape)[1] as number;
    const e = (eShape as tf.Shape)[1] as number;
    this.inFeatures = f;
    this.theta1 = this.addWeight('edge_kernel_1', [e, this.edgeHidden], 'float32', glorot(this.seed, 0));
    this.thetaBias1 = this.addWeight('edge_bias_1', [this.edgeHidden], 'float32', tf.initializers.zeros());
    this.theta2 = this.addWeight('edge_kernel_2', [this.edgeHidden, f * this.units], 'float32', glorot(this.seed, 1));
    this.thetaBias2 = this.addWeight('edge_bias_2', [f * this.units], 'float32', tf.initializers.zeros());
    if (this.rootWeight) this.rootKernel = this.addWeight('root_kernel', [f, this.units], 'float32', glorot(this.seed, 2));
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0] as number, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2 || inputs[0]!.rank !== 2 || inputs[1]!.rank !== 2) {
        throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs', value: inputs, rule: 'two rank-2 tensors [x, edgeFeatures]' });
      }
      const x = inputs[0] as tf.Tensor2D;
      const edgeFeatures = inputs[1] as tf.Tensor2D;
      const n = x.shape[0];
      const adjacency = adjacencyFromKwargs(FN, kwargs, n);
      if (edgeFeatures.shape[0] !== adjacency.nnz) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: FN,
          argument: 'inputs[1]',
          value: `edge features of shape [${edgeFeatures.shape.join(', ')}]`,
          rule: `one row per adjacency entry (${adjacency.nnz} rows, in row-major entry order)`,
        });
      }
      const f = this.inFeatures;
      const hidden = activate(tf.add(matMul(edgeFeatures, (this.theta1 as tf.LayerVariable).read() as tf.Tensor2D), (this.thetaBias1 as tf.LayerVariable).read()), this.edgeActivation);
      const theta = tf.reshape(
        tf.add(matMul(hidden as tf.Tensor2D, (this.theta2 as tf.LayerVariable).read() as tf.Tensor2D), (this.thetaBias2 as tf.LayerVariable).read()),
        [adjacency.nnz, f, this.units],
      );
      const senders = tf.reshape(gatherRows(x, adjacency.colIndices), [adjacency.nnz, 1, f]);
      // a batched (rank-3) product: matMul would hand it to tf.matMul anyway
      const messages = tf.reshape(tf.matMul(senders as tf.Tensor3D, theta as tf.Tensor3D), [adjacency.nnz, this.units]) as tf.Tensor2D;
      let h: tf.Tensor = spmm(this.incidence(adjacency), messages, { aggregation: this.aggregation });
      if (this.rootKernel !== undefined) h = tf.add(h, matMul(x, this.rootKernel.read() as tf.Tensor2D));
      if (this.bias !== undefined) h = tf.add(h, this.bias.read());
      return activate(h, this.activation);
    });
  }

  private incidence(adjacency: SparseAdjacency): SparseAdjacency {
    let inc = this.incidences.get(adjacency);
    if (inc === undefined) {
      const receivers = new Int32Array(adjacency.nnz);
      for (let i = 0; i < adjacency.rows; i++) receivers.fill(i, adjacency.rowOffsets[i] as number, adjacency.rowOffsets[i + 1] as number);
      const entries = Int32Array.from({ length: adjacency.nnz }, (_, e) => e);
      inc = sparseAdjacency({ rows: adjacency.rows, cols: adjacency.nnz, receivers, senders: entries });
      this.incidences.set(adjacency, inc);
    }
    return inc;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      edgeHidden: this.edgeHidden,
      edgeActivation: this.edgeActivation,
      aggregation: this.aggregation,
      rootWeight: this.rootWeight,
      useBias: this.useBias,
      activation: this.activation,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(NNConv);

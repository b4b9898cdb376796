/**
 * GraphSAGE convolution (Hamilton, Ying & Leskovec 2017): h'_i = act(W_self x_i + W_neigh · agg_{j→i} x_j + b),
 * agg ∈ {mean, sum, max}, optionally ℓ2-normalised rows. The adjacency is the raw one (no self-loops, no
 * normalisation): `adjacencyFromGraph(graph)`.
 */
import * as tf from '@tensorflow/tfjs';
import { spmm, type Aggregation } from '../ops/spmm.js';
import {
  activate,
  adjacencyFromKwargs,
  checkActivation,
  checkAggregation,
  checkConfigObject,
  checkPositiveInteger,
  checkSeed,
  firstInput,
  glorot,
  lastDim,
  layerConfig,
  type ActivationName,
} from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

export interface SAGEConvConfig {
  /** Output features. */
  units: number;
  /** Neighbour aggregation. @default 'mean' */
  aggregation?: Aggregation;
  /** Divide each output row by its ℓ2 norm (after the activation). @default false */
  normalize?: boolean;
  /** @default true */
  useBias?: boolean;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform initialisers (self kernel: seed, neighbour kernel: seed + 1). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

const FN = 'SAGEConv';

export class SAGEConv extends tf.layers.Layer {
  static className = 'IsinglabSAGEConv';
  readonly units: number;
  readonly aggregation: Aggregation;
  readonly normalize: boolean;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private selfKernel: tf.LayerVariable | undefined;
  private neighbourKernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(config: SAGEConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.aggregation = checkAggregation(FN, config.aggregation ?? 'mean');
    this.normalize = config.normalize ?? false;
    this.useBias = config.useBias ?? true;
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const f = lastDim(inputShape);
    this.selfKernel = this.addWeight('self_kernel', [f, this.units], 'float32', glorot(this.seed, 0));
    this.neighbourKernel = this.addWeight('neighbour_kernel', [f, this.units], 'float32', glorot(this.seed, 1));
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...s.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs) as tf.Tensor2D;
      const adjacency = adjacencyFromKwargs(FN, kwargs, x.shape[0]);
      const wn = (this.neighbourKernel as tf.LayerVariable).read() as tf.Tensor2D;
      // sum and mean commute with the linear map (aggregate the narrower side); max does not
      const neighbours =
        this.aggregation === 'max'
          ? matMul(spmm(adjacency, x, { aggregation: 'max' }), wn)
          : spmm(adjacency, matMul(x, wn), { aggregation: this.aggregation });
      let h: tf.Tensor = tf.add(matMul(x, (this.selfKernel as tf.LayerVariable).read() as tf.Tensor2D), neighbours);
      if (this.bias !== undefined) h = tf.add(h, this.bias.read());
      h = activate(h, this.activation);
      if (this.normalize) h = tf.div(h, tf.maximum(tf.norm(h, 2, 1, true), 1e-12));
      return h;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      aggregation: this.aggregation,
      normalize: this.normalize,
      useBias: this.useBias,
      activation: this.activation,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(SAGEConv);

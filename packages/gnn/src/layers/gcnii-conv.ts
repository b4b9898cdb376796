/**
 * GCNIIConv (Chen et al. 2020, "Simple and Deep Graph Convolutional Networks"), layer ℓ ≥ 1:
 *   H' = act( ((1 − α) Â H + α H⁰) ((1 − β_ℓ) I + β_ℓ W) ),  β_ℓ = log(θ/ℓ + 1),
 * with the initial residual H⁰ (the first hidden representation) and the identity mapping. Inputs [H, H⁰] of the
 * same width; Â from `gcnAdjacency(graph)`.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkFiniteNumber } from '@isinglab/graph';
import { spmm } from '../ops/spmm.js';
import {
  activate,
  adjacencyFromKwargs,
  checkActivation,
  checkConfigObject,
  checkPositiveInteger,
  checkSeed,
  lastDim,
  layerConfig,
  type ActivationName,
} from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

export interface GCNIIConvConfig {
  /** Index ℓ ≥ 1 of this layer in the stack (sets β_ℓ). */
  layer: number;
  /** Initial-residual weight α in [0, 1]. @default 0.1 */
  alpha?: number;
  /** θ > 0 of β_ℓ = log(θ/ℓ + 1). @default 0.5 */
  theta?: number;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform kernel initialiser. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

const FN = 'GCNIIConv';

export class GCNIIConv extends tf.layers.Layer {
  static className = 'IsinglabGCNIIConv';
  readonly layerIndex: number;
  readonly alpha: number;
  readonly theta: number;
  readonly beta: number;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private kernel: tf.LayerVariable | undefined;

  constructor(config: GCNIIConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config, 'an object { layer, alpha?, theta?, ... }');
    this.layerIndex = checkPositiveInteger(FN, 'config.layer', config.layer);
    this.alpha = checkFiniteNumber({ pkg: 'gnn', fn: FN }, 'config.alpha', config.alpha ?? 0.1, { min: 0, max: 1 });
    this.theta = checkFiniteNumber({ pkg: 'gnn', fn: FN }, 'config.theta', config.theta ?? 0.5, { min: 0, minExclusive: true });
    this.beta = Math.log(this.theta / this.layerIndex + 1);
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const f = lastDim(inputShape);
    const init = tf.initializers.glorotUniform(this.seed === undefined ? {} : { seed: this.seed });
    this.kernel = this.addWeight('kernel', [f, f], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2 || !inputs.every((t) => t.rank === 2) || inputs[0]!.shape.join() !== inputs[1]!.shape.join()) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: FN,
          argument: 'inputs',
          value: Array.isArray(inputs) ? inputs.map((t) => `[${t.shape.join(', ')}]`).join(' and ') : inputs,
          rule: 'two tensors [H, H⁰] of the same shape [nodes, features]',
        });
      }
      const h = inputs[0] as tf.Tensor2D;
      const h0 = inputs[1] as tf.Tensor2D;
      const adjacency = adjacencyFromKwargs(FN, kwargs, h.shape[0]);
      const support = tf.add(tf.mul(1 - this.alpha, spmm(adjacency, h)), tf.mul(this.alpha, h0));
      const kernel = (this.kernel as tf.LayerVariable).read();
      const out = tf.add(tf.mul(1 - this.beta, support), tf.mul(this.beta, matMul(support, kernel)));
      return activate(out, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { layer: this.layerIndex, alpha: this.alpha, theta: this.theta, activation: this.activation };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(GCNIIConv);

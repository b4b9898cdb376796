/**
 * Graph isomorphism network convolution (Xu, Hu, Leskovec & Jegelka 2019):
 *   h'_i = MLP((1 + ε) x_i + Σ_{j→i} x_j),  MLP = act(· W1 + b1) W2 + b2,
 * with ε fixed or trainable. The adjacency is the raw one: `adjacencyFromGraph(graph)` (sum aggregation is what
 * makes GIN as discriminative as the 1-WL test).
 */
import * as tf from '@tensorflow/tfjs';
import { checkFiniteNumber } from '@isinglab/graph';
import { spmm } from '../ops/spmm.js';
import {
  activate,
  adjacencyFromKwargs,
  checkActivation,
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

export interface GINConvConfig {
  /** Output features (width of the MLP's last layer). */
  units: number;
  /** Width of the MLP's hidden layer. @default units */
  hidden?: number;
  /** Initial (or fixed) ε. @default 0 */
  epsilon?: number;
  /** Learn ε (GIN-ε) instead of fixing it (GIN-0 when 0). @default false */
  trainEpsilon?: boolean;
  /** Activation inside the MLP. @default 'relu' */
  mlpActivation?: ActivationName;
  /** Activation of the output. @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform initialisers (W1: seed, W2: seed + 1). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

const FN = 'GINConv';

export class GINConv extends tf.layers.Layer {
  static className = 'IsinglabGINConv';
  readonly units: number;
  readonly hidden: number;
  readonly epsilon: number;
  readonly trainEpsilon: boolean;
  readonly mlpActivation: ActivationName;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private w1: tf.LayerVariable | undefined;
  private b1: tf.LayerVariable | undefined;
  private w2: tf.LayerVariable | undefined;
  private b2: tf.LayerVariable | undefined;
  private eps: tf.LayerVariable | undefined;

  constructor(config: GINConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.hidden = config.hidden === undefined ? this.units : checkPositiveInteger(FN, 'config.hidden', config.hidden);
    this.epsilon = checkFiniteNumber({ pkg: 'gnn', fn: FN }, 'config.epsilon', config.epsilon ?? 0);
    this.trainEpsilon = config.trainEpsilon ?? false;
    this.mlpActivation = checkActivation(FN, config.mlpActivation ?? 'relu', 'config.mlpActivation');
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const f = lastDim(inputShape);
    this.w1 = this.addWeight('kernel_1', [f, this.hidden], 'float32', glorot(this.seed, 0));
    this.b1 = this.addWeight('bias_1', [this.hidden], 'float32', tf.initializers.zeros());
    this.w2 = this.addWeight('kernel_2', [this.hidden, this.units], 'float32', glorot(this.seed, 1));
    this.b2 = this.addWeight('bias_2', [this.units], 'float32', tf.initializers.zeros());
    if (this.trainEpsilon) this.eps = this.addWeight('epsilon', [], 'float32', tf.initializers.constant({ value: this.epsilon }));
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
      const onePlusEps = this.eps === undefined ? tf.scalar(1 + this.epsilon) : tf.add(1, this.eps.read());
      const z = tf.add(tf.mul(onePlusEps, x), spmm(adjacency, x)) as tf.Tensor2D;
      const hidden = activate(tf.add(matMul(z, (this.w1 as tf.LayerVariable).read() as tf.Tensor2D), (this.b1 as tf.LayerVariable).read()), this.mlpActivation);
      const out = tf.add(matMul(hidden as tf.Tensor2D, (this.w2 as tf.LayerVariable).read() as tf.Tensor2D), (this.b2 as tf.LayerVariable).read());
      return activate(out, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      hidden: this.hidden,
      epsilon: this.epsilon,
      trainEpsilon: this.trainEpsilon,
      mlpActivation: this.mlpActivation,
      activation: this.activation,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(GINConv);

/**
 * DeepSets (Zaheer et al. 2017) over the node sets of a batch of graphs: ρ(agg_{v ∈ g} φ(x_v)) with φ and ρ
 * one-hidden-layer MLPs; a permutation-invariant readout. kwargs `{ pooling }` is the graphs × nodes matrix of
 * `batchAdjacencies` (or `poolingAdjacency`). Output: graphs × units.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';
import { spmm, type Aggregation } from '../ops/spmm.js';
import { isSparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import {
  activate,
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

export interface DeepSetsConfig {
  /** Output features per set. */
  units: number;
  /** Width of φ's output and ρ's hidden layer. @default 32 */
  hidden?: number;
  /** Set aggregation. @default 'sum' */
  aggregation?: Aggregation;
  /** Activation inside φ and ρ. @default 'relu' */
  innerActivation?: ActivationName;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform initialisers (φ: seed, ρ: seed + 1, seed + 2). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

const FN = 'DeepSets';

export class DeepSets extends tf.layers.Layer {
  static className = 'IsinglabDeepSets';
  readonly units: number;
  readonly hidden: number;
  readonly aggregation: Aggregation;
  readonly innerActivation: ActivationName;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private phiKernel: tf.LayerVariable | undefined;
  private phiBias: tf.LayerVariable | undefined;
  private rhoKernel1: tf.LayerVariable | undefined;
  private rhoBias1: tf.LayerVariable | undefined;
  private rhoKernel2: tf.LayerVariable | undefined;
  private rhoBias2: tf.LayerVariable | undefined;

  constructor(config: DeepSetsConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.hidden = config.hidden === undefined ? 32 : checkPositiveInteger(FN, 'config.hidden', config.hidden);
    this.aggregation = checkAggregation(FN, config.aggregation ?? 'sum');
    this.innerActivation = checkActivation(FN, config.innerActivation ?? 'relu', 'config.innerActivation');
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const f = lastDim(inputShape);
    this.phiKernel = this.addWeight('phi_kernel', [f, this.hidden], 'float32', glorot(this.seed, 0));
    this.phiBias = this.addWeight('phi_bias', [this.hidden], 'float32', tf.initializers.zeros());
    this.rhoKernel1 = this.addWeight('rho_kernel_1', [this.hidden, this.hidden], 'float32', glorot(this.seed, 1));
    this.rhoBias1 = this.addWeight('rho_bias_1', [this.hidden], 'float32', tf.initializers.zeros());
    this.rhoKernel2 = this.addWeight('rho_kernel_2', [this.hidden, this.units], 'float32', glorot(this.seed, 2));
    this.rhoBias2 = this.addWeight('rho_bias_2', [this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(): tf.Shape {
    return [null, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs) as tf.Tensor2D;
      const pooling = (kwargs as { pooling?: unknown } | undefined)?.pooling;
      if (!isSparseAdjacency(pooling) || pooling.cols !== x.shape[0]) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: FN,
          argument: 'kwargs.pooling',
          value: isSparseAdjacency(pooling) ? `${pooling.rows}×${pooling.cols} matrix` : pooling,
          rule: `a graphs × ${x.shape[0]} pooling matrix from batchAdjacencies or poolingAdjacency`,
        });
      }
      const read = (v: tf.LayerVariable | undefined) => (v as tf.LayerVariable).read();
      const phi = activate(tf.add(matMul(x, read(this.phiKernel) as tf.Tensor2D), read(this.phiBias)), this.innerActivation) as tf.Tensor2D;
      const pooled = spmm(pooling as SparseAdjacency, phi, { aggregation: this.aggregation });
      const hidden = activate(tf.add(matMul(pooled, read(this.rhoKernel1) as tf.Tensor2D), read(this.rhoBias1)), this.innerActivation) as tf.Tensor2D;
      return activate(tf.add(matMul(hidden, read(this.rhoKernel2) as tf.Tensor2D), read(this.rhoBias2)), this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      hidden: this.hidden,
      aggregation: this.aggregation,
      innerActivation: this.innerActivation,
      activation: this.activation,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(DeepSets);

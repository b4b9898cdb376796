/**
 * GCNConv (Kipf & Welling 2017): H' = act(Â X W + b) with Â = D^{−1/2}(A + I)D^{−1/2} — the adjacency passed to
 * `apply` must be built with `adjacencyFromGraph(graph, { selfLoops: true, normalisation: 'symmetric' })`
 * (`gcnAdjacency`), which the layer checks.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, type Graph } from '@isinglab/graph';
import { adjacencyFromGraph, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import { spmm } from '../ops/spmm.js';
import {
  activate,
  adjacencyFromKwargs,
  checkActivation,
  checkConfigObject,
  checkPositiveInteger,
  checkSeed,
  firstInput,
  lastDim,
  layerConfig,
  type ActivationName,
} from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

/** GCN's normalised adjacency Â = D^{−1/2}(A + I)D^{−1/2} of a graph (edge weights used when present). */
export function gcnAdjacency(graph: Graph): SparseAdjacency {
  return adjacencyFromGraph(graph, { selfLoops: true, normalisation: 'symmetric' });
}

export interface GCNConvConfig {
  /** Output features. */
  units: number;
  /** Add a bias. @default true */
  useBias?: boolean;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform kernel initialiser; undefined draws from tfjs' global generator. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

export class GCNConv extends tf.layers.Layer {
  static className = 'IsinglabGCNConv';
  readonly units: number;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(config: GCNConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    const fn = 'GCNConv';
    checkConfigObject(fn, config);
    this.units = checkPositiveInteger(fn, 'config.units', config.units);
    this.useBias = config.useBias ?? true;
    this.activation = checkActivation(fn, config.activation);
    this.seed = checkSeed(fn, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const inF = lastDim(inputShape);
    const init = tf.initializers.glorotUniform(this.seed === undefined ? {} : { seed: this.seed });
    this.kernel = this.addWeight('kernel', [inF, this.units], 'float32', init);
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
      const adjacency = adjacencyFromKwargs('GCNConv', kwargs, x.shape[0]);
      if (adjacency.normalisation !== 'symmetric' || !adjacency.selfLoops) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: 'GCNConv',
          argument: 'kwargs.adjacency',
          value: `normalisation '${adjacency.normalisation}', selfLoops ${adjacency.selfLoops}`,
          rule: 'the symmetric-normalised adjacency with self-loops',
          hint: 'Build it with gcnAdjacency(graph).',
        });
      }
      const kernel = (this.kernel as tf.LayerVariable).read();
      // Â(XW) = (ÂX)W; transforming first keeps the sparse product at the output width
      let h: tf.Tensor = spmm(adjacency, matMul(x, kernel) as tf.Tensor2D);
      if (this.bias !== undefined) h = tf.add(h, this.bias.read());
      return activate(h, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { units: this.units, useBias: this.useBias, activation: this.activation };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(GCNConv);

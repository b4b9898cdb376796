/**
 * Dir-GNN convolution (Rossi, Charpentier, Di Giovanni, Frasca, Günnemann & Bronstein, "Edge directionality improves
 * learning on heterophilic graphs", LoG 2023): separate aggregation over in- and out-neighbours,
 *   h'_i = act(x_i W_self + (1 − α) agg_{j→i}(x_j) W_in + α agg_{i→j}(x_j) W_out + b),
 * the message-passing baseline of IBG (seed 003). With `dirGnnAdjacencies` (Dir-GCN normalisation
 * 1/√(d_in d_out)) and sum aggregation this is Dir-GCN.
 */
import * as tf from '@tensorflow/tfjs';
import { checkFiniteNumber, checkOneOf, checkOptions, type Graph } from '@isinglab/graph';
import { spmm, type Aggregation } from '../ops/spmm.js';
import { adjacencyFromGraph, sparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
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

export interface DirGnnAdjacencies {
  /** Node v receives from its in-neighbours u (arcs u → v). */
  in: SparseAdjacency;
  /** Node u receives from its out-neighbours v (arcs u → v). */
  out: SparseAdjacency;
}

export interface DirGnnAdjacenciesOptions {
  /**
   * `'directed'`: the entry for arc u → v is w/√(d_in(v)·d_out(u)) in both matrices (Dir-GCN); `'none'`: w.
   * Degrees are weighted (w = 1 without weights). @default 'directed'
   */
  normalisation?: 'directed' | 'none';
}

/**
 * The in- and out-adjacencies of a directed graph for DirGNNConv; for an undirected graph both are the
 * symmetric-normalised adjacency without self-loops. O(n + m).
 */
export function dirGnnAdjacencies(graph: Graph, options: DirGnnAdjacenciesOptions = {}): DirGnnAdjacencies {
  const site = { pkg: 'gnn', fn: 'dirGnnAdjacencies' } as const;
  const opts = checkOptions<DirGnnAdjacenciesOptions>(site, options, ['normalisation']);
  const normalisation = checkOneOf(site, 'options.normalisation', opts.normalisation ?? 'directed', ['directed', 'none'] as const);
  const inRaw = adjacencyFromGraph(graph, { direction: 'in' });
  const outRaw = adjacencyFromGraph(graph, { direction: 'out' });
  if (normalisation === 'none') return { in: inRaw, out: outRaw };
  const rowSums = (a: SparseAdjacency) => {
    const s = new Float64Array(a.rows);
    for (let i = 0; i < a.rows; i++) for (let e = a.rowOffsets[i] as number; e < (a.rowOffsets[i + 1] as number); e++) s[i] = (s[i] as number) + (a.values[e] as number);
    return s;
  };
  const dIn = rowSums(inRaw);
  const dOut = rowSums(outRaw);
  // in: row v (receiver), column u (sender) of arc u → v; out: row u, column v of the same arc
  const rescale = (a: SparseAdjacency, dRow: Float64Array, dCol: Float64Array) => {
    const receivers = new Int32Array(a.nnz);
    const values = new Float64Array(a.nnz);
    for (let i = 0; i < a.rows; i++) {
      for (let e = a.rowOffsets[i] as number; e < (a.rowOffsets[i + 1] as number); e++) {
        receivers[e] = i;
        const d = (dRow[i] as number) * (dCol[a.colIndices[e] as number] as number);
        values[e] = d > 0 ? (a.values[e] as number) / Math.sqrt(d) : 0;
      }
    }
    return sparseAdjacency({ rows: a.rows, cols: a.cols, receivers, senders: a.colIndices, values });
  };
  return { in: rescale(inRaw, dIn, dOut), out: rescale(outRaw, dOut, dIn) };
}

export interface DirGNNConvConfig {
  /** Output features. */
  units: number;
  /** Weight α of the out-neighbour aggregation (1 − α for in-neighbours). @default 0.5 */
  alpha?: number;
  /** Aggregation of each direction. @default 'sum' */
  aggregation?: Aggregation;
  /** Add the self term x_i W_self. @default true */
  rootWeight?: boolean;
  /** @default true */
  useBias?: boolean;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Seed of the Glorot-uniform initialisers (W_in: seed, W_out: seed + 1, W_self: seed + 2). */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** Keyword arguments of DirGNNConv.apply. */
export interface DirGnnKwargs {
  adjacency: SparseAdjacency;
  adjacencyOut: SparseAdjacency;
}

const FN = 'DirGNNConv';

export class DirGNNConv extends tf.layers.Layer {
  static className = 'IsinglabDirGNNConv';
  readonly units: number;
  readonly alpha: number;
  readonly aggregation: Aggregation;
  readonly rootWeight: boolean;
  readonly useBias: boolean;
  readonly activation: ActivationName;
  readonly seed: number | undefined;
  private inKernel: tf.LayerVariable | undefined;
  private outKernel: tf.LayerVariable | undefined;
  private selfKernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(config: DirGNNConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.alpha = checkFiniteNumber({ pkg: 'gnn', fn: FN }, 'config.alpha', config.alpha ?? 0.5, { min: 0, max: 1 });
    this.aggregation = checkAggregation(FN, config.aggregation ?? 'sum');
    this.rootWeight = config.rootWeight ?? true;
    this.useBias = config.useBias ?? true;
    this.activation = checkActivation(FN, config.activation);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const f = lastDim(inputShape);
    this.inKernel = this.addWeight('in_kernel', [f, this.units], 'float32', glorot(this.seed, 0));
    this.outKernel = this.addWeight('out_kernel', [f, this.units], 'float32', glorot(this.seed, 1));
    if (this.rootWeight) this.selfKernel = this.addWeight('self_kernel', [f, this.units], 'float32', glorot(this.seed, 2));
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
      const n = x.shape[0];
      const aIn = adjacencyFromKwargs(FN, kwargs, n, 'adjacency');
      const aOut = adjacencyFromKwargs(FN, kwargs, n, 'adjacencyOut');
      const direction = (a: SparseAdjacency, kernel: tf.LayerVariable) => {
        const w = kernel.read() as tf.Tensor2D;
        return this.aggregation === 'max'
          ? matMul(spmm(a, x, { aggregation: 'max' }), w)
          : spmm(a, matMul(x, w), { aggregation: this.aggregation });
      };
      let h: tf.Tensor = tf.add(
        tf.mul(1 - this.alpha, direction(aIn, this.inKernel as tf.LayerVariable)),
        tf.mul(this.alpha, direction(aOut, this.outKernel as tf.LayerVariable)),
      );
      if (this.selfKernel !== undefined) h = tf.add(h, matMul(x, this.selfKernel.read() as tf.Tensor2D));
      if (this.bias !== undefined) h = tf.add(h, this.bias.read());
      return activate(h, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      alpha: this.alpha,
      aggregation: this.aggregation,
      rootWeight: this.rootWeight,
      useBias: this.useBias,
      activation: this.activation,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }
}
tf.serialization.registerClass(DirGNNConv);

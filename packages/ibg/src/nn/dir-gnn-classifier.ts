/**
 * Baselines trained by the same trainer as IBG-NN: Dir-GNN (Rossi et al., LoG 2023; seed 003's message-passing
 * comparison in Section 7.1 and Table 2) built from @isinglab/gnn's DirGNNConv with the Dir-GCN normalisation,
 * and an MLP on the node features alone (the "MLP" row of Table 2). Same input stage, dropout, row normalisation,
 * jumping knowledge and read-out as IbgnnClassifier, so a comparison isolates the graph operator.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkBoolean, checkFiniteNumber, checkInteger, checkOneOf, checkOptions, createRng, type Graph, type Rng, type RngState } from '@isinglab/graph';
import { ACTIVATIONS, DirGNNConv, activate, dirGnnAdjacencies, matMul, type ActivationName, type DirGnnAdjacencies } from '@isinglab/gnn';
import type { NodeFeatures } from '../data/node-dataset.js';
import { FeatureInput, checkNodeFeatures, denseVariables, dropout, normalizeRows, type NodeClassifier } from './node-classifier.js';

export interface DirGnnClassifierOptions {
  /** C: number of classes. */
  classes: number;
  /** Seed of every initialiser and of the dropout masks. */
  seed: number;
  /** Width of every layer. @default 64 */
  hidden?: number;
  /** Number of DirGNNConv layers (for the MLP: hidden dense layers). @default 2 */
  layers?: number;
  /** Width of a linear feature encoder before the first layer (0: none). @default 0 */
  encoder?: number;
  /** Dir-GNN's α: weight of the out-neighbour aggregation (ignored by the MLP). @default 0.5 */
  alpha?: number;
  /**
   * Dir-GNN's self term h W_self (ignored by the MLP). The reference Dir-GCN (Rossi et al.'s DirGCNConv) has none:
   * a node sees its own features only through the other direction's neighbours. @default true
   */
  rootWeight?: boolean;
  /** σ. @default 'relu' */
  activation?: ActivationName;
  /** Dropout rate after every layer (training only). @default 0.2 */
  dropout?: number;
  /** Unit-norm rows after every layer. @default false */
  normalize?: boolean;
  /** `'cat'`: the read-out sees all layer outputs. @default 'none' */
  jumpingKnowledge?: 'none' | 'cat';
}

export type MlpClassifierOptions = Omit<DirGnnClassifierOptions, 'alpha' | 'rootWeight'>;
type Config = Readonly<Required<DirGnnClassifierOptions>>;

const KEYS = ['classes', 'seed', 'hidden', 'layers', 'encoder', 'alpha', 'rootWeight', 'activation', 'dropout', 'normalize', 'jumpingKnowledge'] as const;
const DEFAULTS = Object.freeze({
  hidden: 64,
  layers: 2,
  encoder: 0,
  alpha: 0.5,
  rootWeight: true,
  activation: 'relu' as ActivationName,
  dropout: 0.2,
  normalize: false,
  jumpingKnowledge: 'none' as 'none' | 'cat',
});

function baselineConfig(fn: string, options: unknown, keys: readonly (keyof DirGnnClassifierOptions)[]): Config {
  const site = { pkg: 'ibg', fn } as const;
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object { classes, seed, ... }' });
  const o = checkOptions<DirGnnClassifierOptions>(site, options, keys);
  const pick = <K extends keyof typeof DEFAULTS>(k: K): (typeof DEFAULTS)[K] => (o[k] === undefined ? DEFAULTS[k] : (o[k] as (typeof DEFAULTS)[K]));
  return Object.freeze({
    classes: checkInteger(site, 'options.classes', o.classes, { min: 2 }),
    seed: checkInteger(site, 'options.seed', o.seed),
    hidden: checkInteger(site, 'options.hidden', pick('hidden'), { min: 1 }),
    layers: checkInteger(site, 'options.layers', pick('layers'), { min: 1 }),
    encoder: checkInteger(site, 'options.encoder', pick('encoder'), { min: 0 }),
    alpha: checkFiniteNumber(site, 'options.alpha', pick('alpha'), { min: 0, max: 1 }),
    rootWeight: checkBoolean(site, 'options.rootWeight', pick('rootWeight')),
    activation: checkOneOf(site, 'options.activation', pick('activation'), ACTIVATIONS),
    dropout: checkFiniteNumber(site, 'options.dropout', pick('dropout'), { min: 0, max: 1, maxExclusive: true }),
    normalize: checkBoolean(site, 'options.normalize', pick('normalize')),
    jumpingKnowledge: checkOneOf(site, 'options.jumpingKnowledge', pick('jumpingKnowledge'), ['none', 'cat'] as const),
  });
}

/** @internal The shared body: input → L layers (each: layer, dropout, optional normalisation) → read-out. */
abstract class StackedClassifier implements NodeClassifier {
  readonly nodes: number;
  readonly classes: number;
  readonly config: Config;
  readonly trainableVariables: readonly tf.Variable[];
  protected readonly input: FeatureInput;
  private readonly head: [tf.Variable, tf.Variable];
  private readonly rng: Rng;
  private disposed = false;

  constructor(features: NodeFeatures, config: Config) {
    this.nodes = features.rows;
    this.classes = config.classes;
    this.config = config;
    this.rng = createRng(config.seed);
    this.input = new FeatureInput(features, config.encoder, config.seed);
    this.head = denseVariables(config.jumpingKnowledge === 'cat' ? config.layers * config.hidden : config.hidden, config.classes, config.seed + 1);
    this.trainableVariables = [];
  }

  /** Builds the layers and collects the variables; called once by subclasses after their layers exist. */
  protected finish(): void {
    tf.tidy(() => void this.forward(false));
    (this as { trainableVariables: readonly tf.Variable[] }).trainableVariables = [...this.input.variables, ...this.layerVariables(), ...this.head];
  }

  protected abstract layer(l: number, h: tf.Tensor2D): tf.Tensor2D;
  protected abstract layerVariables(): tf.Variable[];
  protected abstract disposeLayers(): void;

  private forward(training: boolean): tf.Tensor2D {
    let h = this.input.apply();
    const outs: tf.Tensor2D[] = [];
    for (let l = 0; l < this.config.layers; l++) {
      h = this.layer(l, h);
      if (training) h = dropout(h, this.config.dropout, this.rng);
      if (this.config.normalize) h = normalizeRows(h);
      outs.push(h);
    }
    const z = this.config.jumpingKnowledge === 'cat' && outs.length > 1 ? (tf.concat(outs, 1) as tf.Tensor2D) : h;
    return tf.add(matMul(z, this.head[0] as tf.Tensor2D), this.head[1]) as tf.Tensor2D;
  }

  getRandomState(): RngState {
    return this.rng.getState();
  }

  setRandomState(state: RngState): void {
    this.rng.setState(state);
  }

  logits(options: { training?: boolean } = {}): tf.Tensor2D {
    if (this.disposed) throw new InvalidArgumentError({ pkg: 'ibg', fn: `${this.constructor.name}.logits`, argument: 'this', value: 'a disposed model', rule: 'a model that was not disposed' });
    return tf.tidy(() => this.forward(options.training === true));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeLayers();
    this.input.dispose();
    tf.dispose(this.head);
  }
}

/** Dir-GNN (Dir-GCN normalisation, sum aggregation) bound to one graph-signal; see {@link createDirGnnClassifier}. */
export class DirGnnClassifier extends StackedClassifier {
  readonly adjacencies: DirGnnAdjacencies;
  readonly convs: readonly DirGNNConv[];

  /** @internal Use createDirGnnClassifier. */
  constructor(adjacencies: DirGnnAdjacencies, features: NodeFeatures, config: Config) {
    super(features, config);
    this.adjacencies = adjacencies;
    this.convs = Array.from({ length: config.layers }, (_, l) => new DirGNNConv({ units: config.hidden, alpha: config.alpha, rootWeight: config.rootWeight, activation: 'linear', seed: config.seed + 100 * (l + 1) }));
    this.finish();
  }

  protected layer(l: number, h: tf.Tensor2D): tf.Tensor2D {
    const conv = this.convs[l] as DirGNNConv;
    return activate(conv.apply(h, { adjacency: this.adjacencies.in, adjacencyOut: this.adjacencies.out }) as tf.Tensor, this.config.activation) as tf.Tensor2D;
  }

  protected layerVariables(): tf.Variable[] {
    return this.convs.flatMap((c) => c.trainableWeights.map((w) => w.read() as tf.Variable));
  }

  protected disposeLayers(): void {
    for (const conv of this.convs) conv.dispose();
  }
}

/** An MLP on the node features alone; see {@link createMlpClassifier}. */
export class MlpClassifier extends StackedClassifier {
  private readonly weights: [tf.Variable, tf.Variable][];

  /** @internal Use createMlpClassifier. */
  constructor(features: NodeFeatures, config: Config) {
    super(features, config);
    this.weights = Array.from({ length: config.layers }, (_, l) => denseVariables(l === 0 ? this.input.width : config.hidden, config.hidden, config.seed + 100 * (l + 1)));
    this.finish();
  }

  protected layer(l: number, h: tf.Tensor2D): tf.Tensor2D {
    const [w, b] = this.weights[l] as [tf.Variable, tf.Variable];
    return activate(tf.add(matMul(h, w as tf.Tensor2D), b), this.config.activation) as tf.Tensor2D;
  }

  protected layerVariables(): tf.Variable[] {
    return this.weights.flat();
  }

  protected disposeLayers(): void {
    tf.dispose(this.weights.flat());
  }
}

/**
 * Dir-GNN node classifier: L DirGNNConv layers h' = σ([h W_self] + (1 − α) Â_in h W_in + α Â_out h W_out + b) with
 * the Dir-GCN normalisation 1/√(d_in d_out) (dirGnnAdjacencies). O(L·(E·F + N·F²)) per forward pass.
 * @example const model = createDirGnnClassifier(data.graph, data.features, { classes: data.classes, seed: 1 });
 */
export function createDirGnnClassifier(graph: Graph, features: NodeFeatures, options: DirGnnClassifierOptions): DirGnnClassifier {
  const fn = 'createDirGnnClassifier';
  const config = baselineConfig(fn, options, KEYS);
  const g = graph as Partial<Graph> | null;
  if (typeof g !== 'object' || g === null || typeof g.order !== 'number' || !(g.offsets instanceof Int32Array)) {
    throw new InvalidArgumentError({ pkg: 'ibg', fn, argument: 'graph', value: graph, rule: 'an @isinglab/graph Graph' });
  }
  const x = checkNodeFeatures({ pkg: 'ibg', fn }, features, graph.order);
  return new DirGnnClassifier(dirGnnAdjacencies(graph), x, config);
}

/**
 * MLP on the node features alone (no graph): L dense layers σ(h W + b), then the read-out. O(L·N·F²).
 * @example const mlp = createMlpClassifier(data.features, { classes: data.classes, seed: 1 });
 */
export function createMlpClassifier(features: NodeFeatures, options: MlpClassifierOptions): MlpClassifier {
  const fn = 'createMlpClassifier';
  const config = baselineConfig(fn, options, KEYS.filter((k) => k !== 'alpha' && k !== 'rootWeight'));
  return new MlpClassifier(checkNodeFeatures({ pkg: 'ibg', fn }, features), config);
}

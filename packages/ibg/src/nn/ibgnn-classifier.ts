/**
 * IBG-NN node classifier (seed 003, Section 6 and Appendix K): an optional linear encoder of the node features,
 * L IBGConv layers on the fixed IBG of the graph (each followed by dropout and, optionally, row normalisation),
 * optional jumping knowledge (concatenation of every layer's output, as the seed's code does for chameleon and
 * squirrel) and a node-wise linear read-out to the class logits. Never touches the edges: O(L·(N·K·F + N·F²))
 * per forward pass, plus O(N·K²) once for the pseudo-inverses. `branches: 'separate'` builds the seed code's two
 * networks instead (one on the source communities, one on the target communities, each with its own layers and
 * read-out) and averages their logits.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkBoolean, checkFiniteNumber, checkInteger, checkOneOf, checkOptions, createRng, type Rng, type RngState } from '@isinglab/graph';
import type { ActivationName } from '@isinglab/gnn';
import type { IbgFactors } from '../model/ibg-factors.js';
import type { NodeFeatures } from '../data/node-dataset.js';
import { ACTIVATIONS, matMul } from '@isinglab/gnn';
import { COMMUNITY_FUNCTIONS, COMMUNITY_READOUTS, IBGConv, IBG_INITIALIZERS, NODE_FUNCTIONS, type CommunityFunction, type CommunityReadout, type IbgInitializer, type NodeFunction } from './ibg-conv.js';
import { ibgOperators, checkIbgFactors, type IbgOperators } from './ibg-operators.js';
import { FeatureInput, checkNodeFeatures, denseVariables, dropout, normalizeRows, type NodeClassifier } from './node-classifier.js';

export interface IbgnnClassifierOptions {
  /** C: number of classes (logit columns). */
  classes: number;
  /** Seed of every initialiser and of the dropout masks (required: no hidden randomness). */
  seed: number;
  /** Width F of every IBGConv layer. @default 64 */
  hidden?: number;
  /** L: number of IBGConv layers. @default 2 */
  layers?: number;
  /** Width of a linear feature encoder before the first layer (0: none, the layers read X). @default 0 */
  encoder?: number;
  /** Φ of every layer (see IBGConv). @default 'linear' */
  community?: CommunityFunction;
  /** Pooling of `'deepsets'`. @default 'mean' */
  pool?: 'mean' | 'max';
  /** σ of every layer. @default 'relu' */
  activation?: ActivationName;
  /** Dropout rate after every layer (training only). @default 0.2 */
  dropout?: number;
  /** The node-wise term H W of every layer (see IBGConv's selfTerm). @default true */
  selfTerm?: boolean;
  /** The node-wise term's function (see IBGConv). @default 'linear' */
  nodeFunction?: NodeFunction;
  /** What each synthesised community signal goes through (see IBGConv). @default 'none' */
  communityReadout?: CommunityReadout;
  /** `'joint'`: one network whose layers add both community terms; `'separate'`: the seed code's source and target networks, logits averaged. @default 'joint' */
  branches?: 'joint' | 'separate';
  /**
   * The linear read-out to the logits with separate branches: `'per-branch'` one per network; `'shared'` one for
   * both, applied to the average of their read-out features (the seed code's single `lin1`). @default 'per-branch'
   */
  head?: 'per-branch' | 'shared';
  /** How the layers' and the read-out's weights start (see IBGConv's initializer). @default 'glorot' */
  initializer?: IbgInitializer;
  /** Residual connections in layers whose input and output widths agree. @default false */
  residual?: boolean;
  /** Scale every layer's output rows to unit norm (the seed's "normalization"). @default false */
  normalize?: boolean;
  /** `'cat'`: the read-out sees all layer outputs concatenated; `'none'`: the last one. @default 'none' */
  jumpingKnowledge?: 'none' | 'cat';
  /** Cut-off of the pseudo-inverses (see pseudoInverse). @default max(N, K)·2^−52 */
  rcond?: number;
}

const FN = 'createIbgnnClassifier';
const SITE = { pkg: 'ibg', fn: FN } as const;
const KEYS = ['classes', 'seed', 'hidden', 'layers', 'encoder', 'community', 'pool', 'activation', 'dropout', 'selfTerm', 'nodeFunction', 'communityReadout', 'branches', 'head', 'initializer', 'residual', 'normalize', 'jumpingKnowledge', 'rcond'] as const;
const DEFAULTS = Object.freeze({
  hidden: 64,
  layers: 2,
  encoder: 0,
  community: 'linear' as CommunityFunction,
  pool: 'mean' as 'mean' | 'max',
  activation: 'relu' as ActivationName,
  dropout: 0.2,
  selfTerm: true,
  nodeFunction: 'linear' as NodeFunction,
  communityReadout: 'none' as CommunityReadout,
  branches: 'joint' as 'joint' | 'separate',
  head: 'per-branch' as 'per-branch' | 'shared',
  initializer: 'glorot' as IbgInitializer,
  residual: false,
  normalize: false,
  jumpingKnowledge: 'none' as 'none' | 'cat',
});

/** The validated configuration of an IBG-NN classifier. */
export type IbgnnClassifierConfig = Readonly<Required<Omit<IbgnnClassifierOptions, 'rcond'>>> & { readonly rcond: number | undefined };

/** Validates options against the shared rules and fills in defaults (exported for the experiment code). */
export function ibgnnClassifierConfig(options: IbgnnClassifierOptions): IbgnnClassifierConfig {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { classes, seed, ... }' });
  const o = checkOptions<IbgnnClassifierOptions>(SITE, options, KEYS);
  const pick = <K extends keyof typeof DEFAULTS>(k: K): (typeof DEFAULTS)[K] => (o[k] === undefined ? DEFAULTS[k] : (o[k] as (typeof DEFAULTS)[K]));
  return Object.freeze({
    classes: checkInteger(SITE, 'options.classes', o.classes, { min: 2 }),
    seed: checkInteger(SITE, 'options.seed', o.seed),
    hidden: checkInteger(SITE, 'options.hidden', pick('hidden'), { min: 1 }),
    layers: checkInteger(SITE, 'options.layers', pick('layers'), { min: 1 }),
    encoder: checkInteger(SITE, 'options.encoder', pick('encoder'), { min: 0 }),
    community: checkOneOf(SITE, 'options.community', pick('community'), COMMUNITY_FUNCTIONS),
    pool: checkOneOf(SITE, 'options.pool', pick('pool'), ['mean', 'max'] as const),
    activation: checkOneOf(SITE, 'options.activation', pick('activation'), ACTIVATIONS),
    dropout: checkFiniteNumber(SITE, 'options.dropout', pick('dropout'), { min: 0, max: 1, maxExclusive: true }),
    selfTerm: checkBoolean(SITE, 'options.selfTerm', pick('selfTerm')),
    nodeFunction: checkOneOf(SITE, 'options.nodeFunction', pick('nodeFunction'), NODE_FUNCTIONS),
    communityReadout: checkOneOf(SITE, 'options.communityReadout', pick('communityReadout'), COMMUNITY_READOUTS),
    branches: checkOneOf(SITE, 'options.branches', pick('branches'), ['joint', 'separate'] as const),
    head: checkOneOf(SITE, 'options.head', pick('head'), ['per-branch', 'shared'] as const),
    initializer: checkOneOf(SITE, 'options.initializer', pick('initializer'), IBG_INITIALIZERS),
    residual: checkBoolean(SITE, 'options.residual', pick('residual')),
    normalize: checkBoolean(SITE, 'options.normalize', pick('normalize')),
    jumpingKnowledge: checkOneOf(SITE, 'options.jumpingKnowledge', pick('jumpingKnowledge'), ['none', 'cat'] as const),
    rcond: o.rcond === undefined ? undefined : checkFiniteNumber(SITE, 'options.rcond', o.rcond, { min: 0 }),
  });
}

/** One network: its IBGConv layers and the linear read-out to the logits it uses (shared with the other network or not). */
interface IbgnnBranch {
  readonly convs: readonly IBGConv[];
  readonly head: [tf.Variable, tf.Variable];
}

/** An IBG-NN bound to one graph-signal; see {@link createIbgnnClassifier}. */
export class IbgnnClassifier implements NodeClassifier {
  readonly nodes: number;
  readonly classes: number;
  readonly config: IbgnnClassifierConfig;
  /** The fixed IBG operators (owned: disposed with the model). */
  readonly operators: IbgOperators;
  /** The IBGConv layers, in order (with separate branches: the source network's, then the target network's). */
  readonly convs: readonly IBGConv[];
  readonly trainableVariables: readonly tf.Variable[];
  private readonly input: FeatureInput;
  private readonly branches: readonly IbgnnBranch[];
  private readonly rng: Rng;
  private disposed = false;

  /** @internal Use createIbgnnClassifier. */
  constructor(operators: IbgOperators, features: NodeFeatures, config: IbgnnClassifierConfig) {
    this.nodes = operators.nodes;
    this.classes = config.classes;
    this.config = config;
    this.operators = operators;
    this.rng = createRng(config.seed);
    this.input = new FeatureInput(features, config.encoder, config.seed);
    const directions = config.branches === 'separate' ? (['source', 'target'] as const) : (['both'] as const);
    let shared: [tf.Variable, tf.Variable] | undefined;
    this.branches = directions.map((direction, b) => {
      const convs: IBGConv[] = [];
      let width = this.input.width;
      // the joint network keeps the seeds it always had; the target network's are offset
      const seedBase = config.seed + 10_000 * b;
      for (let l = 0; l < config.layers; l++) {
        convs.push(
          new IBGConv({
            units: config.hidden,
            communities: operators.communities,
            community: config.community,
            pool: config.pool,
            activation: config.activation,
            selfTerm: config.selfTerm,
            nodeFunction: config.nodeFunction,
            communityReadout: config.communityReadout,
            directions: direction,
            initializer: config.initializer,
            residual: config.residual && width === config.hidden,
            seed: seedBase + 100 * (l + 1),
          }),
        );
        width = config.hidden;
      }
      const readWidth = config.jumpingKnowledge === 'cat' ? config.layers * config.hidden : config.hidden;
      // a shared head is the first network's; averaging the logits then averages the two read-out features
      const head = config.head === 'shared' && b > 0 ? (shared as [tf.Variable, tf.Variable]) : denseVariables(readWidth, config.classes, seedBase + 1, config.initializer);
      shared ??= head;
      return { convs, head };
    });
    this.convs = this.branches.flatMap((b) => b.convs);
    // build the layers (their weights exist only after a first apply)
    tf.tidy(() => {
      const x = this.input.apply();
      for (const branch of this.branches) {
        let h = x;
        for (const conv of branch.convs) h = conv.apply(h, { operators }) as tf.Tensor2D;
      }
    });
    const variables: tf.Variable[] = [...this.input.variables];
    for (const branch of this.branches) {
      variables.push(...branch.convs.flatMap((c) => c.trainableWeights.map((w) => w.read() as tf.Variable)));
      // each network's layers then its head; a shared head once, after the first network's layers
      if (!variables.includes(branch.head[0])) variables.push(...branch.head);
    }
    this.trainableVariables = variables;
  }

  logits(options: { training?: boolean } = {}): tf.Tensor2D {
    if (this.disposed) throw new InvalidArgumentError({ pkg: 'ibg', fn: 'IbgnnClassifier.logits', argument: 'this', value: 'a disposed model', rule: 'a model that was not disposed' });
    const training = options.training === true;
    return tf.tidy(() => {
      const x = this.input.apply();
      const perBranch = this.branches.map((branch) => {
        let h = x;
        const outs: tf.Tensor2D[] = [];
        for (const conv of branch.convs) {
          h = conv.apply(h, { operators: this.operators }) as tf.Tensor2D;
          if (training) h = dropout(h, this.config.dropout, this.rng);
          if (this.config.normalize) h = normalizeRows(h);
          outs.push(h);
        }
        const z = this.config.jumpingKnowledge === 'cat' && outs.length > 1 ? (tf.concat(outs, 1) as tf.Tensor2D) : h;
        return tf.add(matMul(z, branch.head[0] as tf.Tensor2D), branch.head[1]) as tf.Tensor2D;
      });
      return (perBranch.length === 1 ? perBranch[0] : tf.div(tf.addN(perBranch), perBranch.length)) as tf.Tensor2D;
    });
  }

  getRandomState(): RngState {
    return this.rng.getState();
  }

  setRandomState(state: RngState): void {
    this.rng.setState(state);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const conv of this.convs) conv.dispose();
    this.input.dispose();
    // a shared head once
    tf.dispose([...new Set(this.branches.map((b) => b.head))].flat());
    this.operators.dispose();
  }
}

/**
 * Builds an IBG-NN node classifier on the IBG `factors` of the graph and the node `features` (N × D, dense or
 * sparse): computes the analysis operators (pseudo-inverses, float64, O(N·K²)) once, then creates the layers.
 * Train it with trainNodeClassifier; dispose it when done.
 * @example const model = createIbgnnClassifier(factors, data.features, { classes: data.classes, seed: 1 });
 */
export function createIbgnnClassifier(factors: IbgFactors, features: NodeFeatures, options: IbgnnClassifierOptions): IbgnnClassifier {
  const config = ibgnnClassifierConfig(options);
  const f = checkIbgFactors(SITE, factors);
  const x = checkNodeFeatures(SITE, features, f.nodes);
  const operators = ibgOperators(f, config.rcond === undefined ? undefined : { rcond: config.rcond });
  try {
    return new IbgnnClassifier(operators, x, config);
  } catch (err) {
    operators.dispose();
    throw err;
  }
}

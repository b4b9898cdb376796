/**
 * One IBG-NN layer (seed 003, Section 6, eq. 9, and Appendix K), on a fixed IBG (U, V, r) of the graph:
 *
 *   H' = σ( [H W] + b + U_r Φ_src(U_r^† H) + V_r Φ_dst(V_r^† H) [+ H] ),   U_r = U diag(r), V_r = V diag(r)
 *
 * Source/target analysis U_r^† H, V_r^† H (K × F) are the least-squares community features of the node signal;
 * Φ_src, Φ_dst are community-level functions (K × F → K × F'); synthesis U_r ·, V_r · maps them back to the
 * nodes, where they are added to the node-wise linear term. The graph enters only through the factors: the cost
 * is O(N·K·F + N·F·F' + K·F·F') per layer whatever the number of edges.
 *
 * Φ choices: `'linear'` F W_c + b_c; `'mlp'` relu(F W_1 + b_1) W_2 + b_2; `'deepsets'` (Zaheer et al. 2017, the
 * variant of App. K) F W_e + b_e + 1·pool_K(F W_s + b_s); `'free'` a trainable K × F' matrix that ignores the input
 * (the seed code's default "unconstrained" community model: U_r M is then a learned structural encoding).
 * The seed's reference code runs two separate networks (source and target) and averages their outputs; this layer
 * follows the paper's single update with both terms added, or keeps one of them (`directions`) so that a classifier
 * can build the two networks. Beyond the linear forms above, the node-wise term and the synthesised community signal
 * can each go through the reference code's three-layer DeepSets over the N nodes (`nodeFunction`,
 * `communityReadout`: element MLP relu∘lin∘relu∘lin∘relu∘lin plus the pooled path lin∘relu∘lin∘pool∘(lin∘relu)²∘lin,
 * its default "deepsets_fancy"); the pooled path gives every node the same summary of the whole signal.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkBoolean, checkInteger, checkOneOf } from '@isinglab/graph';
import { ACTIVATIONS, activate, matMul, type ActivationName } from '@isinglab/gnn';
import { isIbgOperators, type IbgOperators } from './ibg-operators.js';

/** The community-level function Φ of an IBG-NN layer. */
export type CommunityFunction = 'linear' | 'mlp' | 'deepsets' | 'free';
export const COMMUNITY_FUNCTIONS: readonly CommunityFunction[] = ['linear', 'mlp', 'deepsets', 'free'];
/** The per-node function of the node-wise term. */
export type NodeFunction = 'linear' | 'deepsets';
export const NODE_FUNCTIONS: readonly NodeFunction[] = ['linear', 'deepsets'];
/** What is applied, per node, to a synthesised community signal U_r Φ before it is added. */
export type CommunityReadout = 'none' | 'linear' | 'deepsets';
export const COMMUNITY_READOUTS: readonly CommunityReadout[] = ['none', 'linear', 'deepsets'];
/**
 * How kernels and biases start: `'glorot'` Glorot-uniform kernels and zero biases (tf.layers' defaults); `'fan-in'`
 * kernels and biases uniform in ±1/√fan_in (torch.nn.Linear's default, what the seed's reference code starts from).
 */
export type IbgInitializer = 'glorot' | 'fan-in';
export const IBG_INITIALIZERS: readonly IbgInitializer[] = ['glorot', 'fan-in'];
/** Which community terms a layer adds. */
export type IbgDirections = 'both' | 'source' | 'target';
export const IBG_DIRECTIONS: readonly IbgDirections[] = ['both', 'source', 'target'];

export interface IBGConvConfig {
  /** F': output features. */
  units: number;
  /** K: number of communities of the IBG the layer runs on (checked against `kwargs.operators`). */
  communities: number;
  /** Φ, the community-level function. @default 'linear' */
  community?: CommunityFunction;
  /** Pooling over the K communities in `'deepsets'`. @default 'mean' */
  pool?: 'mean' | 'max';
  /** σ. @default 'relu' */
  activation?: ActivationName;
  /** Add the input H to the pre-activation (needs F = F'). @default false */
  residual?: boolean;
  /** Bias b of the node-wise term. @default true */
  useBias?: boolean;
  /** The node-wise term H W (false: a node sees its own features only through its communities). @default true */
  selfTerm?: boolean;
  /** The node-wise term's function: `'linear'` H W; `'deepsets'` the reference code's DeepSets of H. @default 'linear' */
  nodeFunction?: NodeFunction;
  /** Applied to each synthesised community signal U_r Φ (`'none'`: added as it is). @default 'none' */
  communityReadout?: CommunityReadout;
  /** The community terms added: source and target, or one of them. @default 'both' */
  directions?: IbgDirections;
  /** How kernels and biases start (the free community matrix is uniform in ±1/√K either way). @default 'glorot' */
  initializer?: IbgInitializer;
  /** Seed of the initialisers (kernel j uses seed + j, its bias under 'fan-in' seed + 50 + j); undefined: tfjs' global generator. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** Keyword arguments of IBGConv.apply. */
export interface IbgKwargs {
  operators: IbgOperators;
}

const FN = 'IBGConv';
// a layer's kernels take seeds seed + j (j < 30: at most 29 kernels), its biases seed + 50 + j; classifiers space layers 100 apart
const BIAS_SEED_OFFSET = 50;
const SITE = { pkg: 'ibg', fn: FN } as const;

/** (kernel, bias) pairs of a three-layer DeepSets: set path, element path, pooled path. */
interface DeepSetsWeights {
  set: [tf.LayerVariable, tf.LayerVariable][];
  element: [tf.LayerVariable, tf.LayerVariable][];
  pooled: [tf.LayerVariable, tf.LayerVariable][];
}

interface DirectionWeights {
  kernel?: tf.LayerVariable;
  bias?: tf.LayerVariable;
  kernel2?: tf.LayerVariable;
  bias2?: tf.LayerVariable;
  free?: tf.LayerVariable;
  readoutKernel?: tf.LayerVariable;
  readoutBias?: tf.LayerVariable;
  readoutDeepSets?: DeepSetsWeights;
}

const read = (v: tf.LayerVariable | undefined) => (v as tf.LayerVariable).read() as tf.Tensor2D;
const dense = (x: tf.Tensor2D, [w, b]: [tf.LayerVariable, tf.LayerVariable]) => tf.add(matMul(x, read(w)), read(b)) as tf.Tensor2D;

/** set(x) = lin∘relu∘lin∘relu∘lin; out = element(x) + pooled(pool_rows(set(x))), element = (lin∘relu)³. */
function applyDeepSets(w: DeepSetsWeights, x: tf.Tensor2D, pool: 'mean' | 'max'): tf.Tensor2D {
  let s = x;
  w.set.forEach((p, j) => {
    s = dense(j === 0 ? s : tf.relu(s), p);
  });
  let g = (pool === 'max' ? tf.max(s, 0, true) : tf.mean(s, 0, true)) as tf.Tensor2D;
  w.pooled.forEach((p, j) => {
    g = dense(j === 0 ? g : tf.relu(g), p);
  });
  let e = x;
  for (const p of w.element) e = dense(tf.relu(e), p);
  return tf.add(e, g) as tf.Tensor2D;
}

export class IBGConv extends tf.layers.Layer {
  static className = 'IsinglabIBGConv';
  readonly units: number;
  readonly communities: number;
  readonly community: CommunityFunction;
  readonly pool: 'mean' | 'max';
  readonly activation: ActivationName;
  readonly residual: boolean;
  readonly useBias: boolean;
  readonly selfTerm: boolean;
  readonly nodeFunction: NodeFunction;
  readonly communityReadout: CommunityReadout;
  readonly directions: IbgDirections;
  readonly initializer: IbgInitializer;
  readonly seed: number | undefined;
  private selfKernel: tf.LayerVariable | undefined;
  private selfDeepSets: DeepSetsWeights | undefined;
  private selfBias: tf.LayerVariable | undefined;
  private readonly weightsOf: { source: DirectionWeights; target: DirectionWeights } = { source: {}, target: {} };

  constructor(config: IBGConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    if (typeof config !== 'object' || config === null) {
      throw new InvalidArgumentError({ ...SITE, argument: 'config', value: config, rule: 'an object { units, communities, ... }' });
    }
    // the last three come back from tf.layers' own getConfig in a serialisation round trip
    const known = ['units', 'communities', 'community', 'pool', 'activation', 'residual', 'useBias', 'selfTerm', 'nodeFunction', 'communityReadout', 'directions', 'initializer', 'seed', 'name', 'trainable', 'dtype', 'batchInputShape', 'inputShape'];
    for (const key of Object.keys(config)) {
      if (!known.includes(key)) throw new InvalidArgumentError({ ...SITE, argument: `config.${key}`, value: (config as unknown as Record<string, unknown>)[key], rule: `absent (unknown option; known options are ${known.join(', ')})` });
    }
    this.units = checkInteger(SITE, 'config.units', config.units, { min: 1 });
    this.communities = checkInteger(SITE, 'config.communities', config.communities, { min: 1 });
    this.community = checkOneOf(SITE, 'config.community', config.community ?? 'linear', COMMUNITY_FUNCTIONS);
    this.pool = checkOneOf(SITE, 'config.pool', config.pool ?? 'mean', ['mean', 'max'] as const);
    this.activation = checkOneOf(SITE, 'config.activation', config.activation ?? 'relu', ACTIVATIONS);
    this.residual = checkBoolean(SITE, 'config.residual', config.residual ?? false);
    this.useBias = checkBoolean(SITE, 'config.useBias', config.useBias ?? true);
    this.selfTerm = checkBoolean(SITE, 'config.selfTerm', config.selfTerm ?? true);
    this.nodeFunction = checkOneOf(SITE, 'config.nodeFunction', config.nodeFunction ?? 'linear', NODE_FUNCTIONS);
    this.communityReadout = checkOneOf(SITE, 'config.communityReadout', config.communityReadout ?? 'none', COMMUNITY_READOUTS);
    this.directions = checkOneOf(SITE, 'config.directions', config.directions ?? 'both', IBG_DIRECTIONS);
    this.initializer = checkOneOf(SITE, 'config.initializer', config.initializer ?? 'glorot', IBG_INITIALIZERS);
    this.seed = config.seed === undefined ? undefined : checkInteger(SITE, 'config.seed', config.seed);
  }

  private seedAt(offset: number): { seed?: number } {
    return this.seed === undefined ? {} : { seed: this.seed + offset };
  }

  /** The kernel numbered `offset` (its seed), `fanIn` rows. */
  private kernelInit(offset: number, fanIn: number): ReturnType<typeof tf.initializers.zeros> {
    if (this.initializer === 'glorot') return tf.initializers.glorotUniform(this.seedAt(offset));
    const bound = 1 / Math.sqrt(fanIn);
    return tf.initializers.randomUniform({ minval: -bound, maxval: bound, ...this.seedAt(offset) });
  }

  /** The bias paired with kernel `offset`; its seeds sit apart from the kernels' so that the two draws differ. */
  private biasInit(offset: number, fanIn: number): ReturnType<typeof tf.initializers.zeros> {
    if (this.initializer === 'glorot') return tf.initializers.zeros();
    const bound = 1 / Math.sqrt(fanIn);
    return tf.initializers.randomUniform({ minval: -bound, maxval: bound, ...this.seedAt(BIAS_SEED_OFFSET + offset) });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const f = s[s.length - 1];
    if (typeof f !== 'number') throw new InvalidArgumentError({ ...SITE, argument: 'input', value: s, rule: 'a tensor of shape [N, F] with a known F' });
    if (this.residual && f !== this.units) {
      throw new InvalidArgumentError({ ...SITE, argument: 'config.residual', value: true, rule: `false when the input width (${f}) differs from units (${this.units})` });
    }
    const u = this.units;
    const zeros = tf.initializers.zeros();
    let offset = 1;
    const deepSets = (prefix: string, width: number): DeepSetsWeights => {
      const pair = (name: string, rows: number): [tf.LayerVariable, tf.LayerVariable] => {
        const k = offset++;
        return [this.addWeight(`${prefix}_${name}_kernel`, [rows, u], 'float32', this.kernelInit(k, rows)), this.addWeight(`${prefix}_${name}_bias`, [u], 'float32', this.biasInit(k, rows))];
      };
      return {
        set: [pair('set_1', width), pair('set_2', u), pair('set_3', u)],
        element: [pair('element_1', width), pair('element_2', u), pair('element_3', u)],
        pooled: [pair('pooled_1', u), pair('pooled_2', u)],
      };
    };
    if (this.selfTerm && this.nodeFunction === 'linear') this.selfKernel = this.addWeight('self_kernel', [f, u], 'float32', this.kernelInit(0, f));
    if (this.selfTerm && this.nodeFunction === 'deepsets') this.selfDeepSets = deepSets('self', f);
    // with a linear node-wise term this is its Linear's bias; beside the DeepSets (which have their own) it starts at 0
    if (this.useBias) this.selfBias = this.addWeight('self_bias', [u], 'float32', this.selfTerm && this.nodeFunction === 'linear' ? this.biasInit(0, f) : zeros);
    for (const dir of this.activeDirections()) {
      const w = this.weightsOf[dir];
      switch (this.community) {
        case 'linear':
          w.kernel = this.addWeight(`${dir}_kernel`, [f, u], 'float32', this.kernelInit(offset, f));
          w.bias = this.addWeight(`${dir}_bias`, [u], 'float32', this.biasInit(offset++, f));
          break;
        case 'mlp':
          w.kernel = this.addWeight(`${dir}_kernel`, [f, u], 'float32', this.kernelInit(offset, f));
          w.bias = this.addWeight(`${dir}_bias`, [u], 'float32', this.biasInit(offset++, f));
          w.kernel2 = this.addWeight(`${dir}_kernel_2`, [u, u], 'float32', this.kernelInit(offset, u));
          w.bias2 = this.addWeight(`${dir}_bias_2`, [u], 'float32', this.biasInit(offset++, u));
          break;
        case 'deepsets':
          // element-wise (kernel, bias) and pooled (kernel2, bias2) branches
          w.kernel = this.addWeight(`${dir}_element_kernel`, [f, u], 'float32', this.kernelInit(offset, f));
          w.bias = this.addWeight(`${dir}_element_bias`, [u], 'float32', this.biasInit(offset++, f));
          w.kernel2 = this.addWeight(`${dir}_set_kernel`, [f, u], 'float32', this.kernelInit(offset, f));
          w.bias2 = this.addWeight(`${dir}_set_bias`, [u], 'float32', this.biasInit(offset++, f));
          break;
        default: {
          // like the seed code's free community matrix (torch Linear's default range)
          const bound = 1 / Math.sqrt(this.communities);
          const seed = this.seed === undefined ? {} : { seed: this.seed + offset };
          offset++;
          w.free = this.addWeight(`${dir}_communities`, [this.communities, u], 'float32', tf.initializers.randomUniform({ minval: -bound, maxval: bound, ...seed }));
        }
      }
      if (this.communityReadout === 'linear') {
        w.readoutKernel = this.addWeight(`${dir}_readout_kernel`, [u, u], 'float32', this.kernelInit(offset, u));
        w.readoutBias = this.addWeight(`${dir}_readout_bias`, [u], 'float32', this.biasInit(offset++, u));
      } else if (this.communityReadout === 'deepsets') {
        w.readoutDeepSets = deepSets(`${dir}_readout`, u);
      }
    }
    this.built = true;
  }

  private activeDirections(): ('source' | 'target')[] {
    return this.directions === 'both' ? ['source', 'target'] : [this.directions];
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...s.slice(0, -1), this.units];
  }

  /** Φ(F) for one direction: K × F → K × F'. */
  private communityFunction(w: DirectionWeights, features: () => tf.Tensor2D): tf.Tensor2D {
    switch (this.community) {
      case 'free':
        return read(w.free) as tf.Tensor2D;
      case 'linear':
        return tf.add(matMul(features(), read(w.kernel) as tf.Tensor2D), read(w.bias));
      case 'mlp': {
        const hidden = tf.relu(tf.add(matMul(features(), read(w.kernel) as tf.Tensor2D), read(w.bias))) as tf.Tensor2D;
        return tf.add(matMul(hidden, read(w.kernel2) as tf.Tensor2D), read(w.bias2));
      }
      default: {
        const f = features();
        const element = tf.add(matMul(f, read(w.kernel) as tf.Tensor2D), read(w.bias));
        const set = tf.add(matMul(f, read(w.kernel2) as tf.Tensor2D), read(w.bias2));
        const pooled = this.pool === 'max' ? tf.max(set, 0, true) : tf.mean(set, 0, true);
        return tf.add(element, pooled);
      }
    }
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const h = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      const ops = kwargs?.['operators'];
      if (!isIbgOperators(ops)) {
        throw new InvalidArgumentError({ ...SITE, argument: 'kwargs.operators', value: ops, rule: 'IbgOperators (from ibgOperators(factors)), not disposed', hint: 'Call layer.apply(h, { operators }).' });
      }
      if (ops.nodes !== h.shape[0] || ops.communities !== this.communities) {
        throw new InvalidArgumentError({ ...SITE, argument: 'kwargs.operators', value: `operators for ${ops.nodes} nodes and ${ops.communities} communities`, rule: `operators for ${h.shape[0]} nodes (rows of the input) and ${this.communities} communities (config.communities)` });
      }
      let out: tf.Tensor | undefined = this.selfKernel !== undefined ? matMul(h, this.selfKernel.read() as tf.Tensor2D) : this.selfDeepSets !== undefined ? applyDeepSets(this.selfDeepSets, h, this.pool) : undefined;
      if (this.selfBias !== undefined) out = out === undefined ? this.selfBias.read() : tf.add(out, this.selfBias.read());
      for (const dir of this.activeDirections()) {
        const w = this.weightsOf[dir];
        const [analysis, synthesis] = dir === 'source' ? [ops.sourceAnalysis, ops.sourceSynthesis] : [ops.targetAnalysis, ops.targetSynthesis];
        // the operators are fixed by the IBG fit: no gradient is wanted for them
        const phi = this.communityFunction(w, () => matMul(analysis, h, false, false, 'a'));
        let term = matMul(synthesis, phi, false, false, 'a');
        if (w.readoutKernel !== undefined) term = dense(term, [w.readoutKernel, w.readoutBias as tf.LayerVariable]);
        else if (w.readoutDeepSets !== undefined) term = applyDeepSets(w.readoutDeepSets, term, this.pool);
        out = out === undefined ? term : tf.add(out, term);
      }
      if (this.residual) out = tf.add(out as tf.Tensor, h);
      return activate(out as tf.Tensor, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const own: tf.serialization.ConfigDict = {
      units: this.units,
      communities: this.communities,
      community: this.community,
      pool: this.pool,
      activation: this.activation,
      residual: this.residual,
      useBias: this.useBias,
      selfTerm: this.selfTerm,
      nodeFunction: this.nodeFunction,
      communityReadout: this.communityReadout,
      directions: this.directions,
      initializer: this.initializer,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
    return { ...super.getConfig(), ...own };
  }
}
tf.serialization.registerClass(IBGConv);

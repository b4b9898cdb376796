/**
 * A MADE-style masked autoregressive network over n binary spins (Germain et al. 2015; the VAN of Wu, Wang & Zhang,
 * PRL 122, 080602 (2019), public code wdphy16/stat-mech-van; seed 001 Sec. II.2 and App. A, Eqs. 12–14):
 *
 *   q̃(s) = Π_i q̃(s_i | s_<i),   q̃(s_i = +1 | s_<i) = σ(logit_i(s_<i)),
 *
 * with dense layers whose weights are masked so that logit_i sees only s_<i. Hidden layer l has c_l units per site;
 * the first layer is exclusive (site-i units see spins j < i), later layers and the output inclusive (they see units
 * of sites ≤ i), as in stat-mech-van's MADE: `hidden: [4, 4]` is its dense net (depth 3, width 4: for n = 256 the
 * seed's Table 1 counts 1 577 216 parameters, masked-out weights included; 792 832 of them are free), `hidden: [3]`
 * the seed's FVS net (depth 2, width 3, Table 1), `hidden: []` the seed's one-layer VAN (a single masked linear layer
 * and a sigmoid, App. A and the CBM experiment).
 *
 * With `z2`, q(s) = ½(q̃(s) + q̃(−s)): exactly spin-flip symmetric, for zero-field models (sampling draws from q̃ and
 * flips the whole configuration with probability ½, which samples q exactly).
 *
 * Two implementations share the weights: a tfjs forward pass for the differentiable log q(s) used in training
 * (`logProbTensor`), and a float64 plain-loop kernel (made-kernel.ts) for exact log q, conditionals and sampling.
 */
import * as tf from '@tensorflow/tfjs';
import {
  InvalidArgumentError,
  checkBoolean,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkRng,
  createRng,
  type Rng,
} from '@isinglab/graph';
import { matMul } from '@isinglab/gnn';
import { evaluateInto, madeScratch, sampleInto, type ActivationCode, type MadeSnapshot } from './made-kernel.js';

/** Nonlinearity between masked layers. 'prelu' has one learned slope per unit, initialised to 0.5 (stat-mech-van). */
export type VanActivation = 'prelu' | 'tanh' | 'relu';

export interface MadeVanOptions {
  /** Seed of the weight initialisation (required; any safe integer, 0 included). */
  seed: number;
  /**
   * Channels per site of each hidden layer: `[]` is one masked linear layer, `[3]` the seed's FVS net, `[4, 4]`
   * stat-mech-van's dense MADE. Each entry is a positive integer. @default [3]
   */
  hidden?: readonly number[];
  /** @default 'prelu' */
  activation?: VanActivation;
  /** Learned biases in every layer (without them the first spin is always ±1 with probability ½). @default true */
  bias?: boolean;
  /** Spin-flip symmetrisation q(s) = ½(q̃(s) + q̃(−s)), for targets with p̃(s) = p̃(−s). @default false */
  z2?: boolean;
}

/** The constructor arguments, enough to rebuild the network (weights via getWeights/setWeights). */
export interface MadeVanConfig {
  readonly n: number;
  readonly seed: number;
  readonly hidden: readonly number[];
  readonly activation: VanActivation;
  readonly bias: boolean;
  readonly z2: boolean;
}

/** A batch drawn from q: `spins` batch·n (sample b at [b·n, (b+1)·n)), `logProb[b]` = log q(s_b) (float64). */
export interface VanSample {
  readonly spins: Int8Array;
  readonly logProb: Float64Array;
}

export interface VanSampleOptions {
  /** Random source (required): one uniform per spin, plus one per sample for the z2 flip. */
  rng: Rng;
}

const PKG = 'fvs-van';
const DEFAULTS = Object.freeze({ hidden: [3] as readonly number[], activation: 'prelu' as VanActivation, bias: true, z2: false });
const KNOWN: readonly (keyof MadeVanOptions)[] = ['seed', 'hidden', 'activation', 'bias', 'z2'];
const ACTIVATIONS: readonly VanActivation[] = ['prelu', 'tanh', 'relu'];
const ACTIVATION_CODES: Record<VanActivation, ActivationCode> = { prelu: 0, tanh: 1, relu: 2 };
const PRELU_INIT = 0.5;
/** Guards against weight matrices no machine could hold (n·c squared float32 entries). */
const MAX_LAYER_ENTRIES = 2 ** 28;

interface LayerShape {
  readonly out: number;
  readonly in: number;
  readonly cOut: number;
  readonly cIn: number;
  readonly exclusive: boolean;
}

/** Mask entry of layer `shape` at [u][v]: 1 when output unit u may read input unit v. */
function allowed(shape: LayerShape, u: number, v: number): boolean {
  const siteOut = (u / shape.cOut) | 0;
  const siteIn = (v / shape.cIn) | 0;
  return shape.exclusive ? siteIn < siteOut : siteIn <= siteOut;
}

/**
 * The masked autoregressive network. Holds tf.Variables: call `dispose()` when done.
 *
 * Cost: log q and sampling are O(batch · n² · Σ c_l c_{l+1} / 2) in plain loops (one pass; sampling does not repeat
 * the forward pass per spin); the tfjs forward pass is O(batch · n² · Σ c_l c_{l+1}) (dense masked matmuls).
 * @example
 * const van = new MadeVan(16, { seed: 1, hidden: [4, 4], z2: true });
 * const { spins, logProb } = van.sample(1000, { rng: createRng(2) });
 * van.dispose();
 */
export class MadeVan {
  readonly n: number;
  readonly config: MadeVanConfig;
  /** Trainable variables in layer order: for each layer its weights [in, out] (site-major units), then bias [out], then PReLU slopes. */
  readonly variables: readonly tf.Variable[];
  /** Trainable numbers that the masks leave free (masked-out weights are excluded). */
  readonly parameterCount: number;
  /** Trainable numbers counting every entry of the weight matrices, as stat-mech-van and the seed's Table 1 do. */
  readonly denseParameterCount: number;
  private readonly shapes: readonly LayerShape[];
  private readonly weights: readonly tf.Variable[];
  private readonly biases: readonly (tf.Variable | undefined)[];
  private readonly slopes: readonly (tf.Variable | undefined)[];
  private readonly masks: readonly tf.Tensor2D[];
  private disposed = false;

  constructor(n: number, options: MadeVanOptions) {
    const site = { pkg: PKG, fn: 'MadeVan' };
    checkInteger(site, 'n', n, { min: 1 });
    if (options === undefined) {
      throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object with a seed', hint: 'new MadeVan(n, { seed: 1 })' });
    }
    const opts = { ...DEFAULTS, ...checkOptions<MadeVanOptions>(site, options, KNOWN) };
    const seed = checkInteger(site, 'options.seed', opts.seed);
    const hiddenIn = opts.hidden;
    if (!Array.isArray(hiddenIn)) {
      throw new InvalidArgumentError({ ...site, argument: 'options.hidden', value: hiddenIn, rule: 'an array of positive integers (channels per site)' });
    }
    const hidden = hiddenIn.map((c, l) => checkInteger(site, `options.hidden[${l}]`, c, { min: 1 }));
    const activation = checkOneOf(site, 'options.activation', opts.activation, ACTIVATIONS);
    const bias = checkBoolean(site, 'options.bias', opts.bias);
    const z2 = checkBoolean(site, 'options.z2', opts.z2);

    const shapes: LayerShape[] = [];
    const channels = [...hidden, 1];
    for (let l = 0; l < channels.length; l++) {
      const cOut = channels[l] as number;
      const cIn = l === 0 ? 1 : (channels[l - 1] as number);
      shapes.push({ out: n * cOut, in: n * cIn, cOut, cIn, exclusive: l === 0 });
    }
    for (const [l, s] of shapes.entries()) {
      if (s.out * s.in > MAX_LAYER_ENTRIES) {
        throw new InvalidArgumentError({ ...site, argument: l < hidden.length ? `options.hidden[${l}]` : 'n', value: l < hidden.length ? hidden[l] : n, rule: `small enough that layer ${l} has at most 2^28 weights (it has ${s.out}×${s.in})` });
      }
    }

    this.n = n;
    this.shapes = shapes;
    this.config = Object.freeze({ n, seed, hidden: Object.freeze([...hidden]), activation, bias, z2 });

    // Glorot-uniform on the full matrix, masked, then scaled by sqrt(entries / free entries) so the free weights
    // keep the variance Glorot intended (stat-mech-van's "correction to Xavier initialization").
    const rng = createRng(seed);
    const weights: tf.Variable[] = [];
    const biases: (tf.Variable | undefined)[] = [];
    const slopes: (tf.Variable | undefined)[] = [];
    const masks: tf.Tensor2D[] = [];
    const variables: tf.Variable[] = [];
    let count = 0;
    let dense = 0;
    for (let l = 0; l < shapes.length; l++) {
      const s = shapes[l] as LayerShape;
      const mask = new Float32Array(s.out * s.in);
      let free = 0;
      for (let v = 0; v < s.in; v++) {
        for (let u = 0; u < s.out; u++) {
          if (allowed(s, u, v)) {
            mask[v * s.out + u] = 1;
            free++;
          }
        }
      }
      const limit = Math.sqrt(6 / (s.in + s.out)) * (free > 0 ? Math.sqrt((s.out * s.in) / free) : 0);
      const w = new Float32Array(s.out * s.in);
      for (let k = 0; k < w.length; k++) {
        const r = (2 * rng.float64() - 1) * limit; // drawn for every entry so the stream does not depend on the mask
        w[k] = mask[k] === 1 ? r : 0;
      }
      // tidy frees the initial tensors, not the variables made from them
      const wv = tf.tidy(() => tf.variable(tf.tensor2d(w, [s.in, s.out]), true));
      weights.push(wv);
      variables.push(wv);
      masks.push(tf.tensor2d(mask, [s.in, s.out]));
      count += free;
      dense += s.out * s.in;
      if (bias) {
        const bv = tf.tidy(() => tf.variable(tf.zeros([s.out]), true));
        biases.push(bv);
        variables.push(bv);
        count += s.out;
        dense += s.out;
      } else biases.push(undefined);
      if (l < hidden.length && activation === 'prelu') {
        const av = tf.tidy(() => tf.variable(tf.fill([s.out], PRELU_INIT), true));
        slopes.push(av);
        variables.push(av);
        count += s.out;
        dense += s.out;
      } else slopes.push(undefined);
    }
    this.weights = weights;
    this.biases = biases;
    this.slopes = slopes;
    this.masks = masks;
    this.variables = Object.freeze(variables);
    this.parameterCount = count;
    this.denseParameterCount = dense;
  }

  /** The constructor options, for rebuilding the network (`new MadeVan(c.n, c)` then `setWeights`). */
  getConfig(): MadeVanConfig {
    return this.config;
  }

  /**
   * Differentiable log q(s) of a batch [batch, n] of ±1 float32 spins → [batch] (float32). Call inside tf.tidy or
   * dispose the result. Used by training; prefer `logProb` for values.
   */
  logProbTensor(spins: tf.Tensor2D): tf.Tensor1D {
    this.checkAlive('MadeVan.logProbTensor');
    if (!(spins instanceof tf.Tensor) || spins.rank !== 2 || spins.shape[1] !== this.n) {
      throw new InvalidArgumentError({ pkg: PKG, fn: 'MadeVan.logProbTensor', argument: 'spins', value: spins instanceof tf.Tensor ? `a tensor of shape [${spins.shape.join(', ')}]` : spins, rule: `a rank-2 tensor [batch, ${this.n}] of ±1` });
    }
    return tf.tidy(() => {
      const lq = this.logProbTildeTensor(spins);
      if (!this.config.z2) return lq;
      const lqFlip = this.logProbTildeTensor(tf.neg(spins));
      return tf.sub(tf.logSumExp(tf.stack([lq, lqFlip]), 0), Math.LN2) as tf.Tensor1D;
    });
  }

  private logProbTildeTensor(x: tf.Tensor2D): tf.Tensor1D {
    const depth = this.shapes.length - 1;
    let h: tf.Tensor2D = x;
    let logits: tf.Tensor2D = x;
    for (let l = 0; l <= depth; l++) {
      let a = matMul(h, tf.mul(this.weights[l] as tf.Variable, this.masks[l] as tf.Tensor2D) as tf.Tensor2D);
      const b = this.biases[l];
      if (b !== undefined) a = tf.add(a, b) as tf.Tensor2D;
      if (l < depth) h = this.activateTensor(a, l);
      else logits = a;
    }
    // log σ(s·t) = −softplus(−s·t): stable for large |t|, no epsilon needed
    return tf.neg(tf.sum(tf.softplus(tf.neg(tf.mul(x, logits))), 1)) as tf.Tensor1D;
  }

  private activateTensor(a: tf.Tensor2D, l: number): tf.Tensor2D {
    switch (this.config.activation) {
      case 'prelu':
        return tf.prelu(a, this.slopes[l] as tf.Tensor as tf.Tensor2D);
      case 'tanh':
        return tf.tanh(a);
      default:
        return tf.relu(a);
    }
  }

  /**
   * Exact log q(s_b) in float64 (from the float32 weights) for every configuration of `spins` (batch·n ±1 entries),
   * into `out` when given. O(batch · n² · width² / 2); twice that with z2.
   */
  logProb(spins: Int8Array, out?: Float64Array): Float64Array {
    const fn = 'MadeVan.logProb';
    this.checkAlive(fn);
    const batch = this.checkSpins(fn, spins);
    const result = this.checkOut(fn, out, batch);
    const snap = this.snapshot();
    const scratch = madeScratch(snap);
    const flipped = new Int8Array(this.n);
    evaluateInto(snap, spins, batch, result, undefined, false, scratch, flipped);
    if (this.config.z2) {
      const other = new Float64Array(batch);
      evaluateInto(snap, spins, batch, other, undefined, true, scratch, flipped);
      symmetrise(result, other, batch);
    }
    return result;
  }

  /**
   * The network's conditionals q̃(s_i = +1 | s_<i) for every configuration and site, batch·n entries at [b·n + i]
   * (for z2 these are the un-symmetrised q̃'s; q itself is not autoregressive in the same order).
   */
  conditionals(spins: Int8Array, out?: Float64Array): Float64Array {
    const fn = 'MadeVan.conditionals';
    this.checkAlive(fn);
    const batch = this.checkSpins(fn, spins);
    const result = this.checkOut(fn, out, batch * this.n, 'out');
    const snap = this.snapshot();
    evaluateInto(snap, spins, batch, new Float64Array(batch), result, false, madeScratch(snap), new Int8Array(this.n));
    return result;
  }

  /**
   * Draws `batch` independent configurations from q, spin by spin (q̃(s_i | s_<i) compared with one uniform from
   * `rng` each), and returns them with their exact log q. Same rng state → same batch, on every backend.
   * O(batch · n² · width² / 2) (twice with z2, for log q̃(−s)).
   */
  sample(batch: number, options: VanSampleOptions): VanSample {
    const fn = 'MadeVan.sample';
    this.checkAlive(fn);
    const site = { pkg: PKG, fn };
    checkInteger(site, 'batch', batch, { min: 1 });
    if (options === undefined) throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object { rng }' });
    const opts = checkOptions<VanSampleOptions>(site, options, ['rng']);
    const rng = checkRng(site, opts.rng);
    const spins = new Int8Array(batch * this.n);
    const logq = new Float64Array(batch);
    this.sampleInto(spins, logq, batch, rng);
    return { spins, logProb: logq };
  }

  /**
   * @internal `sample` into caller-owned buffers, without checks (training and the estimators reuse buffers).
   * `fastPartner`: with z2, take log q̃(−s) from one tfjs forward pass (float32, ~10× faster on wasm) instead of the
   * float64 loop kernel; the drawn spins are the same either way (the rng is consumed identically).
   */
  sampleInto(spins: Int8Array, logq: Float64Array, batch: number, rng: Rng, fastPartner = false): void {
    const snap = this.snapshot();
    const scratch = madeScratch(snap);
    sampleInto(snap, spins, batch, logq, () => rng.float64(), scratch);
    if (!this.config.z2) return;
    const n = this.n;
    let other: Float64Array;
    if (fastPartner) {
      const neg = new Float32Array(batch * n);
      for (let k = 0; k < neg.length; k++) neg[k] = -(spins[k] as number);
      const values = tf.tidy(() => this.logProbTildeTensor(tf.tensor2d(neg, [batch, n])).dataSync() as Float32Array);
      other = Float64Array.from(values);
    } else {
      other = new Float64Array(batch);
      evaluateInto(snap, spins, batch, other, undefined, true, scratch, new Int8Array(n));
    }
    symmetrise(logq, other, batch);
    for (let b = 0; b < batch; b++) {
      if (rng.float64() < 0.5) {
        for (let j = b * n; j < (b + 1) * n; j++) spins[j] = -(spins[j] as number);
      }
    }
  }

  /** Copies of the variables' values, in `variables` order. */
  getWeights(): Float32Array[] {
    this.checkAlive('MadeVan.getWeights');
    return this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /** Restores values from `getWeights()` of a network with the same config. */
  setWeights(values: readonly Float32Array[]): void {
    const fn = 'MadeVan.setWeights';
    this.checkAlive(fn);
    const ok = Array.isArray(values) && values.length === this.variables.length && this.variables.every((v, k) => values[k] instanceof Float32Array && (values[k] as Float32Array).length === v.size);
    if (!ok) {
      throw new InvalidArgumentError({ pkg: PKG, fn, argument: 'values', value: values, rule: `${this.variables.length} Float32Arrays with the sizes of this network's variables (${this.variables.map((v) => v.size).join(', ')})` });
    }
    this.variables.forEach((v, k) => {
      tf.tidy(() => v.assign(tf.tensor(values[k] as Float32Array, v.shape)));
    });
  }

  /** Frees the variables and masks; the network cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([...this.variables, ...this.masks]);
  }

  /** @internal The weights as plain arrays for the loop kernel (one download per call). */
  snapshot(): MadeSnapshot {
    const read = (v: tf.Variable | undefined) => (v === undefined ? undefined : (v.dataSync() as Float32Array).slice());
    // the loop kernel wants each unit's inputs contiguous: [out][in]
    const transposed = this.weights.map((w, l) => {
      const { in: rows, out: cols } = this.shapes[l] as LayerShape;
      const src = w.dataSync() as Float32Array;
      const dst = new Float32Array(rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c] as number;
      return dst;
    });
    return {
      n: this.n,
      hidden: this.config.hidden,
      activation: ACTIVATION_CODES[this.config.activation],
      weights: transposed,
      biases: this.biases.map(read),
      slopes: this.slopes.map(read),
    };
  }

  private checkAlive(fn: string): void {
    if (this.disposed) throw new InvalidArgumentError({ pkg: PKG, fn, argument: 'this', value: 'a disposed MadeVan', rule: 'a network that has not been disposed' });
  }

  private checkSpins(fn: string, spins: unknown): number {
    const n = this.n;
    if (!(spins instanceof Int8Array) || spins.length === 0 || spins.length % n !== 0) {
      throw new InvalidArgumentError({ pkg: PKG, fn, argument: 'spins', value: spins, rule: `an Int8Array of ±1 whose length is a positive multiple of n = ${n}` });
    }
    for (let k = 0; k < spins.length; k++) {
      const v = spins[k] as number;
      if (v !== 1 && v !== -1) throw new InvalidArgumentError({ pkg: PKG, fn, argument: `spins[${k}]`, value: v, rule: '1 or -1' });
    }
    return spins.length / n;
  }

  private checkOut(fn: string, out: unknown, length: number, argument = 'out'): Float64Array {
    if (out === undefined) return new Float64Array(length);
    if (!(out instanceof Float64Array) || out.length !== length) {
      throw new InvalidArgumentError({ pkg: PKG, fn, argument, value: out, rule: `a Float64Array of length ${length}` });
    }
    return out;
  }
}

/** a[b] ← log(½(e^{a[b]} + e^{o[b]})), stably. */
function symmetrise(a: Float64Array, o: Float64Array, batch: number): void {
  for (let b = 0; b < batch; b++) {
    const x = a[b] as number;
    const y = o[b] as number;
    const m = x > y ? x : y;
    a[b] = m + Math.log1p(Math.exp(-Math.abs(x - y))) - Math.LN2;
  }
}

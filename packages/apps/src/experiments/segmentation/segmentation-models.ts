/**
 * The two models of seed 000's image-segmentation example (Sec. 4.1, App. B.1).
 *
 * - `IsingSegmenter`: a U-Net gives the field h_i of every pixel; the pixels form a king's graph whose couplings are
 *   the 3×3 kernel W of Eq. 20 (w on the four orthogonal neighbours, w* on the four diagonal ones, both learned and
 *   kept positive — same sign, ferromagnetic as the seed's J = 1 — as w = exp(a), w* = exp(b)). Samples come from
 *   T Metropolis sweeps from a random state with the colour-class schedule of the 2×2-periodic 4-colouring (the
 *   king's graph analogue of the checkerboard: the pixels of one colour are pairwise non-adjacent, so each class
 *   is one parallel update). Loss ℓ(x) = (1/|V|) Σ_i |x_i − y_i| (Eq. 22) with y = ±1; training uses the RLOO
 *   estimator of `@isinglab/ising/learn` (rlooWeights + rlooSurrogate). With learned couplings ∇ log p(x) also has
 *   the term β(Σ_edges ∂J_e x_u x_v − ⟨Σ_edges ∂J_e x_u x_v⟩); the expectation is ∇ log Z, which multiplies Σ_k w_k = 0
 *   and cancels, so the coupling part enters the surrogate as `couplingTerm` = w·S_orth(x_k) + w*·S_diag(x_k)
 *   with S the sums of x_u x_v over orthogonal and diagonal edges. No magnetisation penalty (Eq. 19's λ = 0):
 *   segmentation has no target sampling fraction. Prediction: the mean of several samples thresholded at 1/2, or the
 *   mode by iterated conditional modes (`predictMode`). `initialiseFieldFrom` starts the field from a cross-entropy U-Net.
 *   Summing Eq. 21 over the pixels counts every pair twice, so the seed's (w, w*) are half the per-edge J used
 *   here (E = −Σ_edges J_e x_u x_v − Σ_i h_i x_i); `couplings()` reports the per-edge values.
 *   Option `loss: 'balanced'` replaces Eq. 22 by its class-balanced form (see the option).
 * - `CrossEntropySegmenter`: the same U-Net (same initialisation) trained with sigmoid cross-entropy on the mask;
 *   prediction: logit > 0.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkOneOf, kingsGraph, type Graph, type Rng } from '@isinglab/graph';
import { createIsingModel, sampleIsingSync, updateSchedule, type UpdateSchedule } from '@isinglab/ising';
import { rlooSurrogate, rlooWeights, type GradientApplier } from '@isinglab/ising/learn';
import { createUNet } from '@isinglab/gnn';
import type { SegmentationSample } from './dataset.js';

export interface SegmentationModelConfig {
  /** Image side (divisible by 2^depth). */
  size: number;
  /** U-Net channels of the input block. @default 16 */
  baseFilters?: number;
  /** U-Net down-sampling levels. @default 3 */
  depth?: number;
  /** Seed of the U-Net initialisers (both models start from the same weights). @default 0 */
  seed?: number;
}

export interface IsingSegmenterConfig extends SegmentationModelConfig {
  /** Inverse temperature β. @default 1 */
  beta?: number;
  /** Initial w (orthogonal coupling). @default 0.2 */
  initialCoupling?: number;
  /** Initial w* (diagonal coupling). @default 0.2 */
  initialDiagonalCoupling?: number;
  /**
   * Learning-rate multiplier of the two couplings relative to the U-Net's weights: the variable holds log(w)/c and
   * w = exp(c·v), so one optimiser step moves log w by about c times the learning rate. Fine-tuning uses a learning
   * rate small enough not to undo the U-Net's field, at which log w would barely move without it. @default 1
   */
  couplingLearningRateScale?: number;
  /** Metropolis sweeps T per sample. @default 5 */
  sweeps?: number;
  /** RLOO samples K per image. @default 2 */
  samplesPerStep?: number;
  /**
   * Task loss: `'misclassification'` is Eq. 22; `'balanced'` weights the two classes equally (the misclassified
   * share of the foreground plus that of the background; same range [0, 2]), for masks with little foreground,
   * where Eq. 22 drives every field negative before the U-Net learns to tell the classes apart; `'dice'` is 1 − Dice of
   * the sample against the mask, the test metric itself (not in the seed; RLOO needs no gradient of the loss).
   * @default 'misclassification'
   */
  loss?: SegmentationTaskLoss;
}

/** The pixel graph of one image size: king's graph, which edges are diagonal, their endpoints, the 4-colour schedule. */
export interface KingsLayout {
  size: number;
  graph: Graph;
  /** 1 when edge id e joins diagonal neighbours. */
  diagonal: Uint8Array;
  /** Endpoints of edge id e. */
  u: Int32Array;
  v: Int32Array;
  schedule: UpdateSchedule;
}

export function kingsLayout(size: number): KingsLayout {
  const graph = kingsGraph(size, size);
  const m = graph.edgeIds.length / 2;
  const diagonal = new Uint8Array(m);
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  for (let a = 0; a < graph.order; a++) {
    for (let p = graph.offsets[a] as number; p < (graph.offsets[a + 1] as number); p++) {
      const b = graph.targets[p] as number;
      if (b < a) continue;
      const e = graph.edgeIds[p] as number;
      u[e] = a;
      v[e] = b;
      diagonal[e] = Math.floor(a / size) !== Math.floor(b / size) && a % size !== b % size ? 1 : 0;
    }
  }
  // (row mod 2, column mod 2) colours the king's graph properly with 4 colours: its two parallel checkerboards
  const colours = new Int32Array(size * size);
  for (let i = 0; i < colours.length; i++) colours[i] = 2 * (Math.floor(i / size) % 2) + ((i % size) % 2);
  return { size, graph, diagonal, u, v, schedule: updateSchedule(graph, { colouring: colours }) };
}

/** Σ x_u x_v over orthogonal and over diagonal edges of configuration `offset` of a batch. */
export function couplingSums(layout: KingsLayout, spins: Int8Array, offset: number): { orthogonal: number; diagonal: number } {
  let orthogonal = 0;
  let diagonal = 0;
  for (let e = 0; e < layout.u.length; e++) {
    const s = (spins[offset + (layout.u[e] as number)] as number) * (spins[offset + (layout.v[e] as number)] as number);
    if (layout.diagonal[e] === 1) diagonal += s;
    else orthogonal += s;
  }
  return { orthogonal, diagonal };
}

/** Eq. 22: (1/N) Σ |x_i − y_i| for spins x and a 0/1 mask (y = 2·mask − 1); twice the misclassified share. */
export function misclassificationLoss(spins: Int8Array, offset: number, mask: Uint8Array): number {
  let wrong = 0;
  for (let i = 0; i < mask.length; i++) if ((spins[offset + i] as number) !== 2 * (mask[i] as number) - 1) wrong++;
  return (2 * wrong) / mask.length;
}

/** 1 − Dice of the sample (spin +1 = foreground) against the 0/1 mask; 0 when both are empty. */
export function diceLoss(spins: Int8Array, offset: number, mask: Uint8Array): number {
  let both = 0;
  let predicted = 0;
  let truth = 0;
  for (let i = 0; i < mask.length; i++) {
    const inside = (spins[offset + i] as number) === 1 ? 1 : 0;
    both += inside & (mask[i] as number);
    predicted += inside;
    truth += mask[i] as number;
  }
  return predicted + truth === 0 ? 0 : 1 - (2 * both) / (predicted + truth);
}

/** The misclassified share of the foreground plus that of the background (an empty class counts the other twice). */
export function balancedMisclassificationLoss(spins: Int8Array, offset: number, mask: Uint8Array): number {
  let wrongForeground = 0;
  let wrongBackground = 0;
  let foreground = 0;
  for (let i = 0; i < mask.length; i++) {
    const inside = mask[i] === 1;
    if (inside) foreground++;
    if ((spins[offset + i] as number) !== (inside ? 1 : -1)) {
      if (inside) wrongForeground++;
      else wrongBackground++;
    }
  }
  const background = mask.length - foreground;
  if (foreground === 0) return (2 * wrongBackground) / background;
  if (background === 0) return (2 * wrongForeground) / foreground;
  return wrongForeground / foreground + wrongBackground / background;
}

/** Dice 2|P ∩ G| / (|P| + |G|) of two 0/1 masks; 1 when both are empty. */
export function dice(prediction: Uint8Array, truth: Uint8Array): number {
  let both = 0;
  let p = 0;
  let g = 0;
  for (let i = 0; i < truth.length; i++) {
    both += (prediction[i] as number) & (truth[i] as number);
    p += prediction[i] as number;
    g += truth[i] as number;
  }
  return p + g === 0 ? 1 : (2 * both) / (p + g);
}

function imageBatch(samples: readonly SegmentationSample[], size: number): tf.Tensor4D {
  const data = new Float32Array(samples.length * size * size * 3);
  samples.forEach((s, b) => data.set(s.image, b * size * size * 3));
  return tf.tensor4d(data, [samples.length, size, size, 3]);
}

function unetFor(config: SegmentationModelConfig, name: string): tf.LayersModel {
  return createUNet({ inputShape: [config.size, config.size, 3], baseFilters: config.baseFilters ?? 16, depth: config.depth ?? 3, seed: config.seed ?? 0, name });
}

function unetVariables(unet: tf.LayersModel): tf.Variable[] {
  return unet.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** The U-Net output of a batch as numbers, one Float32Array of size² per image. */
function outputs(unet: tf.LayersModel, samples: readonly SegmentationSample[], size: number): Float32Array[] {
  const values = tf.tidy(() => (unet.apply(imageBatch(samples, size)) as tf.Tensor).dataSync() as Float32Array);
  const n = size * size;
  return samples.map((_, b) => values.slice(b * n, (b + 1) * n));
}

type TaskLoss = (spins: Int8Array, offset: number, mask: Uint8Array) => number;

/** The task losses by name (IsingSegmenterConfig.loss). */
const TASK_LOSSES = { misclassification: misclassificationLoss, balanced: balancedMisclassificationLoss, dice: diceLoss } satisfies Record<string, TaskLoss>;

export type SegmentationTaskLoss = keyof typeof TASK_LOSSES;

export class IsingSegmenter {
  readonly config: Required<IsingSegmenterConfig>;
  readonly layout: KingsLayout;
  readonly unet: tf.LayersModel;
  /** log(w)/c and log(w*)/c, with c = config.couplingLearningRateScale. */
  readonly logCouplings: tf.Variable;
  private readonly couplingBuffer: Float64Array;
  private readonly taskLoss: TaskLoss;

  constructor(config: IsingSegmenterConfig, layout: KingsLayout = kingsLayout(config.size)) {
    this.config = { baseFilters: 16, depth: 3, seed: 0, beta: 1, initialCoupling: 0.2, initialDiagonalCoupling: 0.2, couplingLearningRateScale: 1, sweeps: 5, samplesPerStep: 2, loss: 'misclassification', ...config };
    this.layout = layout;
    const scale = this.config.couplingLearningRateScale;
    if (!(Number.isFinite(scale) && scale > 0)) {
      throw new InvalidArgumentError({ pkg: 'apps', fn: 'IsingSegmenter', argument: 'config.couplingLearningRateScale', value: scale, rule: 'a positive finite number' });
    }
    this.taskLoss = TASK_LOSSES[checkOneOf({ pkg: 'apps', fn: 'IsingSegmenter' }, 'config.loss', this.config.loss, Object.keys(TASK_LOSSES) as SegmentationTaskLoss[])];
    this.unet = unetFor(this.config, 'ising_unet');
    // tidy frees the initial value, not the variable made from it
    this.logCouplings = tf.tidy(() => tf.variable(tf.tensor1d([Math.log(this.config.initialCoupling) / scale, Math.log(this.config.initialDiagonalCoupling) / scale]), true));
    this.couplingBuffer = new Float64Array(layout.u.length);
  }

  /**
   * Starts the field network from a trained cross-entropy U-Net of the same architecture: every weight is copied and
   * the 1×1 output layer is scaled by 1/(2β), so an isolated spin's P(x_i = +1) = σ(2βh_i) equals the U-Net's σ(logit_i)
   * (with small couplings the Ising model then starts as the U-Net's prediction, smoothed by its neighbours).
   */
  initialiseFieldFrom(source: tf.LayersModel): void {
    const weights = source.getWeights();
    const head = source.layers[source.layers.length - 1] as tf.layers.Layer;
    const headWeights = new Set(head.getWeights());
    const targetHead = this.unet.layers[this.unet.layers.length - 1] as tf.layers.Layer;
    if (weights.length !== this.unet.getWeights().length || targetHead.getWeights().length !== headWeights.size) {
      throw new Error('IsingSegmenter.initialiseFieldFrom: the source U-Net has another architecture');
    }
    const scale = 1 / (2 * this.config.beta);
    const scaled = weights.map((w) => (headWeights.has(w) ? tf.mul(w, scale) : w));
    try {
      this.unet.setWeights(scaled);
    } finally {
      // getWeights hands out the variables themselves: dispose only the scaled copies
      tf.dispose(scaled.filter((w, i) => w !== weights[i]));
    }
  }

  /** Every trainable variable: the U-Net's, then [log w, log w*]. */
  variables(): tf.Variable[] {
    return [...unetVariables(this.unet), this.logCouplings];
  }

  /** [w, w*] as a tensor (inside a tidy or gradient scope). */
  private couplingTensor(): tf.Tensor1D {
    return tf.exp(tf.mul(this.logCouplings, this.config.couplingLearningRateScale)) as tf.Tensor1D;
  }

  /** Current [w, w*]. */
  couplings(): [number, number] {
    const values = tf.tidy(() => this.couplingTensor().dataSync());
    return [values[0] as number, values[1] as number];
  }

  /** Fields h of a batch, one Float32Array per image. */
  fields(samples: readonly SegmentationSample[]): Float32Array[] {
    return outputs(this.unet, samples, this.config.size);
  }

  /** `chains` configurations (chains·N spins) of the Ising model with field `h`, T sweeps each from a random state. */
  sample(h: Float32Array, chains: number, rng: Rng): Int8Array {
    const [w, wd] = this.couplings();
    for (let e = 0; e < this.couplingBuffer.length; e++) this.couplingBuffer[e] = this.layout.diagonal[e] === 1 ? wd : w;
    const model = createIsingModel(this.layout.graph, { couplings: this.couplingBuffer, fields: Float64Array.from(h), beta: this.config.beta });
    return sampleIsingSync(model, { rng, chains, sweeps: this.config.sweeps, burnIn: 0, initial: 'random', schedule: this.layout.schedule }).spins;
  }

  /**
   * A local mode of the Ising model with field `h` by iterated conditional modes: from x_i = sign(h_i) (−1 at 0), set
   * each spin in turn to the sign of its local field h_i + Σ_j J_ij x_j (ties keep the spin) until a sweep changes
   * nothing (each flip lowers the energy, so this ends) or after `maxSweeps`. Deterministic: no sampling noise.
   */
  predictMode(h: Float32Array, maxSweeps = 50): Uint8Array {
    const [w, wd] = this.couplings();
    const { graph, diagonal } = this.layout;
    const n = h.length;
    const x = new Int8Array(n);
    for (let i = 0; i < n; i++) x[i] = (h[i] as number) > 0 ? 1 : -1;
    for (let sweep = 0; sweep < maxSweeps; sweep++) {
      let flips = 0;
      for (let i = 0; i < n; i++) {
        let local = h[i] as number;
        for (let p = graph.offsets[i] as number; p < (graph.offsets[i + 1] as number); p++) {
          local += (diagonal[graph.edgeIds[p] as number] === 1 ? wd : w) * (x[graph.targets[p] as number] as number);
        }
        const best = local > 0 ? 1 : local < 0 ? -1 : (x[i] as number);
        if (best !== x[i]) {
          x[i] = best;
          flips++;
        }
      }
      if (flips === 0) break;
    }
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = x[i] === 1 ? 1 : 0;
    return mask;
  }

  /** Foreground where the mean of `samples` draws of (x + 1)/2 exceeds 1/2; also returns that mean. */
  predict(h: Float32Array, samples: number, rng: Rng): { mask: Uint8Array; mean: Float64Array } {
    const n = h.length;
    const spins = this.sample(h, samples, rng);
    const mean = new Float64Array(n);
    for (let s = 0; s < samples; s++) for (let i = 0; i < n; i++) mean[i] = (mean[i] as number) + ((spins[s * n + i] as number) + 1) / 2 / samples;
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = (mean[i] as number) > 0.5 ? 1 : 0;
    return { mask, mean };
  }

  /** One RLOO step on a batch; returns the mean task loss of the K·B samples drawn before the update. */
  trainStep(batch: readonly SegmentationSample[], optimizer: GradientApplier, rng: Rng): number {
    const { size, beta, samplesPerStep: k } = this.config;
    const n = size * size;
    const h = this.fields(batch);
    const draws = batch.map((sample, b) => {
      const spins = this.sample(h[b] as Float32Array, k, rng);
      const losses = new Float64Array(k);
      const orthogonal = new Float32Array(k);
      const diagonal = new Float32Array(k);
      for (let s = 0; s < k; s++) {
        losses[s] = this.taskLoss(spins, s * n, sample.mask);
        const sums = couplingSums(this.layout, spins, s * n);
        orthogonal[s] = sums.orthogonal;
        diagonal[s] = sums.diagonal;
      }
      return { spins, losses, weights: rlooWeights(losses), orthogonal, diagonal };
    });
    const variables = this.variables();
    const { value, grads } = tf.variableGrads(() => {
      const fields = tf.reshape(this.unet.apply(imageBatch(batch, size)) as tf.Tensor, [batch.length, n]) as tf.Tensor2D;
      const w = this.couplingTensor();
      const [wo, wd] = tf.unstack(w) as [tf.Scalar, tf.Scalar];
      // one slice per image: tfjs's unstack and split gradients fail on a batch of one image
      const rows = batch.map((_, b) => tf.reshape(tf.slice(fields, [b, 0], [1, n]), [n]) as tf.Tensor1D);
      const terms = draws.map((d, b) =>
        rlooSurrogate({
          fields: rows[b] as tf.Tensor1D,
          beta,
          samples: d.spins,
          weights: d.weights,
          couplingTerm: tf.add(tf.mul(wo, tf.tensor1d(d.orthogonal)), tf.mul(wd, tf.tensor1d(d.diagonal))) as tf.Tensor1D,
        }),
      );
      // mean over images; per pixel (the surrogate sums over N) so the step size does not grow with the image
      return tf.div(tf.addN(terms), batch.length * n) as tf.Scalar;
    }, variables);
    value.dispose();
    try {
      if (optimizer instanceof tf.Optimizer) optimizer.applyGradients(grads);
      else optimizer.applyGradients(variables.map((x) => grads[x.name] as tf.Tensor));
    } finally {
      tf.dispose(Object.values(grads));
    }
    let total = 0;
    for (const d of draws) for (const l of d.losses) total += l;
    return total / (k * batch.length);
  }

  dispose(): void {
    this.unet.dispose();
    this.logCouplings.dispose();
  }
}

export class CrossEntropySegmenter {
  readonly config: Required<SegmentationModelConfig>;
  readonly unet: tf.LayersModel;

  constructor(config: SegmentationModelConfig) {
    this.config = { baseFilters: 16, depth: 3, seed: 0, ...config };
    this.unet = unetFor(this.config, 'ce_unet');
  }

  variables(): tf.Variable[] {
    return unetVariables(this.unet);
  }

  /** Logits of a batch, one Float32Array per image. */
  logits(samples: readonly SegmentationSample[]): Float32Array[] {
    return outputs(this.unet, samples, this.config.size);
  }

  static predict(logits: Float32Array): Uint8Array {
    const mask = new Uint8Array(logits.length);
    for (let i = 0; i < logits.length; i++) mask[i] = (logits[i] as number) > 0 ? 1 : 0;
    return mask;
  }

  /** One step of mean sigmoid cross-entropy on a batch; returns the loss before the update. */
  trainStep(batch: readonly SegmentationSample[], optimizer: GradientApplier): number {
    const { size } = this.config;
    const n = size * size;
    const labels = new Float32Array(batch.length * n);
    batch.forEach((s, b) => labels.set(s.mask, b * n));
    const variables = this.variables();
    const { value, grads } = tf.variableGrads(() => {
      const logits = tf.reshape(this.unet.apply(imageBatch(batch, size)) as tf.Tensor, [batch.length, n]);
      return tf.losses.sigmoidCrossEntropy(tf.tensor2d(labels, [batch.length, n]), logits) as tf.Scalar;
    }, variables);
    const loss = value.dataSync()[0] as number;
    value.dispose();
    try {
      if (optimizer instanceof tf.Optimizer) optimizer.applyGradients(grads);
      else optimizer.applyGradients(variables.map((x) => grads[x.name] as tf.Tensor));
    } finally {
      tf.dispose(Object.values(grads));
    }
    return loss;
  }

  dispose(): void {
    this.unet.dispose();
  }
}

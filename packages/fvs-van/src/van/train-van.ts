/**
 * Trains a VAN by minimising the variational free energy (seed 001, Eqs. 7–8 and App. A, Eqs. 16–18)
 *
 *   F_q = (1/β) E_{s∼q}[ log q(s) − log p̃(s) ]  ≥  F = −(1/β) log Z,
 *
 * with the score-function (REINFORCE) gradient and the batch-mean baseline of stat-mech-van:
 *
 *   ∇F_q ∝ E_q[ (ℓ(s) − b) ∇ log q(s) ],   ℓ(s) = log q(s) − λ log p̃(s),   b = batch mean of ℓ,
 *
 * and Adam. β annealing (stat-mech-van's --beta_anneal a) tempers the target as p̃^λ with λ_t = 1 − a^t at
 * optimiser step t (for a plain Ising target that is inverse temperature λβ, exactly stat-mech-van's schedule; it
 * starts at the uniform distribution and reaches the target geometrically; a = 0.998 reaches 1 − 10⁻⁸ after ~9000
 * steps). The reported F_q is always measured on the untempered target.
 */
import * as tf from '@tensorflow/tfjs';
import {
  InvalidArgumentError,
  checkFiniteNumber,
  checkInteger,
  checkOptions,
  checkRng,
  type Rng,
} from '@isinglab/graph';
import { Adam, type TrainingProgress } from '@isinglab/gnn';
import { MadeVan } from './made-van.js';
import type { UnnormalisedLogProb } from './target.js';

export interface TrainVanOptions {
  /** Random source of the samples (required). Its state after the call continues the stream (resume). */
  rng: Rng;
  /**
   * Inverse temperature of the target, β > 0 (required): the target returns −βE, and free energies are reported in
   * energy units, F = (log q − log p̃)/β. For a reduced (FVS) target, the β used to build it.
   */
  beta: number;
  /** Optimiser steps, one batch each. @default 1000 */
  epochs?: number;
  /** Samples per step (stat-mech-van: 1000). @default 1000 */
  batchSize?: number;
  /** Adam learning rate (stat-mech-van: 1e-3). Not allowed together with `optimizer`. @default 0.001 */
  learningRate?: number;
  /** Annealing rate a ∈ [0, 1): λ_t = 1 − a^t (stat-mech-van's reproduce.sh: 0.998); 0 disables. @default 0 */
  betaAnneal?: number;
  /** Rescale the gradient to this global L2 norm when larger (stat-mech-van's reproduce.sh: 1); 0 disables. @default 0 */
  clipGradNorm?: number;
  /**
   * An Adam over exactly `van.variables` (same order) to continue a run: its step count also drives the annealing
   * schedule, so restoring the weights, `Adam.setState` and the rng state resumes a run bit for bit. Not disposed.
   * @default a new Adam(van.variables, { learningRate }) disposed at the end
   */
  optimizer?: Adam;
  /** Called after every epoch. @default undefined */
  onProgress?: (progress: TrainVanProgress) => void;
  /**
   * Checked between epochs (the loop yields to the event loop about every 100 ms so a timer can abort it); the
   * promise then rejects with `signal.reason` and the network keeps the weights of the last finished epoch.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** Progress after an epoch; `epoch`/`epochs`/`elapsedMs`/`metrics` fit @isinglab/gnn's progressLine. */
export interface TrainVanProgress extends TrainingProgress {
  /** Batch estimate of F_q on the untempered target before this epoch's update. */
  freeEnergy: number;
  freeEnergyStd: number;
  /** Tempering λ used by this epoch's gradient. */
  lambda: number;
  /** The optimiser's step count after this epoch. */
  step: number;
}

/** Per-epoch records of one `trainVan` call (entry e: epoch e of this call). */
export interface TrainVanHistory {
  readonly epochs: number;
  /** Batch mean of (log q − log p̃)/β: the variational free energy estimate (an upper bound on F on average). */
  readonly freeEnergy: Float64Array;
  /** Batch standard deviation of (log q − log p̃)/β (→ 0 as q → p). */
  readonly freeEnergyStd: Float64Array;
  /** Batch mean of −log p̃/β (the mean energy for a plain Ising target). */
  readonly energy: Float64Array;
  /** Batch mean of −log q (the entropy estimate, in nats). */
  readonly entropy: Float64Array;
  /** Tempering λ of each epoch. */
  readonly lambda: Float64Array;
  /** Wall time of each epoch (sampling, target, gradient, update), ms. */
  readonly epochMs: Float64Array;
  readonly totalMs: number;
}

const PKG = 'fvs-van';
const FN = 'trainVan';
const SITE = { pkg: PKG, fn: FN } as const;
const DEFAULTS = Object.freeze({ epochs: 1000, batchSize: 1000, learningRate: 0.001, betaAnneal: 0, clipGradNorm: 0 });
const KNOWN: readonly (keyof TrainVanOptions)[] = ['rng', 'beta', 'epochs', 'batchSize', 'learningRate', 'betaAnneal', 'clipGradNorm', 'optimizer', 'onProgress', 'signal'];
const YIELD_EVERY_MS = 100;

/**
 * Trains `van` on `target` for `epochs` steps of REINFORCE with a baseline and Adam (see the file comment).
 * Deterministic for a fixed van seed, rng state and backend. Cost per epoch: sampling O(B·n²·w²/2) plain loops,
 * the target once, and one tfjs forward+backward O(B·n²·w²) (twice with z2).
 * @example
 * const van = new MadeVan(model.order, { seed: 1, hidden: [3], z2: true });
 * const history = await trainVan(van, isingLogProb(model), { rng: createRng(2), beta: model.beta, epochs: 500 });
 */
export async function trainVan(van: MadeVan, target: UnnormalisedLogProb, options: TrainVanOptions): Promise<TrainVanHistory> {
  if (!(van instanceof MadeVan)) throw new InvalidArgumentError({ ...SITE, argument: 'van', value: van, rule: 'a MadeVan' });
  if (typeof target !== 'function') throw new InvalidArgumentError({ ...SITE, argument: 'target', value: target, rule: 'a function (spins, batch, out) => void writing log p̃' });
  if (options === undefined) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { rng, beta, ... }' });
  const given = checkOptions<TrainVanOptions>(SITE, options, KNOWN);
  const opts = { ...DEFAULTS, ...given };
  const rng = checkRng(SITE, opts.rng);
  const beta = checkFiniteNumber(SITE, 'options.beta', opts.beta, { min: 0, minExclusive: true });
  const epochs = checkInteger(SITE, 'options.epochs', opts.epochs, { min: 0 });
  const batch = checkInteger(SITE, 'options.batchSize', opts.batchSize, { min: 1 });
  const anneal = checkFiniteNumber(SITE, 'options.betaAnneal', opts.betaAnneal, { min: 0, max: 1, maxExclusive: true });
  const clip = checkFiniteNumber(SITE, 'options.clipGradNorm', opts.clipGradNorm, { min: 0 });
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.onProgress', value: opts.onProgress, rule: 'a function or undefined' });
  }
  const signal = opts.signal;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean')) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.signal', value: signal, rule: 'an AbortSignal or undefined' });
  }
  let optimizer: Adam;
  const ownOptimizer = opts.optimizer === undefined;
  if (ownOptimizer) {
    const lr = checkFiniteNumber(SITE, 'options.learningRate', opts.learningRate, { min: 0, minExclusive: true });
    optimizer = new Adam(van.variables, { learningRate: lr });
  } else {
    optimizer = opts.optimizer as Adam;
    if (given.learningRate !== undefined) {
      throw new InvalidArgumentError({ ...SITE, argument: 'options.learningRate', value: given.learningRate, rule: 'absent when options.optimizer is given', hint: 'Set the rate on the Adam itself.' });
    }
    const vars = (optimizer as { variables?: unknown }).variables;
    const same = Array.isArray(vars) && vars.length === van.variables.length && van.variables.every((v, k) => vars[k] === v);
    if (typeof (optimizer as { applyGradients?: unknown }).applyGradients !== 'function' || !same) {
      throw new InvalidArgumentError({ ...SITE, argument: 'options.optimizer', value: optimizer, rule: 'an @isinglab/gnn Adam over exactly van.variables, in order' });
    }
  }

  const n = van.n;
  const spins = new Int8Array(batch * n);
  const logq = new Float64Array(batch);
  const logp = new Float64Array(batch);
  const coef = new Float32Array(batch);
  const x = new Float32Array(batch * n);
  const history = {
    freeEnergy: new Float64Array(epochs),
    freeEnergyStd: new Float64Array(epochs),
    energy: new Float64Array(epochs),
    entropy: new Float64Array(epochs),
    lambda: new Float64Array(epochs),
    epochMs: new Float64Array(epochs),
  };
  const variables = van.variables as tf.Variable[];
  const started = performance.now();
  let lastYield = started;
  try {
    for (let e = 0; e < epochs; e++) {
      signal?.throwIfAborted();
      const t0 = performance.now();
      const step = optimizer.step;
      const lambda = anneal > 0 ? 1 - anneal ** step : 1;

      van.sampleInto(spins, logq, batch, rng, true);
      target(spins, batch, logp);
      let meanF = 0;
      let meanSignal = 0;
      let meanLogp = 0;
      let meanLogq = 0;
      for (let b = 0; b < batch; b++) {
        const lp = logp[b] as number;
        if (!Number.isFinite(lp)) {
          throw new InvalidArgumentError({ ...SITE, argument: 'target', value: lp, rule: `a callback writing finite log p̃ (out[${b}] of epoch ${e})` });
        }
        const lq = logq[b] as number;
        meanF += lq - lp;
        meanSignal += lq - lambda * lp;
        meanLogp += lp;
        meanLogq += lq;
      }
      meanF /= batch;
      meanSignal /= batch;
      let varF = 0;
      for (let b = 0; b < batch; b++) {
        const lq = logq[b] as number;
        const d = lq - (logp[b] as number) - meanF;
        varF += d * d;
        coef[b] = (lq - lambda * (logp[b] as number) - meanSignal) / batch;
      }
      for (let k = 0; k < x.length; k++) x[k] = spins[k] as number;

      tf.tidy(() => {
        const xs = tf.tensor2d(x, [batch, n]);
        const cs = tf.tensor1d(coef);
        // Σ_b c_b log q(s_b), c_b = (ℓ_b − b)/B constant: its gradient is the REINFORCE estimate
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(cs, van.logProbTensor(xs))) as tf.Scalar, variables);
        let gs = variables.map((v) => grads[v.name] as tf.Tensor);
        if (clip > 0) {
          const norm = Math.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g)))).dataSync()[0] as number);
          if (norm > clip) gs = gs.map((g) => tf.mul(g, clip / norm));
        }
        optimizer.applyGradients(gs);
        value.dispose();
      });

      const ms = performance.now() - t0;
      const freeEnergy = meanF / beta;
      const freeEnergyStd = Math.sqrt(varF / batch) / beta;
      history.freeEnergy[e] = freeEnergy;
      history.freeEnergyStd[e] = freeEnergyStd;
      history.energy[e] = -meanLogp / batch / beta;
      history.entropy[e] = -meanLogq / batch;
      history.lambda[e] = lambda;
      history.epochMs[e] = ms;
      if (opts.onProgress !== undefined) {
        opts.onProgress({
          epoch: e + 1,
          epochs,
          elapsedMs: performance.now() - started,
          metrics: { F: freeEnergy, 'F std': freeEnergyStd, lambda },
          freeEnergy,
          freeEnergyStd,
          lambda,
          step: optimizer.step,
        });
      }
      if (performance.now() - lastYield > YIELD_EVERY_MS && e + 1 < epochs) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
  } finally {
    if (ownOptimizer) optimizer.dispose();
  }
  return Object.freeze({ epochs, ...history, totalMs: performance.now() - started });
}

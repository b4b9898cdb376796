/**
 * Fitting an IBG to a directed graph (and optionally its node signal) by Adam on the densifying Frobenius loss.
 */
import {
  InvalidArgumentError,
  checkFiniteNumber,
  checkInteger,
  checkOptions,
  checkRng,
  rngFromState,
  type Graph,
  type Rng,
  type RngState,
} from '@isinglab/graph';
import type { IbgFactors } from './ibg-factors.js';
import { ibgLoss, type IbgLossResult } from './ibg-loss.js';
import { MEMBERSHIP_MARGIN, initialiseIbg, type IbgInitMethod } from './initialise-ibg.js';
import { createFlatAdam, flatAdamStep, type FlatAdam } from './internal/adam.js';
import {
  checkAbortSignal,
  checkDensifyingScale,
  checkFactors,
  checkFeatures,
  checkFunction,
  checkIbgGraph,
  nonEdgeWeightOf,
  site,
} from './internal/checks.js';
import {
  createObjectiveWorkspace,
  evaluateObjective,
  type ObjectiveGradient,
  type ObjectiveProblem,
} from './internal/objective.js';

/** Everything needed to continue a fit exactly where it stopped (pass it back as `options.resume`). */
export interface IbgFitState {
  /** Epochs (optimiser steps) completed so far, over all calls. */
  readonly epoch: number;
  readonly nodes: number;
  readonly communities: number;
  readonly featureDim: number;
  /** logit(U), N × K row-major. */
  readonly sourceLogits: Float64Array;
  /** logit(V), N × K row-major. */
  readonly targetLogits: Float64Array;
  /** r, K. */
  readonly weights: Float64Array;
  /** F_src, K × D. */
  readonly sourceFeatures: Float64Array;
  /** F_dst, K × D. */
  readonly targetFeatures: Float64Array;
  /** Adam's step count and moments; the moments are laid out as [logit(U) | logit(V) | r | F_src | F_dst]. */
  readonly adamStep: number;
  readonly adamFirstMoments: Float64Array;
  readonly adamSecondMoments: Float64Array;
  /** The fit's own random stream (node sampling), so a resumed subgraph fit draws the same samples. */
  readonly rng: RngState;
}

export interface FitIbgProgress {
  /** Epochs completed so far (over all calls, like IbgFitState.epoch). */
  epoch: number;
  /** The epoch count this call will reach. */
  totalEpochs: number;
  /** The loss at the parameters this epoch started from (a node-sample estimate in subgraph mode). */
  loss: number;
  /** The weighted relative Frobenius error at the same point (an estimate in subgraph mode). */
  relativeError: number;
  /** Milliseconds since this call started. */
  elapsedMs: number;
  /** A copy of the current state, for checkpoints (allocates; call it only when you need one). */
  snapshot(): IbgFitState;
}

export interface FitIbgOptions {
  /** K, the number of communities (≥ 1; must match `resume`). */
  communities: number;
  /**
   * Random source for the initialisation and the fit's node-sampling stream (split off once). Required for a
   * fresh fit; leave it out when resuming (the state carries the stream). @default undefined
   */
  rng?: Rng;
  /** Optimiser steps to take in this call (seed 003 Appendix O uses 10 000 at learning rate 0.03). @default 1000 */
  epochs?: number;
  /** Adam's learning rate (seed 003 Appendix O: 0.03 for node classification). @default 0.03 */
  learningRate?: number;
  /** Where to start: an initialisation method (see initialiseIbg) or given factors. Ignored when resuming. @default 'svd' */
  init?: IbgInitMethod | IbgFactors;
  /** The densifying factor γ (see IbgLossOptions.densifyingScale); null for the unweighted loss. @default 20 */
  densifyingScale?: number | null;
  /** Node signal X, N × D row-major; fits F_src, F_dst too. @default undefined */
  features?: Float64Array;
  /** λ, the weight of the signal term. @default 1 */
  signalWeight?: number;
  /**
   * Subgraph SGD (seed 003 Section 5.3, Appendix G): each step samples this many (≥ 2) distinct nodes uniformly,
   * evaluates an unbiased estimate of the loss on the induced subgraph and steps on its gradient; undefined for
   * full-batch steps. See fitIbg.
   * @default undefined
   */
  subgraphNodes?: number;
  /** Oversampling of the SVD initialisation. @default 10 */
  oversampling?: number;
  /** Power iterations of the SVD initialisation. @default 4 */
  powerIterations?: number;
  /** Continue from a state returned by an earlier call (or a progress snapshot). @default undefined */
  resume?: IbgFitState;
  /** Called after every epoch. @default undefined */
  onProgress?: (progress: FitIbgProgress) => void;
  /** Checked before every epoch; when aborted the call throws `signal.reason` (checkpoint through onProgress). @default undefined */
  signal?: AbortSignal;
}

export interface FitIbgResult {
  /** The fitted IBG (memberships = sigmoid of the final logits). */
  factors: IbgFactors;
  /** The loss at the start of each epoch of this call (node-sample estimates in subgraph mode). */
  lossHistory: Float64Array;
  /** The weighted relative Frobenius error at the start of each epoch of this call (estimates in subgraph mode). */
  relativeErrorHistory: Float64Array;
  /** The exact full-graph loss of the returned factors. */
  loss: IbgLossResult;
  /** Pass as `options.resume` to continue. */
  state: IbgFitState;
}

const DEFAULTS = Object.freeze({
  epochs: 1000,
  learningRate: 0.03,
  init: 'svd' as IbgInitMethod | IbgFactors,
  densifyingScale: 20 as number | null,
  signalWeight: 1,
  oversampling: 10,
  powerIterations: 4,
});
const OPTION_KEYS = [
  'communities',
  'rng',
  'epochs',
  'learningRate',
  'init',
  'densifyingScale',
  'features',
  'signalWeight',
  'subgraphNodes',
  'oversampling',
  'powerIterations',
  'resume',
  'onProgress',
  'signal',
] as const;

/**
 * Fits a K-community IBG Â = U diag(r) Vᵀ (and X̂ = U diag(r) F_src + V diag(r) F_dst when features are given) to
 * `graph` by minimising the loss of ibgLoss with Adam (β = (0.9, 0.999), ε = 1e-8), the parameterisation of seed
 * 003 Section 5.1 and its reference implementation: U = sigmoid(logits), V = sigmoid(logits), r and F free.
 *
 * Full batch (default): each epoch evaluates the exact loss and gradient, O(nnz·K + N·K² + N·K·D) time and O(N·K)
 * memory; nothing N × N is formed.
 *
 * Subgraph SGD (`subgraphNodes` = m ≥ 2): each step draws m distinct nodes uniformly (Floyd's algorithm), builds
 * the induced subgraph, and evaluates the loss on it with every term divided by its inclusion probability
 * (m(m−1)/(N(N−1)) for a pair i ≠ j, m/N for a diagonal entry or a node's signal row), an exactly unbiased estimate
 * of the full loss; the non-arc weight w stays that of the full graph. (The seed, Section 5.3, samples with
 * replacement and scales by (N/m)²; the reference drops nodes by coin flips.) The gradient is then unbiased for r
 * and F; for a sampled row of U or V it is, in expectation, N/m times the full gradient (Proposition G.1), so those
 * rows are rescaled by m/N as the seed prescribes; unsampled rows get a zero gradient (Adam's momentum still moves
 * them, as in the reference's torch Adam). lossHistory then holds the per-step estimates. Cost per step
 * O(nnz_sample·K + m·K² + m·K·D + N·K) (the last term: Adam over all parameters).
 *
 * Determinism: the same inputs and rng seed give bit-identical results; a fit resumed from `state` (or a
 * progress snapshot) continues bit for bit as an uninterrupted one. Memberships given through `init` are clamped
 * to [1e-6, 1 − 1e-6] so their logits are finite.
 *
 * @throws InvalidArgumentError for bad inputs or options (see ibgLoss), a `resume` state that does not match the
 *   graph, K or D, or a missing rng on a fresh fit; `signal.reason` when aborted.
 */
export function fitIbg(graph: Graph, options: FitIbgOptions): FitIbgResult {
  const fn = 'fitIbg';
  const s = site(fn);
  const opts = { ...DEFAULTS, ...checkOptions<FitIbgOptions>(s, options, OPTION_KEYS) };
  const g = checkIbgGraph(s, graph);
  const n = g.order;
  const nnz = g.offsets[n] as number;
  const k = checkInteger(s, 'options.communities', opts.communities, { min: 1, max: 1 << 20 });
  const d = checkFeatures(s, opts.features, n);
  const epochs = checkInteger(s, 'options.epochs', opts.epochs, { min: 0 });
  const lr = checkFiniteNumber(s, 'options.learningRate', opts.learningRate, { min: 0, minExclusive: true });
  const gamma = checkDensifyingScale(s, opts.densifyingScale);
  const lambda = checkFiniteNumber(s, 'options.signalWeight', opts.signalWeight, { min: 0 });
  const m = opts.subgraphNodes === undefined ? n : checkInteger(s, 'options.subgraphNodes', opts.subgraphNodes, { min: 2, max: n });
  const oversampling = checkInteger(s, 'options.oversampling', opts.oversampling, { min: 0, max: 1000 });
  const powerIterations = checkInteger(s, 'options.powerIterations', opts.powerIterations, { min: 0, max: 100 });
  checkFunction(s, 'options.onProgress', opts.onProgress);
  const signal = checkAbortSignal(s, opts.signal);
  const features = d > 0 ? (opts.features as Float64Array) : null;
  const w = nonEdgeWeightOf(n, nnz, gamma);

  const nk = n * k;
  const kd = k * d;
  const size = 2 * nk + k + 2 * kd;
  const params = new Float64Array(size);
  const views = viewsOf(params, nk, k, kd);
  let adam: FlatAdam;
  let sampler: Rng;
  let startEpoch = 0;
  if (opts.resume !== undefined) {
    const st = checkState(s, opts.resume, n, k, d, size);
    views.lu.set(st.sourceLogits);
    views.lv.set(st.targetLogits);
    views.r.set(st.weights);
    views.fs.set(st.sourceFeatures);
    views.fd.set(st.targetFeatures);
    adam = createFlatAdam(size);
    adam.step = st.adamStep;
    adam.m.set(st.adamFirstMoments);
    adam.v.set(st.adamSecondMoments);
    sampler = rngFromState(st.rng);
    startEpoch = st.epoch;
  } else {
    if (opts.rng === undefined) {
      throw new InvalidArgumentError({
        ...s,
        argument: 'options.rng',
        value: undefined,
        rule: 'an Rng for a fresh fit',
        hint: "Create one with createRng(seed) from '@isinglab/graph' (only a resumed fit may leave it out).",
      });
    }
    const rng = checkRng(s, opts.rng);
    let start: IbgFactors;
    if (typeof opts.init === 'string') {
      const init = opts.init;
      if (init !== 'svd' && init !== 'svd-ranked' && init !== 'random') {
        throw new InvalidArgumentError({
          ...s,
          argument: 'options.init',
          value: init,
          rule: "'svd', 'svd-ranked', 'random' or IbgFactors",
        });
      }
      start = initialiseIbg(g, {
        communities: k,
        rng,
        method: init,
        oversampling,
        powerIterations,
        densifyingScale: gamma,
        ...(features ? { features } : {}),
      });
    } else {
      start = checkFactors(s, opts.init, n, d, 'options.init');
      if (start.communities !== k) {
        throw new InvalidArgumentError({
          ...s,
          argument: 'options.init.communities',
          value: start.communities,
          rule: `options.communities = ${k}`,
        });
      }
    }
    for (let i = 0; i < nk; i++) {
      views.lu[i] = logit(start.sourceMemberships[i] as number);
      views.lv[i] = logit(start.targetMemberships[i] as number);
    }
    views.r.set(start.weights);
    views.fs.set(start.sourceFeatures);
    views.fd.set(start.targetFeatures);
    adam = createFlatAdam(size);
    sampler = rng.split();
  }

  const gradFlat = new Float64Array(size);
  const gviews = viewsOf(gradFlat, nk, k, kd);
  const u = new Float64Array(nk);
  const v = new Float64Array(nk);
  const lossHistory = new Float64Array(epochs);
  const relHistory = new Float64Array(epochs);
  const totalEpochs = startEpoch + epochs;
  const started = performance.now();
  const snapshot = (epoch: number) => (): IbgFitState => stateOf(epoch, n, k, d, views, adam, sampler);
  const onProgress = opts.onProgress;

  if (m === n) {
    const problem: ObjectiveProblem = {
      n,
      k,
      d,
      offsets: g.offsets,
      targets: g.targets,
      nonEdgeWeight: w,
      graphScale: 1 / n,
      signalScale: d > 0 ? lambda / d : 0,
      features,
    };
    const ws = createObjectiveWorkspace(n, k, d);
    const grad: ObjectiveGradient = { u: gviews.lu, v: gviews.lv, r: gviews.r, fs: gviews.fs, fd: gviews.fd };
    for (let e = 0; e < epochs; e++) {
      signal?.throwIfAborted();
      sigmoidInto(views.lu, u, nk);
      sigmoidInto(views.lv, v, nk);
      const loss = evaluateObjective(problem, u, v, views.r, views.fs, views.fd, ws, grad);
      lossHistory[e] = loss;
      relHistory[e] = Math.sqrt(Math.max(0, ws.sums[0] as number) / nnz);
      for (let i = 0; i < nk; i++) {
        const a = u[i] as number;
        const b = v[i] as number;
        gviews.lu[i] = (gviews.lu[i] as number) * a * (1 - a);
        gviews.lv[i] = (gviews.lv[i] as number) * b * (1 - b);
      }
      flatAdamStep(adam, params, gradFlat, lr);
      onProgress?.({
        epoch: startEpoch + e + 1,
        totalEpochs,
        loss,
        relativeError: relHistory[e] as number,
        elapsedMs: performance.now() - started,
        snapshot: snapshot(startEpoch + e + 1),
      });
    }
  } else {
    // subgraph SGD buffers, all allocated once
    const pos = new Int32Array(n).fill(-1);
    const picked = new Int32Array(m);
    const localOffsets = new Int32Array(m + 1);
    const localTargets = new Int32Array(nnz);
    const us = new Float64Array(m * k);
    const vs = new Float64Array(m * k);
    const xs = d > 0 ? new Float64Array(m * d) : null;
    const gus = new Float64Array(m * k);
    const gvs = new Float64Array(m * k);
    const selfLoop = new Uint8Array(m);
    // Inclusion probabilities without replacement: a node m/N, an ordered pair of distinct nodes m(m−1)/(N(N−1)).
    // Dividing each sampled term by its probability makes the estimate of S_w exactly unbiased: the kernel scales
    // every sampled pair by pairScale, and the diagonal (pairs i = i) is corrected to nodeScale below.
    const nodeScale = n / m;
    const pairScale = (n * (n - 1)) / (m * (m - 1));
    const diagonalCorrection = (nodeScale - pairScale) / n;
    const problem: ObjectiveProblem = {
      n: m,
      k,
      d,
      offsets: localOffsets,
      targets: localTargets,
      nonEdgeWeight: w,
      graphScale: pairScale / n,
      signalScale: d > 0 ? (nodeScale * lambda) / d : 0,
      features: xs,
    };
    const ws = createObjectiveWorkspace(m, k, d);
    const grad: ObjectiveGradient = { u: gus, v: gvs, r: gviews.r, fs: gviews.fs, fd: gviews.fd };
    const rowScale = m / n;
    for (let e = 0; e < epochs; e++) {
      signal?.throwIfAborted();
      // Floyd's algorithm: m distinct nodes, uniformly, with `pos` as the membership set
      let count = 0;
      for (let j = n - m; j < n; j++) {
        const t = sampler.int(j + 1);
        const node = pos[t] === -1 ? t : j;
        pos[node] = count;
        picked[count++] = node;
      }
      let arcs = 0;
      selfLoop.fill(0);
      for (let a = 0; a < m; a++) {
        const i = picked[a] as number;
        const end = g.offsets[i + 1] as number;
        for (let p = g.offsets[i] as number; p < end; p++) {
          const b = pos[g.targets[p] as number] as number;
          if (b >= 0) localTargets[arcs++] = b;
          if (b === a) selfLoop[a] = 1;
        }
        localOffsets[a + 1] = arcs;
        const oi = i * k;
        const oa = a * k;
        for (let c = 0; c < k; c++) {
          us[oa + c] = sigmoid(views.lu[oi + c] as number);
          vs[oa + c] = sigmoid(views.lv[oi + c] as number);
        }
        if (xs !== null && features !== null) xs.set(features.subarray(i * d, i * d + d), a * d);
      }
      let loss = evaluateObjective(problem, us, vs, views.r, views.fs, views.fd, ws, grad);
      // diagonal correction: Σ_a W_aa (A_aa − Â_aa)², rescaled from pairScale to nodeScale, and its gradient
      let diagonal = 0;
      for (let a = 0; a < m; a++) {
        const oa = a * k;
        let ahat = 0;
        for (let c = 0; c < k; c++) ahat += (us[oa + c] as number) * (views.r[c] as number) * (vs[oa + c] as number);
        const target = selfLoop[a] as number;
        const weight = target === 1 ? 1 : w;
        const miss = target - ahat;
        diagonal += weight * miss * miss;
        const gd = -2 * diagonalCorrection * weight * miss;
        if (gd === 0) continue;
        for (let c = 0; c < k; c++) {
          const rc = views.r[c] as number;
          const uc = us[oa + c] as number;
          const vc = vs[oa + c] as number;
          gus[oa + c] = (gus[oa + c] as number) + gd * rc * vc;
          gvs[oa + c] = (gvs[oa + c] as number) + gd * rc * uc;
          gviews.r[c] = (gviews.r[c] as number) + gd * uc * vc;
        }
      }
      loss += diagonalCorrection * diagonal;
      lossHistory[e] = loss;
      const estimate = pairScale * (ws.sums[0] as number) + (nodeScale - pairScale) * diagonal;
      relHistory[e] = Math.sqrt(Math.max(0, estimate) / nnz);
      gviews.lu.fill(0);
      gviews.lv.fill(0);
      for (let a = 0; a < m; a++) {
        const i = picked[a] as number;
        pos[i] = -1;
        const oi = i * k;
        const oa = a * k;
        for (let c = 0; c < k; c++) {
          const x = us[oa + c] as number;
          const y = vs[oa + c] as number;
          gviews.lu[oi + c] = rowScale * (gus[oa + c] as number) * x * (1 - x);
          gviews.lv[oi + c] = rowScale * (gvs[oa + c] as number) * y * (1 - y);
        }
      }
      flatAdamStep(adam, params, gradFlat, lr);
      onProgress?.({
        epoch: startEpoch + e + 1,
        totalEpochs,
        loss,
        relativeError: relHistory[e] as number,
        elapsedMs: performance.now() - started,
        snapshot: snapshot(startEpoch + e + 1),
      });
    }
  }

  sigmoidInto(views.lu, u, nk);
  sigmoidInto(views.lv, v, nk);
  const factors: IbgFactors = {
    nodes: n,
    communities: k,
    featureDim: d,
    sourceMemberships: u,
    targetMemberships: v,
    weights: Float64Array.from(views.r),
    sourceFeatures: Float64Array.from(views.fs),
    targetFeatures: Float64Array.from(views.fd),
  };
  const loss = ibgLoss(g, factors, {
    densifyingScale: gamma,
    signalWeight: lambda,
    ...(features ? { features } : {}),
  });
  return {
    factors,
    lossHistory,
    relativeErrorHistory: relHistory,
    loss,
    state: stateOf(totalEpochs, n, k, d, views, adam, sampler),
  };
}

interface Views {
  lu: Float64Array;
  lv: Float64Array;
  r: Float64Array;
  fs: Float64Array;
  fd: Float64Array;
}

function viewsOf(flat: Float64Array, nk: number, k: number, kd: number): Views {
  return {
    lu: flat.subarray(0, nk),
    lv: flat.subarray(nk, 2 * nk),
    r: flat.subarray(2 * nk, 2 * nk + k),
    fs: flat.subarray(2 * nk + k, 2 * nk + k + kd),
    fd: flat.subarray(2 * nk + k + kd, 2 * nk + k + 2 * kd),
  };
}

function stateOf(epoch: number, n: number, k: number, d: number, views: Views, adam: FlatAdam, sampler: Rng): IbgFitState {
  return {
    epoch,
    nodes: n,
    communities: k,
    featureDim: d,
    sourceLogits: Float64Array.from(views.lu),
    targetLogits: Float64Array.from(views.lv),
    weights: Float64Array.from(views.r),
    sourceFeatures: Float64Array.from(views.fs),
    targetFeatures: Float64Array.from(views.fd),
    adamStep: adam.step,
    adamFirstMoments: Float64Array.from(adam.m),
    adamSecondMoments: Float64Array.from(adam.v),
    rng: sampler.getState(),
  };
}

function checkState(s: { pkg: string; fn: string }, value: unknown, n: number, k: number, d: number, size: number): IbgFitState {
  const st = value as Partial<IbgFitState> | null;
  const fail = (argument: string, v: unknown, rule: string): never => {
    throw new InvalidArgumentError({ ...s, argument: `options.resume${argument}`, value: v, rule });
  };
  if (typeof st !== 'object' || st === null) fail('', value, 'an IbgFitState from fitIbg');
  const t = st as Partial<IbgFitState>;
  if (t.nodes !== n) fail('.nodes', t.nodes, `the graph's order ${n}`);
  if (t.communities !== k) fail('.communities', t.communities, `options.communities = ${k}`);
  if (t.featureDim !== d) fail('.featureDim', t.featureDim, `${d} (the feature dimension of options.features)`);
  if (!(Number.isInteger(t.epoch) && (t.epoch as number) >= 0)) fail('.epoch', t.epoch, 'a non-negative integer');
  if (!(Number.isInteger(t.adamStep) && (t.adamStep as number) >= 0)) fail('.adamStep', t.adamStep, 'a non-negative integer');
  const arrays: [keyof IbgFitState, number][] = [
    ['sourceLogits', n * k],
    ['targetLogits', n * k],
    ['weights', k],
    ['sourceFeatures', k * d],
    ['targetFeatures', k * d],
    ['adamFirstMoments', size],
    ['adamSecondMoments', size],
  ];
  for (const [key, len] of arrays) {
    const a = t[key];
    if (!(a instanceof Float64Array) || a.length !== len) fail(`.${key}`, a, `a Float64Array of length ${len}`);
    for (let i = 0; i < len; i++) {
      const x = (a as Float64Array)[i] as number;
      if (!Number.isFinite(x) || (key === 'adamSecondMoments' && x < 0)) fail(`.${key}[${i}]`, x, 'a finite number');
    }
  }
  try {
    rngFromState(t.rng as RngState);
  } catch (cause) {
    throw new InvalidArgumentError({ ...s, argument: 'options.resume.rng', value: t.rng, rule: 'an RngState', cause });
  }
  return t as IbgFitState;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function sigmoidInto(src: Float64Array, dst: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) dst[i] = 1 / (1 + Math.exp(-(src[i] as number)));
}

function logit(x: number): number {
  const y = x < MEMBERSHIP_MARGIN ? MEMBERSHIP_MARGIN : x > 1 - MEMBERSHIP_MARGIN ? 1 - MEMBERSHIP_MARGIN : x;
  return Math.log(y / (1 - y));
}

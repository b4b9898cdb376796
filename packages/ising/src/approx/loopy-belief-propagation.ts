/**
 * Loopy belief propagation for the Ising model in the cavity-field parametrisation (the Bethe baseline of seed 001,
 * App. C, Eqs. 25–26).
 */
import { checkOptions } from '@isinglab/graph';
import { checkIsingModel, type IsingModel } from '../model/ising-model.js';
import { addCompensated, cavityBias, logAddExp, logCosh } from '../internal/approx-kernels.js';
import {
  checkIterationControls,
  checkScale,
  freeEnergyFromLogZ,
  reportNonConvergence,
  type ApproxSchedule,
  type IterationControls,
  type OnNonConvergence,
} from './iteration-options.js';

export interface LoopyBeliefPropagationOptions {
  /** Damping λ ∈ [0, 1): each message becomes λ·old + (1 − λ)·new. @default 0.5 */
  damping?: number;
  /**
   * Stop after the first sweep whose residual, the largest change an undamped update would make to a message
   * (a cavity bias βu, dimensionless), is ≤ `tolerance`. @default 1e-10
   */
  tolerance?: number;
  /** Sweeps allowed (one sweep updates every message once). @default 10000 */
  maxIterations?: number;
  /**
   * `'parallel'` (flooding: every message from the previous sweep's messages) or `'sequential'` (nodes in index
   * order, each sending to all its neighbours from the messages it holds at that moment). @default 'parallel'
   */
  schedule?: ApproxSchedule;
  /** `'throw'`: a `ConvergenceError` carrying iterations and residual; `'return'`: the last iterate with `converged: false`. @default 'throw' */
  onNonConvergence?: OnNonConvergence;
}

export interface LoopyBeliefPropagationResult {
  /** Belief means E_b[x_i] = tanh(β H_i), per node, with βH_i = βh_i + Σ_{k∈N(i)} βu_{k→i}. */
  readonly marginals: Float64Array;
  /** E_b[x_u x_v] from the pairwise belief of each edge, per edge id. */
  readonly edgeCorrelations: Float64Array;
  /**
   * The Bethe approximation −βF_Bethe of ln Z (exact on forests): Σ_i ln Z_i − Σ_(ij) ln Z_ij in the message form of
   * Mézard & Montanari (2009), Eq. 14.27, evaluated in log-cosh form so it stays finite at any β.
   */
  readonly logZ: number;
  /** F_Bethe = −logZ / β; −∞ at β = 0 (0 for the empty model). */
  readonly freeEnergy: number;
  /**
   * Final messages per half-edge of the CSR (length 2M): `messages[p]` is the cavity bias βu_{j→i} that
   * j = `graph.targets[p]` sends to the node i whose row holds p.
   */
  readonly messages: Float64Array;
  /** Sweeps done. */
  readonly iterations: number;
  readonly converged: boolean;
  /** The residual of the last sweep (see `tolerance`). */
  readonly residual: number;
}

const DEFAULTS = Object.freeze({
  damping: 0.5,
  tolerance: 1e-10,
  maxIterations: 10000,
  schedule: 'parallel' as ApproxSchedule,
  onNonConvergence: 'throw' as OnNonConvergence,
});
const KNOWN: readonly (keyof LoopyBeliefPropagationOptions)[] = [
  'damping',
  'tolerance',
  'maxIterations',
  'schedule',
  'onNonConvergence',
];

/**
 * Damped loopy belief propagation on the model's graph. Messages are cavity biases (all scaled by β):
 * βu_{i→j} = atanh(tanh(βJ_ij) · tanh(βh_{i\j})), with cavity field βh_{i\j} = βh_i + Σ_{k∈N(i)\j} βu_{k→i},
 * one per half-edge, started at 0 and evaluated through log-cosh differences so that no step overflows or
 * rounds to ±∞ at large β. From the fixed point it returns node beliefs, pairwise-belief correlations and the
 * Bethe free energy. On trees and forests (isolated nodes and the empty graph included) the fixed point is unique,
 * undamped parallel sweeps reach it up to rounding after diameter + 1 sweeps, and every output is exact up to the
 * iteration tolerance.
 * On graphs with loops the result is the Bethe approximation, and the iteration may fail to converge.
 *
 * O(maxIterations · (N + M)) time, O(N + M) memory.
 * References: J. S. Yedidia, W. T. Freeman, Y. Weiss, "Understanding belief propagation and its generalizations"
 * (IJCAI 2001); M. Mézard, A. Montanari, Information, Physics, and Computation (2009), ch. 14.
 * @throws InvalidArgumentError for a bad model or option; ConvergenceError when `maxIterations` is reached with
 *   `onNonConvergence: 'throw'`.
 * @example loopyBeliefPropagation(createIsingModel(randomTree(50, { rng }), { beta: 0.7 })).logZ
 */
export function loopyBeliefPropagation(model: IsingModel, options?: LoopyBeliefPropagationOptions): LoopyBeliefPropagationResult {
  const site = { pkg: 'ising', fn: 'loopyBeliefPropagation' };
  checkIsingModel(site, model);
  checkScale(site, model);
  const opts = { ...DEFAULTS, ...checkOptions<LoopyBeliefPropagationOptions>(site, options, KNOWN) };
  const controls = checkIterationControls(site, opts);

  const plan = planMessages(model);
  const messages = new Float64Array(plan.reverse.length);
  const { iterations, residual } = propagate(plan, messages, controls);
  const converged = residual <= controls.tolerance;
  if (!converged) {
    reportNonConvergence(site, controls, 'belief propagation', iterations, residual,
      'Raise options.damping or options.maxIterations, try schedule "sequential", or pass onNonConvergence: "return" for the last iterate.');
  }
  const beliefs = betheBeliefs(plan, messages);
  return {
    ...beliefs,
    freeEnergy: freeEnergyFromLogZ(beliefs.logZ, model.beta),
    messages,
    iterations,
    converged,
    residual,
  };
}

/** @internal β-scaled couplings and fields plus the half-edge pairing, computed once. */
interface MessagePlan {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly edgeIds: Int32Array;
  /** βJ per edge id. */
  readonly k: Float64Array;
  /** tanh βJ per edge id. */
  readonly tanhK: Float64Array;
  /** βh per node. */
  readonly a: Float64Array;
  /** reverse[p]: the half-edge of the same edge in the other endpoint's row. */
  readonly reverse: Int32Array;
  /** The half-edge of edge e in the row of its smaller endpoint (rows are scanned in order, so it is met first). */
  readonly firstHalf: Int32Array;
}

function planMessages(model: IsingModel): MessagePlan {
  const { offsets, edgeIds } = model.graph;
  const n = model.order;
  const size = model.couplings.length;
  const k = new Float64Array(size);
  const tanhK = new Float64Array(size);
  for (let e = 0; e < size; e++) {
    k[e] = model.beta * (model.couplings[e] as number);
    tanhK[e] = Math.tanh(k[e] as number);
  }
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = model.beta * (model.fields[i] as number);
  const halves = offsets[n] as number;
  const firstHalf = new Int32Array(size).fill(-1);
  const reverse = new Int32Array(halves);
  for (let p = 0; p < halves; p++) {
    const e = edgeIds[p] as number;
    const q = firstHalf[e] as number;
    if (q < 0) {
      firstHalf[e] = p;
    } else {
      reverse[p] = q;
      reverse[q] = p;
    }
  }
  return { n, offsets, edgeIds, k, tanhK, a, reverse, firstHalf };
}

/**
 * @internal Damped message passing in place on `messages` (incoming cavity biases per half-edge). Node i's total
 * field is computed once per visit and each outgoing cavity field is that total minus the one incoming message,
 * so a sweep costs O(N + M) at any degree.
 */
function propagate(plan: MessagePlan, messages: Float64Array, controls: IterationControls): { iterations: number; residual: number } {
  const abs = Math.abs;
  const { n, offsets, edgeIds, k, tanhK, a, reverse } = plan;
  const { damping, tolerance, maxIterations } = controls;
  const keep = damping;
  const move = 1 - damping;
  const parallel = controls.schedule === 'parallel';
  const next = parallel ? new Float64Array(messages.length) : messages;
  let residual = Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    residual = 0;
    for (let i = 0; i < n; i++) {
      const start = offsets[i] as number;
      const end = offsets[i + 1] as number;
      let total = a[i] as number;
      for (let p = start; p < end; p++) total += messages[p] as number;
      for (let p = start; p < end; p++) {
        const e = edgeIds[p] as number;
        const fresh = cavityBias(k[e] as number, tanhK[e] as number, total - (messages[p] as number));
        const q = reverse[p] as number;
        const old = messages[q] as number;
        const change = abs(fresh - old);
        if (change > residual) residual = change;
        // Sequential: `next` is `messages`; i's own incoming messages are untouched here, so `total` stays valid.
        next[q] = keep * old + move * fresh;
      }
    }
    if (parallel) messages.set(next);
    if (residual <= tolerance) break;
  }
  return { iterations, residual };
}

/**
 * @internal Beliefs and Bethe ln Z from the messages. With ν_{j→i} ∝ exp(βh_{j\i} x_j) the cavity distributions,
 *   ln Z_i  = ln Σ_{x_i} e^{βh_i x_i} Π_{j∈N(i)} cosh(βJ_ij x_i + βh_{j\i}) / cosh(βh_{j\i}),
 *   ln Z_ij = ln Σ_{x_i,x_j} ν_{i→j}(x_i) e^{βJ_ij x_i x_j} ν_{j→i}(x_j),
 * and ln Z_Bethe = Σ_i ln Z_i − Σ_(ij) ln Z_ij (exact on forests at the fixed point).
 */
function betheBeliefs(
  plan: MessagePlan,
  messages: Float64Array,
): { marginals: Float64Array; edgeCorrelations: Float64Array; logZ: number } {
  const tanh = Math.tanh;
  const LN2 = Math.LN2;
  const { n, offsets, edgeIds, k, a, reverse, firstHalf } = plan;
  const marginals = new Float64Array(n);
  const edgeCorrelations = new Float64Array(k.length);
  // cavity[p]: cavity field of the row owner i with the neighbour targets[p] removed.
  const cavity = new Float64Array(messages.length);
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    let total = a[i] as number;
    for (let p = start; p < end; p++) total += messages[p] as number;
    marginals[i] = tanh(total);
    for (let p = start; p < end; p++) cavity[p] = total - (messages[p] as number);
  }
  const logZ = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    let up = a[i] as number;
    let down = -(a[i] as number);
    for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) {
      const kij = k[edgeIds[p] as number] as number;
      const cj = cavity[reverse[p] as number] as number;
      const norm = logCosh(cj);
      up += logCosh(kij + cj) - norm;
      down += logCosh(cj - kij) - norm;
    }
    addCompensated(logZ, logAddExp(up, down));
  }
  for (let e = 0; e < k.length; e++) {
    const p = firstHalf[e] as number;
    const ci = cavity[p] as number;
    const cj = cavity[reverse[p] as number] as number;
    const kij = k[e] as number;
    const aligned = kij + logCosh(ci + cj);
    const opposed = -kij + logCosh(ci - cj);
    edgeCorrelations[e] = tanh(0.5 * (aligned - opposed));
    // Σ_{x_i,x_j} e^{k x_i x_j + c_i x_i + c_j x_j} = 2e^k cosh(c_i + c_j) + 2e^{−k} cosh(c_i − c_j), over (2cosh c_i)(2cosh c_j).
    addCompensated(logZ, LN2 + logCosh(ci) + logCosh(cj) - logAddExp(aligned, opposed));
  }
  return { marginals, edgeCorrelations, logZ: (logZ[0] as number) + (logZ[1] as number) };
}

/**
 * Naive mean-field approximation of the Ising model (seed 000, Eq. 14; MacKay 2003, ch. 33).
 */
import { InvalidArgumentError, checkFiniteNumber, checkOptions, type CheckSite } from '@isinglab/graph';
import { checkIsingModel, type IsingModel } from '../model/ising-model.js';
import { addCompensated, spinEntropy } from '../internal/approx-kernels.js';
import {
  checkIterationControls,
  checkScale,
  freeEnergyFromLogZ,
  reportNonConvergence,
  type ApproxSchedule,
  type IterationControls,
  type OnNonConvergence,
} from './iteration-options.js';

export interface NaiveMeanFieldOptions {
  /**
   * Starting magnetisations: one number in [−1, 1] for every node, or an array of N numbers in [−1, 1]. The default
   * is small and positive because m = 0 is a fixed point of every zero-field model: starting exactly there would
   * never find the ordered (m ≠ 0) solutions of a ferromagnet below its mean-field critical point. @default 0.1
   */
  initial?: number | ArrayLike<number>;
  /** Damping λ ∈ [0, 1): each update is m_i ← λ·m_i + (1 − λ)·tanh(β h̄_i^eff). @default 0.5 */
  damping?: number;
  /**
   * Stop after the first sweep whose residual max_i |tanh(β h̄_i^eff) − m_i| (the largest change an undamped update
   * would make; the damped change is (1 − λ) times it) is ≤ `tolerance`. @default 1e-10
   */
  tolerance?: number;
  /** Sweeps allowed (one sweep updates every node once). @default 10000 */
  maxIterations?: number;
  /**
   * `'sequential'` (Gauss–Seidel: coordinate ascent of the variational bound, which increases monotonically and
   * converges to a local maximum for any damping) or `'parallel'` (Jacobi: all nodes from the previous sweep, which
   * can oscillate, e.g. on antiferromagnets at low damping). @default 'sequential'
   */
  schedule?: ApproxSchedule;
  /** `'throw'`: a `ConvergenceError` carrying iterations and residual; `'return'`: the last iterate with `converged: false`. @default 'throw' */
  onNonConvergence?: OnNonConvergence;
}

export interface NaiveMeanFieldResult {
  /** Mean-field magnetisations m_i ≈ E[x_i], per node. */
  readonly magnetisations: Float64Array;
  /**
   * The variational lower bound −βF_MF = β Σ_(ij) J_ij m_i m_j + β Σ_i h_i m_i + Σ_i S(m_i) on ln Z, with
   * S(m) = −((1+m)/2) ln((1+m)/2) − ((1−m)/2) ln((1−m)/2). It is ≤ ln Z for every m (Gibbs–Bogoliubov).
   */
  readonly logZ: number;
  /** F_MF = −logZ / β (an upper bound on the free energy); −∞ at β = 0 (0 for the empty model). */
  readonly freeEnergy: number;
  /** Sweeps done. */
  readonly iterations: number;
  readonly converged: boolean;
  /** The residual of the last sweep (see `tolerance`). */
  readonly residual: number;
}

const DEFAULTS = Object.freeze({
  initial: 0.1 as number | ArrayLike<number>,
  damping: 0.5,
  tolerance: 1e-10,
  maxIterations: 10000,
  schedule: 'sequential' as ApproxSchedule,
  onNonConvergence: 'throw' as OnNonConvergence,
});
const KNOWN: readonly (keyof NaiveMeanFieldOptions)[] = [
  'initial',
  'damping',
  'tolerance',
  'maxIterations',
  'schedule',
  'onNonConvergence',
];

/**
 * Solves the naive mean-field equations m_i = tanh(β (h_i + Σ_{j∈N(i)} J_ij m_j)) (seed 000, Eq. 14) by damped
 * fixed-point iteration, sequential by default, and evaluates the mean-field lower bound on ln Z at the solution.
 * The product distribution with means m is the variational family; the fixed points are the stationary points of
 * the bound. Which fixed point is found depends on `initial` (several exist below the mean-field critical point).
 *
 * O(maxIterations · (N + M)) time, O(N) memory.
 * Reference: D. J. C. MacKay, Information Theory, Inference, and Learning Algorithms (2003), ch. 33;
 * M. Opper, D. Saad (eds.), Advanced Mean Field Methods (2001), ch. 2.
 * @throws InvalidArgumentError for a bad model or option; ConvergenceError when `maxIterations` is reached with
 *   `onNonConvergence: 'throw'`.
 * @example naiveMeanField(createIsingModel(squareLattice(8, 8), { beta: 0.3 })).magnetisations
 */
export function naiveMeanField(model: IsingModel, options?: NaiveMeanFieldOptions): NaiveMeanFieldResult {
  const site = { pkg: 'ising', fn: 'naiveMeanField' };
  return naiveMeanFieldAt(site, model, options);
}

/** @internal `naiveMeanField` reporting errors under another public name (used by `etaMeanField`). */
export function naiveMeanFieldAt(site: CheckSite, model: IsingModel, options?: NaiveMeanFieldOptions): NaiveMeanFieldResult {
  checkIsingModel(site, model);
  checkScale(site, model);
  const opts = { ...DEFAULTS, ...checkOptions<NaiveMeanFieldOptions>(site, options, KNOWN) };
  const controls = checkIterationControls(site, opts);
  const m = initialMagnetisations(site, model.order, opts.initial);

  const { iterations, residual } = meanFieldIterate(model, m, controls);
  const converged = residual <= controls.tolerance;
  if (!converged) {
    reportNonConvergence(site, controls, 'naive mean field', iterations, residual,
      'Raise options.maxIterations or options.damping, use schedule "sequential", or pass onNonConvergence: "return" for the last iterate.');
  }
  const logZ = meanFieldLogZ(model, m);
  return { magnetisations: m, logZ, freeEnergy: freeEnergyFromLogZ(logZ, model.beta), iterations, converged, residual };
}

function initialMagnetisations(site: CheckSite, n: number, initial: unknown): Float64Array {
  const m = new Float64Array(n);
  if (typeof initial === 'number') {
    m.fill(checkFiniteNumber(site, 'options.initial', initial, { min: -1, max: 1 }));
    return m;
  }
  const length = (initial as { length?: unknown } | null)?.length;
  if (typeof initial !== 'object' || initial === null || length !== n) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.initial',
      value: initial,
      rule: `a number in [-1, 1] or an array of ${n} numbers in [-1, 1]`,
    });
  }
  const values = initial as ArrayLike<unknown>;
  for (let i = 0; i < n; i++) m[i] = checkFiniteNumber(site, `options.initial[${i}]`, values[i], { min: -1, max: 1 });
  return m;
}

/**
 * @internal Runs the damped iteration in place on `m`. Returns the sweeps done and the last sweep's residual.
 * Allocates one scratch array of N for the parallel schedule, none in the loop.
 */
function meanFieldIterate(model: IsingModel, m: Float64Array, controls: IterationControls): { iterations: number; residual: number } {
  const tanh = Math.tanh;
  const abs = Math.abs;
  const { beta, couplings, fields } = model;
  const { offsets, targets, edgeIds } = model.graph;
  const n = model.order;
  const { damping, tolerance, maxIterations } = controls;
  const keep = damping;
  const move = 1 - damping;
  const parallel = controls.schedule === 'parallel';
  const next = parallel ? new Float64Array(n) : m;
  let residual = Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    residual = 0;
    for (let i = 0; i < n; i++) {
      let h = fields[i] as number;
      const end = offsets[i + 1] as number;
      for (let p = offsets[i] as number; p < end; p++) {
        h += (couplings[edgeIds[p] as number] as number) * (m[targets[p] as number] as number);
      }
      const target = tanh(beta * h);
      const old = m[i] as number;
      const change = abs(target - old);
      if (change > residual) residual = change;
      // Sequential: `next` is `m`, so later nodes of this sweep see the new value.
      next[i] = keep * old + move * target;
    }
    if (parallel) m.set(next);
    if (residual <= tolerance) break;
  }
  return { iterations, residual };
}

/** @internal −βF_MF of the product distribution with means `m`; valid (a lower bound on ln Z) for any m ∈ [−1, 1]^N. */
export function meanFieldLogZ(model: IsingModel, m: Float64Array): number {
  const { beta, couplings, fields } = model;
  const src = model.graph.edgeSources;
  const dst = model.graph.edgeTargets;
  const sum = new Float64Array(2);
  for (let e = 0; e < couplings.length; e++) {
    addCompensated(sum, beta * (couplings[e] as number) * (m[src[e] as number] as number) * (m[dst[e] as number] as number));
  }
  for (let i = 0; i < m.length; i++) {
    const mi = m[i] as number;
    addCompensated(sum, beta * (fields[i] as number) * mi + spinEntropy(mi));
  }
  return (sum[0] as number) + (sum[1] as number);
}

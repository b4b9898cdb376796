/**
 * Options shared by the fixed-point iterations of this topic (naive mean field, loopy belief propagation): parsed
 * and validated once at entry. Not re-exported from the package (only the two string-union types are).
 */
import {
  ConvergenceError,
  InvalidArgumentError,
  checkFiniteNumber,
  checkInteger,
  checkOneOf,
  type CheckSite,
} from '@isinglab/graph';

/** What a fixed-point iteration does when `maxIterations` is reached above `tolerance`. */
export type OnNonConvergence = 'throw' | 'return';

/**
 * Update order. `'sequential'`: nodes in index order, each update seeing the values already updated in the same
 * sweep (Gauss–Seidel). `'parallel'`: every update of a sweep computed from the previous sweep's values (Jacobi).
 */
export type ApproxSchedule = 'sequential' | 'parallel';

/** @internal The validated iteration controls. */
export interface IterationControls {
  readonly damping: number;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly schedule: ApproxSchedule;
  readonly onNonConvergence: OnNonConvergence;
}

const SCHEDULES: readonly ApproxSchedule[] = ['sequential', 'parallel'];
const ON_NON_CONVERGENCE: readonly OnNonConvergence[] = ['throw', 'return'];

/** @internal Validates the merged options (defaults already applied). */
export function checkIterationControls(
  site: CheckSite,
  opts: { damping: unknown; tolerance: unknown; maxIterations: unknown; schedule: unknown; onNonConvergence: unknown },
): IterationControls {
  return {
    // λ = 1 would never move from the start, so the interval is half-open.
    damping: checkFiniteNumber(site, 'options.damping', opts.damping, { min: 0, max: 1, maxExclusive: true }),
    tolerance: checkFiniteNumber(site, 'options.tolerance', opts.tolerance, { min: 0 }),
    maxIterations: checkInteger(site, 'options.maxIterations', opts.maxIterations, { min: 1 }),
    schedule: checkOneOf(site, 'options.schedule', opts.schedule, SCHEDULES),
    onNonConvergence: checkOneOf(site, 'options.onNonConvergence', opts.onNonConvergence, ON_NON_CONVERGENCE),
  };
}

/** Largest β·(Σ_e 2|J_e| + Σ_i |h_i|) accepted: every field, message and ln Z term is bounded by it, so no sum overflows. */
const MAX_SCALE = 1e300;

/**
 * @internal Rejects models whose β-scaled couplings and fields are so large that the iterations' sums would overflow
 * to ±∞ (and then produce NaN); realistic models are hundreds of orders of magnitude below the limit. O(N + M).
 */
export function checkScale(site: CheckSite, model: { beta: number; couplings: Float64Array; fields: Float64Array }): void {
  let total = 0;
  for (let e = 0; e < model.couplings.length; e++) total += 2 * Math.abs(model.couplings[e] as number);
  for (let i = 0; i < model.fields.length; i++) total += Math.abs(model.fields[i] as number);
  const scale = model.beta * total;
  if (!(scale <= MAX_SCALE)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'model',
      value: scale,
      rule: `a model with β·(Σ_e 2|J_e| + Σ_i |h_i|) ≤ ${MAX_SCALE} (larger values overflow); that product`,
      hint: 'rescale the couplings and fields or lower beta',
    });
  }
}

/** @internal Throws the house `ConvergenceError` when asked to. */
export function reportNonConvergence(
  site: CheckSite,
  controls: IterationControls,
  what: string,
  iterations: number,
  residual: number,
  hint: string,
): void {
  if (controls.onNonConvergence === 'throw') {
    throw new ConvergenceError({ ...site, what, iterations, residual, hint });
  }
}

/** @internal F = −ln Z / β; at β = 0 the limit is −∞ unless ln Z = 0 (no spins), which gives +0 (never −0). */
export function freeEnergyFromLogZ(logZ: number, beta: number): number {
  if (logZ === 0) return 0;
  return beta > 0 ? -logZ / beta : -Infinity;
}

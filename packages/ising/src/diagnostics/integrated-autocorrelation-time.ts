import { checkFiniteNumber, checkOneOf, checkOptions } from '@isinglab/graph';
import { checkSeries, createAcfWorkspace, tauOfSeries, type TauEstimate, type TauMethod } from './internal-series.js';

export type { TauMethod } from './internal-series.js';

export interface IntegratedAutocorrelationTimeOptions {
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
  /**
   * `'geyer'`: Geyer's initial monotone positive sequence (as Stan); `'sokal'`: Sokal's automatic windowing.
   * @default 'geyer'
   */
  method?: TauMethod;
  /** Sokal's c: the window M is the smallest lag with M ≥ c·τ(M), τ = 1 + 2Σρ. Ignored by `'geyer'`. @default 5 */
  windowFactor?: number;
}

export interface IntegratedAutocorrelationTimeResult {
  /** τ_int = 1 + 2 Σ_{t≥1} ρ_t, in draws; the effective sample size is chains·draws/τ. */
  readonly tau: number;
  /** Largest lag summed (Geyer: 2K + 1 for K + 1 pairs; Sokal: the window M); 0 for a constant series. */
  readonly window: number;
  /**
   * True when the estimator stopped on its own rule (Geyer: a non-positive pair sum; Sokal: M ≥ c·τ(M)); false
   * when it ran out of lags, a sign the chains are far too short (τ is then a lower bound at best).
   */
  readonly converged: boolean;
  /** True when every value is identical: τ is then defined as 1 (no sampling noise about an exact mean). */
  readonly constant: boolean;
  readonly method: TauMethod;
}

const DEFAULTS = Object.freeze({ chains: 1, method: 'geyer' as TauMethod, windowFactor: 5 });
const KNOWN: readonly (keyof IntegratedAutocorrelationTimeOptions)[] = ['chains', 'method', 'windowFactor'];
const METHODS: readonly TauMethod[] = ['geyer', 'sokal'];

/**
 * Integrated autocorrelation time τ_int = 1 + 2 Σ_{t≥1} ρ_t of a (multi-chain) series, from the combined
 * autocorrelation of `autocorrelation` (ρ over all lags up to draws − 1).
 *
 * - `'geyer'` (default): Geyer (1992), "Practical Markov chain Monte Carlo", Statistical Science 7, §3.3 — pair
 *   sums Γ_k = ρ_{2k} + ρ_{2k+1} taken while positive and made non-increasing; τ = −1 + 2 Σ Γ_k. This is the
 *   estimator of Stan and of Vehtari et al. (2021).
 * - `'sokal'`: Sokal (1997), "Monte Carlo methods in statistical mechanics: foundations and new algorithms", §3 —
 *   smallest window M with M ≥ c·τ(M), c = `windowFactor` (5 suits exponential-ish decays). c multiplies τ in
 *   the 1 + 2Σρ convention used here, as in emcee; Sokal's notes use τ/2 and hence a c twice as large.
 *
 * Both are floored, as in Stan, at min(1, 1/log10(chains·draws)) so antithetic series cannot claim an unbounded
 * ESS. Constant series (every value identical): τ = 1 with `constant: true` — chosen over NaN or ∞ because the mean
 * of such a series is exact (standard error 0), so reporting ESS = chains·draws is harmless and keeps every
 * consumer free of NaN. Chains that are each constant at *different* values are not constant: ρ_t = 1 at every lag
 * and τ ≈ 2·draws (ESS ≈ chains/2), as it should.
 *
 * O(chains · draws · log draws) time, O(draws) memory.
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length, fewer than 2 draws per chain, an unknown method or `windowFactor` ≤ 0.
 * @example integratedAutocorrelationTime(absMagnetisation, { chains: 4 }).tau
 */
export function integratedAutocorrelationTime(
  values: ArrayLike<number>,
  options?: IntegratedAutocorrelationTimeOptions,
): IntegratedAutocorrelationTimeResult {
  const site = { pkg: 'ising', fn: 'integratedAutocorrelationTime' };
  const opts = { ...DEFAULTS, ...checkOptions<IntegratedAutocorrelationTimeOptions>(site, options, KNOWN) };
  const method = checkOneOf(site, 'options.method', opts.method, METHODS);
  const windowFactor = checkFiniteNumber(site, 'options.windowFactor', opts.windowFactor, { min: 0, minExclusive: true });
  const { chains, draws } = checkSeries(site, values, opts.chains, 2);
  const ws = createAcfWorkspace(chains, draws, draws - 1);
  const estimate: TauEstimate = { tau: 1, window: 0, converged: true };
  const constant = tauOfSeries(ws, values, 0, method, windowFactor, estimate);
  return Object.freeze({ ...estimate, constant, method });
}

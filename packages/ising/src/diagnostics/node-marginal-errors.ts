import { InvalidArgumentError, checkFiniteNumber, checkInteger, checkOneOf, checkOptions } from '@isinglab/graph';
import { checkSamples } from './internal-samples.js';
import { createAcfWorkspace, tauOfSeries, type TauEstimate, type TauMethod } from './internal-series.js';

export interface NodeMarginalErrorsOptions {
  /** Number of chains: samples are chain-major, chain c's draws at samples [c·draws, (c+1)·draws). @default 1 */
  chains?: number;
  /** τ estimator, as in `integratedAutocorrelationTime`. @default 'geyer' */
  method?: TauMethod;
  /** Sokal's window factor c (only for `method: 'sokal'`). @default 5 */
  windowFactor?: number;
}

export interface NodeMarginalErrorsResult {
  /** Sample mean of each spin, E[x_i]. */
  readonly mean: Float64Array;
  /** Monte Carlo standard error of each mean, √(s_i²/ESS_i). */
  readonly standardError: Float64Array;
  /** Effective sample size of each spin's ±1 series. */
  readonly ess: Float64Array;
}

const DEFAULTS = Object.freeze({ chains: 1, method: 'geyer' as TauMethod, windowFactor: 5 });
const KNOWN: readonly (keyof NodeMarginalErrorsOptions)[] = ['chains', 'method', 'windowFactor'];
const METHODS: readonly TauMethod[] = ['geyer', 'sokal'];

/**
 * Per-node marginals with error bars: for every spin i, `meanWithError` of its ±1 series over the chain-major
 * samples (sample index s = c·draws + d), i.e. mean, standard error √(s_i²·τ_i/S) and ESS_i = S/τ_i with τ_i
 * the multi-chain Geyer (or Sokal) integrated autocorrelation time (Vehtari et al. 2021, Bayesian Analysis 16(2)).
 * A node whose series is constant (e.g. pinned by a strong field) gets standardError 0 and ESS = S = chains·draws,
 * the same convention as `meanWithError`. One FFT workspace is shared by all nodes.
 * O(N · S · log draws) time, O(S) extra memory.
 *
 * @throws InvalidArgumentError as `nodeMarginalsFromSamples`, when `chains` does not divide the number of samples,
 *   with fewer than 2 draws per chain, an unknown method or `windowFactor` ≤ 0.
 * @example nodeMarginalErrors(run.samples, model.order, { chains: 4 })
 */
export function nodeMarginalErrors(
  samples: Int8Array,
  order: number,
  options?: NodeMarginalErrorsOptions,
): NodeMarginalErrorsResult {
  const site = { pkg: 'ising', fn: 'nodeMarginalErrors' };
  const opts = { ...DEFAULTS, ...checkOptions<NodeMarginalErrorsOptions>(site, options, KNOWN) };
  const chains = checkInteger(site, 'options.chains', opts.chains, { min: 1 });
  const method = checkOneOf(site, 'options.method', opts.method, METHODS);
  const windowFactor = checkFiniteNumber(site, 'options.windowFactor', opts.windowFactor, { min: 0, minExclusive: true });
  const count = checkSamples(site, samples, order, 2 * chains);
  const mean = new Float64Array(order);
  const standardError = new Float64Array(order);
  const ess = new Float64Array(order);
  if (order === 0) return Object.freeze({ mean, standardError, ess });
  if (count % chains !== 0) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.chains',
      value: chains,
      rule: `a positive integer dividing the number of samples ${count}`,
    });
  }
  const draws = count / chains;
  const ws = createAcfWorkspace(chains, draws, draws - 1);
  const series = new Float64Array(count);
  const estimate: TauEstimate = { tau: 1, window: 0, converged: true };
  for (let i = 0; i < order; i++) {
    let sum = 0;
    for (let s = 0; s < count; s++) {
      const x = samples[s * order + i] as number;
      series[s] = x;
      sum += x;
    }
    const m = sum / count;
    mean[i] = m;
    const constant = tauOfSeries(ws, series, 0, method, windowFactor, estimate);
    if (constant) {
      standardError[i] = 0;
      ess[i] = count;
      continue;
    }
    // For ±1 values Σ x² = S exactly, so s² = S(1 − m²)/(S − 1) needs no second pass.
    const variance = (count * (1 - m * m)) / (count - 1);
    ess[i] = count / estimate.tau;
    standardError[i] = Math.sqrt(variance / (ess[i] as number));
  }
  return Object.freeze({ mean, standardError, ess });
}

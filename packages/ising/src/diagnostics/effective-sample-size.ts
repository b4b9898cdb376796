import { checkOptions } from '@isinglab/graph';
import { checkSeries, createAcfWorkspace, tauOfSeries, type TauEstimate } from './internal-series.js';

export interface EffectiveSampleSizeOptions {
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
}

const DEFAULTS = Object.freeze({ chains: 1 });
const KNOWN: readonly (keyof EffectiveSampleSizeOptions)[] = ['chains'];

/**
 * Effective sample size ESS = chains·draws / τ of a (multi-chain) series, τ from Geyer's initial monotone
 * positive sequence over the multi-chain autocorrelation ρ_t = 1 − (W′ − ā_t)/var⁺ (Vehtari, Gelman, Simpson,
 * Carpenter & Bürkner 2021, "Rank-normalization, folding, and localization: an improved R̂ for assessing
 * convergence of MCMC", Bayesian Analysis 16(2), Eqs. 10–13; Gelman et al., BDA3 §11.5). Between-chain
 * disagreement inflates var⁺ and with it every ρ_t, so chains that have not mixed get a small ESS. The chains are
 * not split (use `bulkEffectiveSampleSize` for the split, rank-normalised variant); τ is floored as in Stan at
 * min(1, 1/log10(chains·draws)), so ESS ≤ S·log10(S).
 *
 * Constant series (every value identical): ESS = chains·draws (see `integratedAutocorrelationTime`).
 * O(chains · draws · log draws).
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length or fewer than 2 draws per chain.
 * @example effectiveSampleSize(energies, { chains: 4 })
 */
export function effectiveSampleSize(values: ArrayLike<number>, options?: EffectiveSampleSizeOptions): number {
  const site = { pkg: 'ising', fn: 'effectiveSampleSize' };
  const opts = { ...DEFAULTS, ...checkOptions<EffectiveSampleSizeOptions>(site, options, KNOWN) };
  const { chains, draws } = checkSeries(site, values, opts.chains, 2);
  const ws = createAcfWorkspace(chains, draws, draws - 1);
  const estimate: TauEstimate = { tau: 1, window: 0, converged: true };
  tauOfSeries(ws, values, 0, 'geyer', 5, estimate);
  return (chains * draws) / estimate.tau;
}

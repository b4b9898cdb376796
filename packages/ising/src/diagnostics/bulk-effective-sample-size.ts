import { checkOptions } from '@isinglab/graph';
import { checkSeries, createAcfWorkspace, tauOfSeries, type TauEstimate } from './internal-series.js';
import { rankNormalize } from './internal-rank.js';
import { splitChains } from './internal-split.js';

export interface BulkEffectiveSampleSizeOptions {
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
}

const DEFAULTS = Object.freeze({ chains: 1 });
const KNOWN: readonly (keyof BulkEffectiveSampleSizeOptions)[] = ['chains'];

/**
 * Bulk effective sample size (Vehtari et al. 2021, Bayesian Analysis 16(2), §4.2): the multi-chain Geyer ESS of
 * `effectiveSampleSize` applied to the rank-normalised draws z = Φ⁻¹((rank − 3/8)/(S + 1/4)) cut into 2·chains
 * split chains (middle draw dropped when `draws` is odd), so the result counts 2·chains·⌊draws/2⌋ draws. Robust
 * to heavy tails and invariant under monotone transforms of `values`; it measures how well the centre of the
 * distribution is explored, not the efficiency of the plain mean (use `effectiveSampleSize` for that).
 *
 * Constant series: 2·chains·⌊draws/2⌋. O(S log S) for S = chains·draws.
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length or fewer than 4 draws per chain.
 * @example bulkEffectiveSampleSize(absMagnetisation, { chains: 4 })
 */
export function bulkEffectiveSampleSize(values: ArrayLike<number>, options?: BulkEffectiveSampleSizeOptions): number {
  const site = { pkg: 'ising', fn: 'bulkEffectiveSampleSize' };
  const opts = { ...DEFAULTS, ...checkOptions<BulkEffectiveSampleSizeOptions>(site, options, KNOWN) };
  const { chains, draws } = checkSeries(site, values, opts.chains, 4);
  const z = rankNormalize(values, new Float64Array(values.length));
  const split = new Float64Array(2 * chains * Math.floor(draws / 2));
  const half = splitChains(z, chains, draws, split);
  const ws = createAcfWorkspace(2 * chains, half, half - 1);
  const estimate: TauEstimate = { tau: 1, window: 0, converged: true };
  tauOfSeries(ws, split, 0, 'geyer', 5, estimate);
  return split.length / estimate.tau;
}

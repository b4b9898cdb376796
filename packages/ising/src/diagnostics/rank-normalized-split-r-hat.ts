import { checkOptions } from '@isinglab/graph';
import { allEqual, checkSeries } from './internal-series.js';
import { median, rankNormalize } from './internal-rank.js';
import { splitRHatKernel } from './internal-split.js';

export interface RankNormalizedSplitRHatOptions {
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
}

const DEFAULTS = Object.freeze({ chains: 1 });
const KNOWN: readonly (keyof RankNormalizedSplitRHatOptions)[] = ['chains'];

/**
 * Rank-normalised split-R̂ of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021), "Rank-normalization, folding,
 * and localization: an improved R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2), §4.1:
 * R̂ = max(bulk, tail) where bulk is the split-R̂ of the normal scores z = Φ⁻¹((rank − 3/8)/(S + 1/4)) of the
 * pooled draws (ties averaged) and tail the same for the folded draws |x − median|. Rank normalisation makes it
 * robust to heavy tails and invariant under monotone transforms; folding catches chains that agree in location
 * but not in scale. Recommended threshold: < 1.01.
 *
 * Constant series: 1 (as `splitRHat`). O(S log S) for S = chains·draws (sorting).
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length or fewer than 4 draws per chain.
 * @example rankNormalizedSplitRHat(absMagnetisation, { chains: 4 }) < 1.01
 */
export function rankNormalizedSplitRHat(values: ArrayLike<number>, options?: RankNormalizedSplitRHatOptions): number {
  const site = { pkg: 'ising', fn: 'rankNormalizedSplitRHat' };
  const opts = { ...DEFAULTS, ...checkOptions<RankNormalizedSplitRHatOptions>(site, options, KNOWN) };
  const { chains, draws } = checkSeries(site, values, opts.chains, 4);
  if (allEqual(values, 0, values.length)) return 1;
  const total = values.length;
  const z = rankNormalize(values, new Float64Array(total));
  const bulk = splitRHatKernel(z, chains, draws);
  const mid = median(values);
  const folded = new Float64Array(total);
  for (let i = 0; i < total; i++) folded[i] = Math.abs((values[i] as number) - mid);
  const tail = splitRHatKernel(rankNormalize(folded, z), chains, draws);
  return Math.max(bulk, tail);
}

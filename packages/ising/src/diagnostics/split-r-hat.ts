import { checkOptions } from '@isinglab/graph';
import { allEqual, checkSeries } from './internal-series.js';
import { splitRHatKernel } from './internal-split.js';

export interface SplitRHatOptions {
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
}

const DEFAULTS = Object.freeze({ chains: 1 });
const KNOWN: readonly (keyof SplitRHatOptions)[] = ['chains'];

/**
 * Split potential scale reduction factor R̂ (Gelman, Carlin, Stern, Dunson, Vehtari & Rubin, "Bayesian Data
 * Analysis", 3rd ed., §11.4): every chain is cut into two halves (the middle draw dropped when `draws` is odd),
 * and with W the mean within-half variance and B/n the variance of the half means,
 * R̂ = √(((n−1)/n·W + B/n)/W). Splitting makes a trend inside one chain visible, so R̂ works with one chain too.
 * Values near 1 (< 1.01, Vehtari et al. 2021) indicate the chains agree; larger values mean run longer.
 *
 * Constant series (every value identical): R̂ = 1. Halves each constant but at different values: R̂ = +∞.
 * O(chains · draws).
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length or fewer than 4 draws per chain (each half needs 2 draws for a variance).
 * @example splitRHat(energies, { chains: 4 }) < 1.01
 */
export function splitRHat(values: ArrayLike<number>, options?: SplitRHatOptions): number {
  const site = { pkg: 'ising', fn: 'splitRHat' };
  const opts = { ...DEFAULTS, ...checkOptions<SplitRHatOptions>(site, options, KNOWN) };
  const { chains, draws } = checkSeries(site, values, opts.chains, 4);
  if (allEqual(values, 0, values.length)) return 1;
  return splitRHatKernel(values, chains, draws);
}

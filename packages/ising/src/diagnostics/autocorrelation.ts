import { checkInteger, checkOptions } from '@isinglab/graph';
import { checkSeries, combinedAutocorrelation, createAcfWorkspace } from './internal-series.js';

export interface AutocorrelationOptions {
  /** Largest lag returned; at most draws − 1. @default draws − 1 */
  maxLag?: number;
  /** Number of chains in `values` (chain-major, must divide its length). @default 1 */
  chains?: number;
}

const DEFAULTS = Object.freeze({ chains: 1 });
const KNOWN: readonly (keyof AutocorrelationOptions)[] = ['maxLag', 'chains'];

/**
 * Normalised autocorrelation function ρ_0..ρ_maxLag of a (multi-chain) series, `Float64Array(maxLag + 1)`.
 *
 * One chain: the sample ACF ρ_t = a_t / a_0 with a_t = (1/n) Σ_{i<n−t} (x_i − x̄)(x_{i+t} − x̄) (biased
 * autocovariance, Geyer 1992). Several chains are combined as in Stan / Vehtari et al. (2021, Eq. 10):
 * ρ_t = 1 − (W′ − ā_t)/var⁺, with ā_t the mean of the chains' a_t, W′ = ā_0 and var⁺ = W′ + B/n (B/n the variance
 * of the chain means), so disagreeing chains show up as autocorrelation that does not decay. ρ_0 = 1 always.
 * A constant series (every value identical) returns ρ_0 = 1 and ρ_t = 0 for t ≥ 1, matching τ = 1 in
 * `integratedAutocorrelationTime`.
 *
 * Each chain's autocovariance comes from two radix-2 real FFTs of the centred chain zero-padded to a power of two
 * ≥ draws + maxLag: O(chains · draws · log draws) time, O(draws) extra memory.
 *
 * @throws InvalidArgumentError for a non-array, a non-finite entry (`values[i]`), `chains` not dividing the
 *   length, fewer than 2 draws per chain or `maxLag` outside [0, draws − 1].
 * @example autocorrelation(energies, { chains: 4, maxLag: 100 })
 */
export function autocorrelation(values: ArrayLike<number>, options?: AutocorrelationOptions): Float64Array {
  const site = { pkg: 'ising', fn: 'autocorrelation' };
  const opts = { ...DEFAULTS, ...checkOptions<AutocorrelationOptions>(site, options, KNOWN) };
  const { chains, draws } = checkSeries(site, values, opts.chains, 2);
  const maxLag = opts.maxLag === undefined ? draws - 1 : checkInteger(site, 'options.maxLag', opts.maxLag, { min: 0, max: draws - 1 });
  const ws = createAcfWorkspace(chains, draws, maxLag);
  combinedAutocorrelation(ws, values);
  return ws.rho;
}

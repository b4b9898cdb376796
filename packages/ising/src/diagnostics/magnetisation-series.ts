import { checkBoolean, checkOptions } from '@isinglab/graph';
import { checkSamples } from './internal-samples.js';

export interface MagnetisationSeriesOptions {
  /** Return |m| instead of m (the usual order parameter in zero field, where m itself averages to 0). @default false */
  absolute?: boolean;
}

const DEFAULTS = Object.freeze({ absolute: false });
const KNOWN: readonly (keyof MagnetisationSeriesOptions)[] = ['absolute'];

/**
 * Magnetisation per spin m^{(s)} = (1/N) Σ_i x_i^{(s)} of every stacked sample, `Float64Array(S)`, in sample
 * order (so a chain-major sample array gives a chain-major series ready for `meanWithError`). O(S·N).
 *
 * @throws InvalidArgumentError as `nodeMarginalsFromSamples`, or for a non-boolean `absolute`.
 * @example meanWithError(magnetisationSeries(run.samples, n, { absolute: true }), { chains })
 */
export function magnetisationSeries(samples: Int8Array, order: number, options?: MagnetisationSeriesOptions): Float64Array {
  const site = { pkg: 'ising', fn: 'magnetisationSeries' };
  const opts = { ...DEFAULTS, ...checkOptions<MagnetisationSeriesOptions>(site, options, KNOWN) };
  const absolute = checkBoolean(site, 'options.absolute', opts.absolute);
  const count = checkSamples(site, samples, order, 1);
  const out = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const base = s * order;
    let sum = 0;
    for (let i = 0; i < order; i++) sum += samples[base + i] as number;
    out[s] = (absolute && sum < 0 ? -sum : sum) / order;
  }
  return out;
}

import { checkSamples } from './internal-samples.js';

/**
 * Sample means m_i = (1/S) Σ_s x_i^{(s)} of every spin, `Float64Array(order)`, from S stacked ±1 samples
 * (sample s at [s·order, (s+1)·order); any chain layout, since only the mean is taken). O(S·N).
 *
 * @throws InvalidArgumentError when `order` is not a non-negative integer, `samples` is not an `Int8Array` of ±1
 *   (first bad entry named `samples[i]`) or its length is not a positive multiple of `order`.
 * @example nodeMarginalsFromSamples(run.samples, model.order)
 */
export function nodeMarginalsFromSamples(samples: Int8Array, order: number): Float64Array {
  const site = { pkg: 'ising', fn: 'nodeMarginalsFromSamples' };
  const count = checkSamples(site, samples, order, 1);
  const out = new Float64Array(order);
  if (count === 0) return out;
  // Integer sums are exact; one division at the end.
  const sums = new Int32Array(order);
  for (let base = 0; base < samples.length; base += order) {
    for (let i = 0; i < order; i++) sums[i] = (sums[i] as number) + (samples[base + i] as number);
  }
  for (let i = 0; i < order; i++) out[i] = (sums[i] as number) / count;
  return out;
}

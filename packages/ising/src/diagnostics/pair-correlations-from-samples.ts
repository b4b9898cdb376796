import { InvalidArgumentError } from '@isinglab/graph';
import { checkSamples } from './internal-samples.js';

/**
 * Sample pair correlations E[x_u x_v] ≈ (1/S) Σ_s x_u^{(s)} x_v^{(s)} from S stacked ±1 samples (sample s at
 * [s·order, (s+1)·order)).
 *
 * - With `pairs` (an `Int32Array` of flattened (u, v) node pairs, length 2P): `Float64Array(P)`, entry k for the
 *   pair (pairs[2k], pairs[2k+1]); O(S·P).
 * - Without: the full `Float64Array(order·order)`, row-major (entry u·order + v), symmetric with unit diagonal;
 *   O(S·N²/2).
 *
 * These are raw second moments, not connected correlations: subtract m_u·m_v from `nodeMarginalsFromSamples` for
 * the covariance.
 *
 * @throws InvalidArgumentError as `nodeMarginalsFromSamples`, and when `pairs` is not an `Int32Array` of even
 *   length with every entry in [0, order) (first bad entry named `pairs[i]`).
 * @example pairCorrelationsFromSamples(run.samples, model.order, Int32Array.from([0, 1, 2, 3]))
 */
export function pairCorrelationsFromSamples(samples: Int8Array, order: number, pairs?: Int32Array): Float64Array {
  const site = { pkg: 'ising', fn: 'pairCorrelationsFromSamples' };
  const count = checkSamples(site, samples, order, 1);
  if (pairs !== undefined) {
    if (!(pairs instanceof Int32Array) || pairs.length % 2 !== 0) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'pairs',
        value: pairs,
        rule: 'an Int32Array of flattened (u, v) node pairs (even length) or undefined',
      });
    }
    for (let i = 0; i < pairs.length; i++) {
      const v = pairs[i] as number;
      if (v < 0 || v >= order) {
        throw new InvalidArgumentError({ ...site, argument: `pairs[${i}]`, value: v, rule: `a node in [0, ${order - 1}]` });
      }
    }
    const p = pairs.length / 2;
    const sums = new Int32Array(p);
    for (let base = 0; base < samples.length; base += order) {
      for (let k = 0; k < p; k++) {
        const u = pairs[2 * k] as number;
        const v = pairs[2 * k + 1] as number;
        sums[k] = (sums[k] as number) + (samples[base + u] as number) * (samples[base + v] as number);
      }
    }
    const out = new Float64Array(p);
    for (let k = 0; k < p; k++) out[k] = (sums[k] as number) / count;
    return out;
  }
  const out = new Float64Array(order * order);
  if (count === 0) return out;
  // Upper triangle only, integer sums (exact), then mirrored.
  const sums = new Int32Array(order * order);
  for (let base = 0; base < samples.length; base += order) {
    for (let u = 0; u < order; u++) {
      const xu = samples[base + u] as number;
      const row = u * order;
      for (let v = u + 1; v < order; v++) sums[row + v] = (sums[row + v] as number) + xu * (samples[base + v] as number);
    }
  }
  for (let u = 0; u < order; u++) {
    out[u * order + u] = 1;
    for (let v = u + 1; v < order; v++) {
      const c = (sums[u * order + v] as number) / count;
      out[u * order + v] = c;
      out[v * order + u] = c;
    }
  }
  return out;
}

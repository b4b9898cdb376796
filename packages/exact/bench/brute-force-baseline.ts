/**
 * The brute-force baselines of the benches (N ≤ 20): every one of the 2^N spin states enumerated (the tests'
 * Gray-code walk, test/helpers/brute-force.ts), then log Z by log-sum-exp, and exact samples by inverting the
 * cumulative distribution (one binary search per sample, the drawFromCumulative that samples small SPQR components).
 */
export { stateEnergies } from '../test/helpers/brute-force.js';
export { drawFromCumulative } from '../src/internal/pm-sampler.js';

/** log Σ_s exp(energies[s]). */
export function logSumExp(energies: Float64Array): number {
  let max = -Infinity;
  for (const e of energies) if (e > max) max = e;
  let sum = 0;
  for (const e of energies) sum += Math.exp(e - max);
  return max + Math.log(sum);
}

/** Cumulative (unnormalised) weights of the states, for drawFromCumulative. */
export function cumulativeWeights(energies: Float64Array): Float64Array {
  let max = -Infinity;
  for (const e of energies) if (e > max) max = e;
  const cdf = new Float64Array(energies.length);
  let sum = 0;
  for (let s = 0; s < energies.length; s++) {
    sum += Math.exp((energies[s] as number) - max);
    cdf[s] = sum;
  }
  return cdf;
}

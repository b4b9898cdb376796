/**
 * The brute-force baselines of the benches (N ≤ 20): every one of the 2^N spin states enumerated in Gray-code order
 * (one flip per step, energy updated from the flipped node's edges), then log Z by log-sum-exp, and exact samples
 * by inverting the cumulative distribution (binary search per sample).
 */
import type { Graph, Rng } from '@isinglab/graph';

/** Σ βJ_e x_u x_v of every state s (bit i of s set ⇔ x_i = +1). N ≤ 24. */
export function stateEnergies(graph: Graph, betaJ: ArrayLike<number>): Float64Array {
  const n = graph.order;
  if (n > 24) throw new Error('stateEnergies: N ≤ 24');
  const states = 2 ** n;
  const energies = new Float64Array(states);
  const x = new Int8Array(n).fill(1);
  let energy = 0;
  for (let e = 0; e < graph.size; e++) energy += betaJ[e] as number;
  let state = states - 1;
  energies[state] = energy;
  for (let k = 1; k < states; k++) {
    const i = 31 - Math.clz32(k & -k);
    let local = 0;
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) local += (betaJ[graph.edgeIds[p]!] as number) * x[graph.targets[p]!]!;
    energy -= 2 * x[i]! * local;
    x[i] = -x[i]! as -1 | 1;
    state ^= 1 << i;
    energies[state] = energy;
  }
  return energies;
}

/** log Σ_s exp(energies[s]). */
export function logSumExp(energies: Float64Array): number {
  let max = -Infinity;
  for (const e of energies) if (e > max) max = e;
  let sum = 0;
  for (const e of energies) sum += Math.exp(e - max);
  return max + Math.log(sum);
}

/** Cumulative (unnormalised) weights of the states, for `drawState`. */
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

/** One state drawn with probability ∝ its weight: the first s with cdf[s] > u · total. */
export function drawState(cdf: Float64Array, rng: Rng): number {
  const target = rng.float64() * (cdf[cdf.length - 1] as number);
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

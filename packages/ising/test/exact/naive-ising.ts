/**
 * Test-only reference: the most direct enumeration there is. State s ∈ [0, 2^N) has x_i = +1 iff bit i of s is set;
 * E(s) is summed from the edge list (each edge once) and the fields, weights exp(−β(E − E_min)) in a second pass,
 * moments in a third (the variance centred on the mean). Plain summation of ≤ 2^16 terms of one sign (or bounded
 * by the total weight) errs by at most ~2^16·ε ≈ 1e−11 relative. Shares nothing with src/exact (no Gray code, no
 * blocks, no folding). Meant for N ≤ 16.
 */
import type { IsingModel } from '../../src/model/index.js';

export interface NaiveIsing {
  logZ: number;
  meanEnergy: number;
  energyVariance: number;
  groundStateEnergy: number;
  marginals: Float64Array;
  edgeCorrelations: Float64Array;
  correlations: Float64Array;
  meanAbsMagnetisation: number;
  meanSquaredMagnetisation: number;
  /** p(x) of every state s (only when asked for). */
  probabilities: Float64Array | undefined;
}

export function spinOf(state: number, i: number): number {
  return ((state >>> i) & 1) === 1 ? 1 : -1;
}

export function naiveEnergy(model: IsingModel, state: number): number {
  const g = model.graph;
  let e = 0;
  for (let k = 0; k < g.size; k++) {
    e -= model.couplings[k]! * spinOf(state, g.edgeSources[k]!) * spinOf(state, g.edgeTargets[k]!);
  }
  for (let i = 0; i < model.order; i++) e -= model.fields[i]! * spinOf(state, i);
  return e;
}

export function naiveIsing(model: IsingModel, opts: { pairs?: boolean; probabilities?: boolean } = {}): NaiveIsing {
  const exp = Math.exp;
  const abs = Math.abs;
  const n = model.order;
  const m = model.graph.size;
  const src = model.graph.edgeSources;
  const dst = model.graph.edgeTargets;
  const states = 2 ** n;
  const energies = new Float64Array(states);
  let min = Infinity;
  for (let s = 0; s < states; s++) {
    energies[s] = naiveEnergy(model, s);
    if (energies[s]! < min) min = energies[s]!;
  }
  const weights = new Float64Array(states);
  let z = 0;
  let e1 = 0;
  for (let s = 0; s < states; s++) {
    weights[s] = exp(-model.beta * (energies[s]! - min));
    z += weights[s]!;
    e1 += weights[s]! * (energies[s]! - min);
  }
  const mean = min + e1 / z;
  let varSum = 0;
  const margSums = new Float64Array(n);
  const edgeSums = new Float64Array(m);
  const pairSums = new Float64Array(opts.pairs ? n * n : 0);
  let absSum = 0;
  let sqSum = 0;
  const x = new Float64Array(n);
  for (let s = 0; s < states; s++) {
    const w = weights[s]!;
    varSum += w * (energies[s]! - mean) ** 2;
    let total = 0;
    for (let i = 0; i < n; i++) {
      x[i] = spinOf(s, i);
      total += x[i]!;
      margSums[i]! += w * x[i]!;
    }
    for (let k = 0; k < m; k++) edgeSums[k]! += w * x[src[k]!]! * x[dst[k]!]!;
    if (opts.pairs) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pairSums[i * n + j]! += w * x[i]! * x[j]!;
    absSum += (w * abs(total)) / n;
    sqSum += (w * total * total) / (n * n);
  }
  return {
    logZ: Math.log(z) - model.beta * min,
    meanEnergy: mean,
    energyVariance: varSum / z,
    groundStateEnergy: min,
    marginals: margSums.map((a) => a / z),
    edgeCorrelations: edgeSums.map((a) => a / z),
    correlations: pairSums.map((a) => a / z),
    meanAbsMagnetisation: absSum / z,
    meanSquaredMagnetisation: sqSum / z,
    probabilities: opts.probabilities ? weights.map((w) => w / z) : undefined,
  };
}

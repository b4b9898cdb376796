// Independent reference for the approx tests: exhaustive enumeration of all 2^N configurations, written from the
// definition E(x) = −Σ_edges J x_u x_v − Σ h_i x_i, p(x) ∝ exp(−βE(x)), sharing no code with src/ (not even the
// package's energy function). Log-weights are combined with a max-shift so it is exact to rounding at any β.
import type { IsingModel } from '../../src/model/index.js';

export interface BruteForce {
  /** ln Z. */
  readonly logZ: number;
  /** E[x_i] per node. */
  readonly marginals: Float64Array;
  /** E[x_u x_v] per edge id. */
  readonly edgeCorrelations: Float64Array;
  /** η = (1/N) Σ E[x_i] (seed 000, Eq. 11); 0 when N = 0. */
  readonly eta: number;
  /** Boltzmann probability of configuration c (x_i = +1 iff bit i of c is set), length 2^N. */
  readonly probabilities: Float64Array;
  /** All configurations as one batch, configuration c at offset c·N (length 2^N · N). */
  readonly configurations: Int8Array;
}

export function bruteForce(model: IsingModel): BruteForce {
  const n = model.order;
  if (n > 20) throw new Error(`bruteForce: ${n} spins is too many to enumerate`);
  const count = 2 ** n;
  const u = model.graph.edgeSources;
  const v = model.graph.edgeTargets;
  const configurations = new Int8Array(count * n);
  const logWeights = new Float64Array(count);
  let max = -Infinity;
  for (let c = 0; c < count; c++) {
    const x = configurations.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) x[i] = (c >> i) & 1 ? 1 : -1;
    let energy = 0;
    for (let e = 0; e < model.couplings.length; e++) energy -= model.couplings[e]! * x[u[e]!]! * x[v[e]!]!;
    for (let i = 0; i < n; i++) energy -= model.fields[i]! * x[i]!;
    logWeights[c] = -model.beta * energy;
    if (logWeights[c]! > max) max = logWeights[c]!;
  }
  let sum = 0;
  for (let c = 0; c < count; c++) sum += Math.exp(logWeights[c]! - max);
  const logZ = max + Math.log(sum);
  const probabilities = logWeights.map((w) => Math.exp(w - logZ));
  const marginals = new Float64Array(n);
  const edgeCorrelations = new Float64Array(model.couplings.length);
  for (let c = 0; c < count; c++) {
    const p = probabilities[c]!;
    const x = configurations.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) marginals[i]! += p * x[i]!;
    for (let e = 0; e < edgeCorrelations.length; e++) edgeCorrelations[e]! += p * x[u[e]!]! * x[v[e]!]!;
  }
  const eta = n === 0 ? 0 : marginals.reduce((a, b) => a + b, 0) / n;
  return { logZ, marginals, edgeCorrelations, eta, probabilities, configurations };
}

/** Largest |a_i − b_i| (0 for empty arrays). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

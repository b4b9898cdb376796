/**
 * Brute-force references, independent of the code under test: Gray-code enumeration of all 2^N spin states
 * (one flip per step, energy updated incrementally, log-sum-exp with a running maximum) and a row-by-row transfer
 * matrix for rectangular lattices.
 */
import type { Graph } from '@isinglab/graph';

export interface BruteForce {
  logZ: number;
  /** ⟨x_u x_v⟩ per edge id. */
  correlations: Float64Array;
  /** log p of every state s (bit i of s is node i's spin, 1 = +1), when N ≤ 16. */
  logProbabilities: Float64Array | null;
}

/** betaJ per edge id; N ≤ 24. */
export function bruteForce(graph: Graph, betaJ: ArrayLike<number>): BruteForce {
  const n = graph.order;
  if (n > 24) throw new Error('bruteForce: N ≤ 24');
  const x = new Int8Array(n).fill(1);
  let energy = 0; // Σ βJ x_u x_v
  for (let e = 0; e < graph.size; e++) energy += betaJ[e]!;
  const m = graph.size;
  let max = energy;
  let sum = 0;
  const corrSum = new Float64Array(m);
  const states = 2 ** n;
  const energies = n <= 16 ? new Float64Array(states) : null;
  let state = states - 1; // all +1
  const rescale = (newMax: number) => {
    const f = Math.exp(max - newMax);
    sum *= f;
    for (let e = 0; e < m; e++) corrSum[e]! *= f;
    max = newMax;
  };
  const accumulate = () => {
    if (energy > max) rescale(energy);
    const w = Math.exp(energy - max);
    sum += w;
    for (let e = 0; e < m; e++) corrSum[e]! += w * x[graph.edgeSources[e]!]! * x[graph.edgeTargets[e]!]!;
    if (energies !== null) energies[state] = energy;
  };
  accumulate();
  for (let k = 1; k < states; k++) {
    // Gray code: flip the lowest set bit of k
    const i = 31 - Math.clz32(k & -k);
    let local = 0;
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) local += betaJ[graph.edgeIds[p]!]! * x[graph.targets[p]!]!;
    energy -= 2 * x[i]! * local;
    x[i] = -x[i]! as -1 | 1;
    state ^= 1 << i;
    accumulate();
  }
  const logZ = max + Math.log(sum);
  return {
    logZ,
    correlations: corrSum.map((c) => c / sum),
    logProbabilities: energies === null ? null : energies.map((e) => e - logZ),
  };
}

/**
 * log Z of an open rows × cols lattice (node r·cols + c, as squareLattice numbers them) with couplings given by
 * `coupling(u, v)` (β included), by a transfer matrix that adds one site at a time over 2^cols boundary states.
 */
export function transferMatrixLogZ(rows: number, cols: number, coupling: (u: number, v: number) => number): number {
  const states = 1 << cols;
  let logw = new Float64Array(states); // log weight of each configuration of the last `cols` sites
  // first row: exact weights of its horizontal bonds
  for (let s = 0; s < states; s++) {
    let e = 0;
    for (let c = 0; c + 1 < cols; c++) e += coupling(c, c + 1) * (((s >> c) & 1) === ((s >> (c + 1)) & 1) ? 1 : -1);
    logw[s] = e;
  }
  for (let r = 1; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // replace bit c (site (r−1, c)) by site (r, c); bit c−1 already holds site (r, c−1)
      const next = new Float64Array(states).fill(-Infinity);
      const site = r * cols + c;
      const up = coupling(site - cols, site);
      const left = c > 0 ? coupling(site - 1, site) : 0;
      for (let s = 0; s < states; s++) {
        const above = (s >> c) & 1;
        for (const b of [0, 1]) {
          let e = up * (above === b ? 1 : -1);
          if (c > 0) e += left * ((((s >> (c - 1)) & 1) === b) ? 1 : -1);
          const t = (s & ~(1 << c)) | (b << c);
          const v = logw[s]! + e;
          const cur = next[t]!;
          next[t] = cur === -Infinity ? v : Math.max(cur, v) + Math.log1p(Math.exp(-Math.abs(cur - v)));
        }
      }
      logw = next;
    }
  }
  let max = -Infinity;
  for (const v of logw) max = Math.max(max, v);
  let s = 0;
  for (const v of logw) s += Math.exp(v - max);
  return max + Math.log(s);
}

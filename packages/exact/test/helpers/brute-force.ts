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

/**
 * Visits every one of the 2^N spin states in Gray-code order (one flip per step, energy updated from the flipped
 * node's edges): visit(state, energy, x) with bit i of state set ⇔ x_i = +1 and energy = Σ βJ_e x_u x_v. N ≤ 24.
 */
export function forEachState(graph: Graph, betaJ: ArrayLike<number>, visit: (state: number, energy: number, x: Int8Array) => void): void {
  const n = graph.order;
  if (n > 24) throw new Error('bruteForce: N ≤ 24');
  const x = new Int8Array(n).fill(1);
  let energy = 0;
  for (let e = 0; e < graph.size; e++) energy += betaJ[e]!;
  const states = 2 ** n;
  let state = states - 1; // all +1
  visit(state, energy, x);
  for (let k = 1; k < states; k++) {
    // Gray code: flip the lowest set bit of k
    const i = 31 - Math.clz32(k & -k);
    let local = 0;
    for (let p = graph.offsets[i]!; p < graph.offsets[i + 1]!; p++) local += betaJ[graph.edgeIds[p]!]! * x[graph.targets[p]!]!;
    energy -= 2 * x[i]! * local;
    x[i] = -x[i]! as -1 | 1;
    state ^= 1 << i;
    visit(state, energy, x);
  }
}

/** Σ βJ_e x_u x_v of every state s (bit i of s set ⇔ x_i = +1). N ≤ 24. */
export function stateEnergies(graph: Graph, betaJ: ArrayLike<number>): Float64Array {
  const energies = new Float64Array(2 ** graph.order);
  forEachState(graph, betaJ, (state, energy) => {
    energies[state] = energy;
  });
  return energies;
}

/** betaJ per edge id; N ≤ 24. */
export function bruteForce(graph: Graph, betaJ: ArrayLike<number>): BruteForce {
  const n = graph.order;
  const m = graph.size;
  let max = -Infinity;
  let sum = 0;
  const corrSum = new Float64Array(m);
  const energies = n <= 16 ? new Float64Array(2 ** n) : null;
  const rescale = (newMax: number) => {
    const f = Math.exp(max - newMax);
    sum *= f;
    for (let e = 0; e < m; e++) corrSum[e]! *= f;
    max = newMax;
  };
  forEachState(graph, betaJ, (state, energy, x) => {
    if (energy > max) rescale(energy);
    const w = Math.exp(energy - max);
    sum += w;
    for (let e = 0; e < m; e++) corrSum[e]! += w * x[graph.edgeSources[e]!]! * x[graph.edgeTargets[e]!]!;
    if (energies !== null) energies[state] = energy;
  });
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

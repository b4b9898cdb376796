/**
 * Test references for the IBG model, written plainly and independently of src/: a dense N × N float64 evaluation of
 * the loss, random graphs and random factors.
 */
import { buildGraph, type Graph, type Rng } from '@isinglab/graph';
import type { IbgFactors } from '../../src/model/ibg-factors.js';

/** Dense 0/1 adjacency (row-major N × N) of a graph, an undirected edge giving both directions. */
export function denseAdjacency(graph: Graph): Float64Array {
  const n = graph.order;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) a[i * n + graph.targets[e]!] = 1;
  }
  return a;
}

export interface DenseLossInput {
  graph: Graph;
  u: Float64Array;
  v: Float64Array;
  r: Float64Array;
  k: number;
  /** null for the unweighted loss */
  gamma: number | null;
  features?: Float64Array;
  d?: number;
  fs?: Float64Array;
  fd?: Float64Array;
  lambda?: number;
}

export interface DenseLoss {
  loss: number;
  graphTerm: number;
  signalTerm: number;
  weightedSse: number;
  unweightedSse: number;
  w: number;
}

/**
 * The seed's loss straight from its definition: Â = U diag(r) Vᵀ formed densely, W = 1 on arcs and
 * w = min(1, γE/(N² − E)) elsewhere, graphTerm = Σ W (A − Â)² / N, signalTerm = ‖X − X̂‖² / D.
 */
export function denseLoss(input: DenseLossInput): DenseLoss {
  const { graph, u, v, r, k, gamma } = input;
  const n = graph.order;
  const a = denseAdjacency(graph);
  let e = 0;
  for (let i = 0; i < n * n; i++) e += a[i]!;
  const w = gamma === null ? 1 : n * n - e <= 0 ? 1 : Math.min(1, (gamma * e) / (n * n - e));
  let weighted = 0;
  let unweighted = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let ahat = 0;
      for (let c = 0; c < k; c++) ahat += u[i * k + c]! * r[c]! * v[j * k + c]!;
      const diff = a[i * n + j]! - ahat;
      const weight = a[i * n + j] === 1 ? 1 : w;
      weighted += weight * diff * diff;
      unweighted += diff * diff;
    }
  }
  let signal = 0;
  const d = input.d ?? 0;
  if (d > 0) {
    const x = input.features!;
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < d; t++) {
        let xhat = 0;
        for (let c = 0; c < k; c++) xhat += u[i * k + c]! * r[c]! * input.fs![c * d + t]! + v[i * k + c]! * r[c]! * input.fd![c * d + t]!;
        signal += (x[i * d + t]! - xhat) ** 2;
      }
    }
    signal /= d;
  }
  const graphTerm = weighted / n;
  return {
    loss: graphTerm + (input.lambda ?? 1) * signal,
    graphTerm,
    signalTerm: signal,
    weightedSse: weighted,
    unweightedSse: unweighted,
    w,
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A random directed graph on n nodes: each ordered pair (self-loops included when asked) with probability p; at least one arc. */
export function randomDigraph(rng: Rng, n: number, p: number, selfLoops = false): Graph {
  const sources: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j && !selfLoops) continue;
      if (rng.float64() < p) {
        sources.push(i);
        targets.push(j);
      }
    }
  }
  if (sources.length === 0) {
    sources.push(0);
    targets.push(n > 1 ? 1 : 0);
  }
  return buildGraph({ order: n, sources, targets }, { directed: true, selfLoops: 'keep' }).graph;
}

/** Random factors: memberships sigmoid(N(0, 1.5²)) in (0, 1), weights N(0, 1), features N(0, 1). */
export function randomFactors(rng: Rng, n: number, k: number, d = 0): IbgFactors {
  const u = new Float64Array(n * k);
  const v = new Float64Array(n * k);
  for (let i = 0; i < n * k; i++) {
    u[i] = sigmoid(1.5 * rng.normal());
    v[i] = sigmoid(1.5 * rng.normal());
  }
  const r = Float64Array.from({ length: k }, () => rng.normal());
  const fs = Float64Array.from({ length: k * d }, () => rng.normal());
  const fd = Float64Array.from({ length: k * d }, () => rng.normal());
  return {
    nodes: n,
    communities: k,
    featureDim: d,
    sourceMemberships: u,
    targetMemberships: v,
    weights: r,
    sourceFeatures: fs,
    targetFeatures: fd,
  };
}

export function randomFeatures(rng: Rng, n: number, d: number): Float64Array {
  return Float64Array.from({ length: n * d }, () => rng.normal());
}

/** All permutations of 0..k-1 (k ≤ 6 in tests). */
export function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(k - 1)) {
    for (let pos = 0; pos <= rest.length; pos++) out.push([...rest.slice(0, pos), k - 1, ...rest.slice(pos)]);
  }
  return out;
}

/** Singular values of a dense n × n A, descending, from the cyclic Jacobi eigenvalue method on AᵀA (plain reference). */
export function denseSingularValues(a: Float64Array, n: number): number[] {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let t = 0; t < n; t++) m[i * n + j] = m[i * n + j]! + a[t * n + i]! * a[t * n + j]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-26) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(0, m[i * n + i]!))).sort((x, y) => y - x);
}


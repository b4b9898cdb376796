/** Dense references of graph matrices computed from the edge list alone (independent of sparse-adjacency.ts). */
import { createRng, erdosRenyiGnp, karateClub, petersenGraph, relabel, type Graph } from '@isinglab/graph';
import { dense, type Dense } from './dense.js';

/** Â = D^{−1/2}(A + I)D^{−1/2} with A the (weighted) symmetric adjacency; D the row sums of A + I. */
export function denseGcnAdjacency(graph: Graph): Dense {
  const n = graph.order;
  const a = dense(n, n);
  for (let e = 0; e < graph.size; e++) {
    const u = graph.edgeSources[e]!;
    const v = graph.edgeTargets[e]!;
    const w = graph.weights?.[e] ?? 1;
    a.data[v * n + u]! += w;
    if (!graph.directed) a.data[u * n + v]! += w;
  }
  for (let i = 0; i < n; i++) a.data[i * n + i]! += 1;
  const d = Array.from({ length: n }, (_, i) => a.data.subarray(i * n, (i + 1) * n).reduce((s, v) => s + v, 0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j]! /= Math.sqrt(d[i]! * d[j]!);
  return a;
}

/** Small test graphs: named ones, a sparse random graph with isolated nodes, and a weighted one. */
export function testGraphs(): [string, Graph][] {
  const sparse = erdosRenyiGnp(30, 0.06, { rng: createRng(3) });
  const weighted = erdosRenyiGnp(20, 0.2, { rng: createRng(4) });
  const rng = createRng(5);
  const w = Float64Array.from({ length: weighted.size }, () => 0.2 + rng.float64());
  return [
    ['Petersen', petersenGraph()],
    ['karate club', karateClub()],
    ['G(30, 0.06) with isolated nodes', sparse],
    ['weighted G(20, 0.2)', { ...weighted, weights: w }],
  ];
}

/** A random permutation of 0..n−1 and the graph relabelled by it (old v → new perm[v]). */
export function permuted(graph: Graph, seed: number): { perm: Int32Array; graph: Graph } {
  const rng = createRng(seed);
  const perm = Int32Array.from({ length: graph.order }, (_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.uint32() % (i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const re = relabel(graph, perm).graph;
  return { perm, graph: graph.weights ? { ...re, weights: graph.weights } : re };
}

/** Rows of a row-major matrix moved to their new positions: out[perm[v]] = m[v]. */
export function permuteRows(m: ArrayLike<number>, perm: Int32Array, width: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let v = 0; v < perm.length; v++) for (let f = 0; f < width; f++) out[perm[v]! * width + f] = m[v * width + f]!;
  return out;
}

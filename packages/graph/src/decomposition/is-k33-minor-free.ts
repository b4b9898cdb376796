import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { checkK33MinorFree } from './check-k33-minor-free.js';

/**
 * True when the undirected graph has no K3,3 minor: every triconnected component of every block is planar or a K5
 * (Wagner 1937; Hall 1943). The same test as `checkK33MinorFree(graph, { certificate: false })`, returning only the
 * verdict. O(n + m) time and memory, iterative.
 *
 * Reference: D. W. Hall, "A note on primitive skew curves", Bull. AMS 49 (1943) 935–936.
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph.
 */
export function isK33MinorFree(graph: Graph): boolean {
  const site = { pkg: 'graph', fn: 'isK33MinorFree' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  return checkK33MinorFree(graph, { certificate: false }).k33Free;
}

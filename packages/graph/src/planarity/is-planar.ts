import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { lrIsPlanar } from './internal-lr.js';

/**
 * True when the undirected graph can be drawn in the plane without crossings.
 *
 * Runs the orientation and testing phases of the left–right planarity test and stops there: no embedding and no
 * certificate are built. Graphs with `size > 3·order − 6` (order ≥ 3) are rejected before any search. Disconnected
 * graphs and isolated nodes are handled (each component is tested). Directed graphs are rejected: test
 * `toUndirected(graph).graph` instead.
 *
 * Complexity: O(n + m) time and memory, iterative (no recursion). About 75–100 ns per edge on square lattices from
 * 10^4 to 2·10^6 edges; inputs whose node labels are randomly permuted run up to about 4× slower per edge at 10^6
 * edges (cache misses), which a locality-preserving relabelling (e.g. breadth-first order) avoids.
 *
 * Reference: U. Brandes, "The Left-Right Planarity Test", 2009; H. de Fraysseix and P. Rosenstiehl,
 * "A characterization of planar graphs by Trémaux orders", Combinatorica 5 (1985) 127–135.
 *
 * @throws InvalidArgumentError when `graph` is not a Graph or is directed.
 */
export function isPlanar(graph: Graph): boolean {
  const site = { pkg: 'graph', fn: 'isPlanar' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  return lrIsPlanar(graph.order, graph.offsets, graph.targets, graph.edgeIds, graph.size);
}

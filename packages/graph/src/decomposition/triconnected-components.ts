import type { Graph } from '../core/graph.js';
import { decomposeBiconnected, readInput, toComponents } from './internal-spqr.js';
import type { MultigraphEdges, TriconnectedComponents } from './types.js';

/**
 * Triconnected components of a biconnected undirected graph or multigraph: the unique set of cycles (S),
 * bonds (P, two nodes joined by ≥ 3 parallel edges) and simple 3-connected graphs (R) obtained by splitting the
 * graph at its separation pairs, each split adding a pair of twin virtual edges, and then merging adjacent cycles
 * and adjacent bonds. Every real edge lies in exactly one component; each virtual edge has a twin in another
 * component with the same endpoints. Parallel edges (only possible through a `MultigraphEdges` input, since a
 * `Graph` is simple) end up in bonds. See `TriconnectedComponents` for the layout and `spqrTree` for the tree.
 *
 * Degenerate inputs: an input with no edge and at most one node has no component; a two-node input is one P
 * component holding all its edges (the only case where a component may have fewer than three edges).
 *
 * Algorithm: Hopcroft–Tarjan's path-based decomposition (two depth-first searches, acceptable adjacency structure
 * by bucket sort, then PathSearch with the TSTACK/ESTACK machinery for type-1 and type-2 separation pairs) with the
 * corrections of Gutwenger and Mutzel, all iterative (typed-array stacks: no recursion, so 10^6-node paths are
 * fine), followed by the merge of adjacent S and adjacent P split components.
 * Complexity: O(n + m) time and memory.
 *
 * References: J. E. Hopcroft and R. E. Tarjan, "Dividing a graph into triconnected components", SIAM J. Comput.
 * 2(3), 1973, 135–158; C. Gutwenger and P. Mutzel, "A linear time implementation of SPQR-trees", Graph Drawing
 * 2000, LNCS 1984 (2001), 77–90.
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph or a valid `MultigraphEdges` (self-loops are
 * rejected), or is not biconnected (disconnected, an isolated node, or a cut vertex); split such graphs with
 * `biconnectedComponents` first, or use `checkK33MinorFree`, which accepts any graph.
 */
export function triconnectedComponents(graph: Graph | MultigraphEdges): TriconnectedComponents {
  const site = { pkg: 'graph', fn: 'triconnectedComponents' };
  const input = readInput(site, graph);
  return toComponents(decomposeBiconnected(site, input), input.m);
}

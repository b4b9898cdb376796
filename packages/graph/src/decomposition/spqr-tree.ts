import type { Graph } from '../core/graph.js';
import { checkInteger, checkOptions } from '../errors/validate.js';
import { decomposeBiconnected, readInput, toComponents, withTree } from './internal-spqr.js';
import type { MultigraphEdges, SpqrTree } from './types.js';

export interface SpqrTreeOptions {
  /**
   * Component to root the tree at (an index into the components, `0 ≤ root < count`).
   * @default the first component that is not a P node (the first component when all are P nodes)
   */
  root?: number;
}

const OPTION_KEYS = ['root'] as const;

/**
 * SPQR tree of a biconnected undirected graph or multigraph: the triconnected components (see
 * `triconnectedComponents`) as tree nodes of type S, P or R, one tree edge per twin pair of virtual edges, labelled
 * by its separation pair; rooted (parents, the virtual edge each child shares with its parent, a preorder), ready
 * for bottom-up and top-down dynamic programming. Real edges play the role of Q nodes and are listed inside their
 * component. No two adjacent nodes are both S or both P, which makes the tree unique.
 *
 * The default root is a component that is not a bond, as sampling on the tree needs (Likhosherstov, Maximov and
 * Chertkov, "Inference and sampling of K33-free Ising models", ICML 2019, Section 5.4).
 *
 * Complexity: O(n + m) time and memory, iterative. Algorithm and references as in `triconnectedComponents`
 * (Hopcroft–Tarjan 1973 with the Gutwenger–Mutzel 2001 corrections); SPQR trees: G. Di Battista and R. Tamassia,
 * "On-line maintenance of triconnected components with SPQR-trees", Algorithmica 15 (1996) 302–318.
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph or valid `MultigraphEdges`, is not
 * biconnected (use `biconnectedComponents` first, or `checkK33MinorFree` for any graph), or `options.root` is not a
 * component index.
 */
export function spqrTree(graph: Graph | MultigraphEdges, options?: SpqrTreeOptions): SpqrTree {
  const site = { pkg: 'graph', fn: 'spqrTree' };
  const opts = checkOptions<SpqrTreeOptions>(site, options, OPTION_KEYS);
  const input = readInput(site, graph);
  const tc = toComponents(decomposeBiconnected(site, input), input.m);
  if (opts.root !== undefined) checkInteger(site, 'options.root', opts.root, { min: 0, max: tc.count - 1 });
  return withTree(tc, opts.root);
}

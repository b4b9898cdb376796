/** The k-core of an undirected graph, read off its core numbers. */
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkInteger, checkOptions, type CheckSite } from '../errors/validate.js';
import { coreNumbers } from './core-numbers.js';

export interface KCoreOptions {
  /** Core numbers of this graph (`coreNumbers(graph).core`), to avoid computing them again. @default undefined */
  core?: Int32Array;
}

export interface KCoreResult {
  /** Nodes of the k-core, ascending (empty when the k-core is empty). */
  nodes: Int32Array;
  /** Number of nodes in the k-core (`nodes.length`). */
  order: number;
  /** Number of edges of the k-core (edges with both ends in it), following `Graph.size`. */
  size: number;
}

const OPTION_KEYS = ['core'] as const;

/**
 * The k-core: the largest induced subgraph in which every node has at least k neighbours (possibly empty).
 * It is the set of nodes with core number ≥ k; use `inducedSubgraph(graph, result.nodes)` for the subgraph
 * itself. Undirected graphs only (convert with `toUndirected`). O(n + m).
 *
 * Reference: S. B. Seidman, "Network structure and minimum degree", Social Networks 5, 1983; V. Batagelj and
 * M. Zaversnik, arXiv:cs/0310049 (2003).
 */
export function kCore(graph: Graph, k: number, options?: KCoreOptions): KCoreResult {
  const site = { pkg: 'graph', fn: 'kCore' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  checkInteger(site, 'k', k, { min: 0 });
  return kCoreOf(site, graph, k, options);
}

/**
 * The 2-core: what remains after repeatedly deleting nodes of degree 0 or 1 (all trees hanging off cycles are
 * pruned; empty for a forest). Same as `kCore(graph, 2, options)`.
 */
export function twoCore(graph: Graph, options?: KCoreOptions): KCoreResult {
  const site = { pkg: 'graph', fn: 'twoCore' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  return kCoreOf(site, graph, 2, options);
}

function kCoreOf(site: CheckSite, graph: Graph, k: number, options: KCoreOptions | undefined): KCoreResult {
  const opts = checkOptions<KCoreOptions>(site, options, OPTION_KEYS);
  const n = graph.order;
  let core: Int32Array;
  if (opts.core === undefined) {
    core = coreNumbers(graph).core;
  } else {
    if (!(opts.core instanceof Int32Array) || opts.core.length !== n) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.core',
        value: opts.core,
        rule: `the Int32Array(${n}) of coreNumbers(graph).core`,
      });
    }
    core = opts.core;
  }
  let count = 0;
  for (let v = 0; v < n; v++) if ((core[v] as number) >= k) count++;
  const nodes = new Int32Array(count);
  const off = graph.offsets;
  const tgt = graph.targets;
  let halfEdges = 0;
  for (let v = 0, i = 0; v < n; v++) {
    if ((core[v] as number) < k) continue;
    nodes[i++] = v;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) if ((core[tgt[p] as number] as number) >= k) halfEdges++;
  }
  return { nodes, order: count, size: halfEdges / 2 };
}

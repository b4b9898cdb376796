/** The block–cut tree (forest) of an undirected graph, assembled from its biconnected components. */
import { buildGraph } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions, type CheckSite } from '../errors/validate.js';
import { biconnectedComponents, type BiconnectedComponentsResult } from './biconnected-components.js';

export interface BlockCutTreeOptions {
  /** A `biconnectedComponents(graph)` result for this graph, to avoid computing it again. @default undefined */
  biconnected?: BiconnectedComponentsResult;
}

export interface BlockCutTreeResult {
  /**
   * Undirected forest: nodes `0..blockCount-1` are the blocks (same ids as in `biconnectedComponents`), nodes
   * `blockCount + i` the articulation points `cutNodes[i]`; an edge joins a block and each cut node in it.
   * One tree per connected component of the graph that has an edge.
   */
  tree: Graph;
  /** Number of blocks. */
  blockCount: number;
  /** Graph node of each cut-node tree node: tree node `blockCount + i` is graph node `cutNodes[i]` (ascending). */
  cutNodes: Int32Array;
  /**
   * Tree node of each graph node: its own cut node for an articulation point, its unique block otherwise,
   * -1 for an isolated node (which lies in no block).
   */
  treeNode: Int32Array;
}

const OPTION_KEYS = ['biconnected'] as const;

/**
 * Block–cut tree: the bipartite forest with a node per block and per articulation point, joining each
 * articulation point to the blocks containing it. Its leaves are blocks; isolated graph nodes are left out.
 * Undirected graphs only. O(n + m) given the blocks.
 *
 * Reference: F. Harary, *Graph Theory* (1969), ch. 4 ("block-cutpoint tree"); J. Hopcroft and R. Tarjan,
 * Comm. ACM 16(6), 1973, for the blocks.
 */
export function blockCutTree(graph: Graph, options?: BlockCutTreeOptions): BlockCutTreeResult {
  const site = { pkg: 'graph', fn: 'blockCutTree' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = checkOptions<BlockCutTreeOptions>(site, options, OPTION_KEYS);
  const bcc = opts.biconnected === undefined ? biconnectedComponents(graph) : checkBiconnected(site, opts.biconnected, graph);
  const n = graph.order;
  const blockCount = bcc.count;
  const cutNodes = bcc.articulationPoints;
  const treeNode = new Int32Array(n).fill(-1);
  for (let i = 0; i < cutNodes.length; i++) treeNode[cutNodes[i] as number] = blockCount + i;
  const off = bcc.blockOffsets;
  const members = bcc.blockNodes;
  let edges = 0;
  for (let b = 0; b < blockCount; b++) {
    for (let k = off[b] as number; k < (off[b + 1] as number); k++) {
      const v = members[k] as number;
      if (bcc.isArticulation[v]) edges++;
      else treeNode[v] = b;
    }
  }
  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  let e = 0;
  for (let b = 0; b < blockCount; b++) {
    for (let k = off[b] as number; k < (off[b + 1] as number); k++) {
      const v = members[k] as number;
      if (bcc.isArticulation[v]) {
        sources[e] = b;
        targets[e++] = treeNode[v] as number;
      }
    }
  }
  const tree = buildGraph({ order: blockCount + cutNodes.length, sources, targets }).graph;
  return { tree, blockCount, cutNodes, treeNode };
}

/** O(1) shape check of a caller-supplied result (not a proof that it belongs to this graph). */
function checkBiconnected(site: CheckSite, value: unknown, graph: Graph): BiconnectedComponentsResult {
  const r = value as Partial<BiconnectedComponentsResult> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    typeof r.count === 'number' &&
    Number.isInteger(r.count) &&
    r.count >= 0 &&
    r.edgeComponent instanceof Int32Array &&
    r.edgeComponent.length === graph.size &&
    r.isArticulation instanceof Uint8Array &&
    r.isArticulation.length === graph.order &&
    r.articulationPoints instanceof Int32Array &&
    r.blockOffsets instanceof Int32Array &&
    r.blockOffsets.length === r.count + 1 &&
    r.blockNodes instanceof Int32Array &&
    r.blockNodes.length === r.blockOffsets[r.count];
  if (!ok) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.biconnected',
      value,
      rule: 'the result of biconnectedComponents(graph) for this graph',
    });
  }
  return value as BiconnectedComponentsResult;
}

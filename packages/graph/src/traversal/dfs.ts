/**
 * Depth-first search with an explicit typed-array stack and a per-node cursor into its row, so the visit
 * order is exactly that of the textbook recursive DFS while a 10^6-node path cannot overflow the call stack.
 */
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';
import { checkOptions } from '../errors/validate.js';
import { checkSources, directionTables, type TraversalDirection } from './direction.js';

export interface DfsOptions {
  /**
   * Roots, searched in the given order (already-visited ones are skipped); only nodes reachable from them are
   * visited. @default undefined (every node, roots taken in increasing id order: a DFS forest of the whole graph)
   */
  sources?: number | ArrayLike<number>;
  /**
   * Directed graphs only: follow arcs forward (`'out'`), backward (`'in'`), or both ways (`'both'`, out-row
   * first, then in-row). Ignored for undirected graphs.
   * @default 'out'
   */
  direction?: TraversalDirection;
}

/** Result of `dfs`: orders list the visited nodes; `parent`/`parentEdge` are indexed by node id. */
export interface DfsResult {
  /** Visited nodes in discovery order. */
  preorder: Int32Array;
  /** Visited nodes in finishing order (a node after all its DFS-tree descendants). */
  postorder: Int32Array;
  /** DFS-tree parent of each node; -1 for roots and unvisited nodes. */
  parent: Int32Array;
  /** Edge (arc) id of the tree edge into each node; -1 for roots and unvisited nodes. */
  parentEdge: Int32Array;
}

const DEFAULTS = Object.freeze({ direction: 'out' as TraversalDirection });
const OPTION_KEYS = ['sources', 'direction'] as const;

/**
 * Depth-first search (forest) visiting neighbours in row order (ascending ids), so `preorder` and `postorder`
 * equal those of the recursive DFS. Iterative. O(n + m) time, O(n) memory.
 *
 * Reference: R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972;
 * Cormen et al., *Introduction to Algorithms*, 3rd ed., §22.3.
 */
export function dfs(graph: Graph, options?: DfsOptions): DfsResult {
  const site = { pkg: 'graph', fn: 'dfs' };
  checkGraph(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<DfsOptions>(site, options, OPTION_KEYS) };
  const { useOut, useIn } = directionTables(site, graph, opts.direction);
  const sources = opts.sources === undefined ? undefined : checkSources(site, graph, opts.sources, 'options.sources');

  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const ids = graph.edgeIds;
  const inOff = graph.inOffsets;
  const inSrc = graph.inSources;
  const inIds = graph.inEdgeIds;
  const preorder = new Int32Array(n);
  const postorder = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const visited = new Uint8Array(n);
  const stack = new Int32Array(n);
  // cursor[v]: how many neighbours of v (out-row, then in-row) the search has looked at.
  const cursor = new Int32Array(n);
  let pre = 0;
  let post = 0;

  const rootCount = sources === undefined ? n : typeof sources === 'number' ? 1 : sources.length;
  for (let r = 0; r < rootCount; r++) {
    const root = sources === undefined ? r : typeof sources === 'number' ? sources : (sources[r] as number);
    if (visited[root]) continue;
    visited[root] = 1;
    preorder[pre++] = root;
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const v = stack[top - 1] as number;
      const outStart = useOut ? (off[v] as number) : 0;
      const outDeg = useOut ? (off[v + 1] as number) - outStart : 0;
      const inStart = useIn ? (inOff[v] as number) : 0;
      const total = outDeg + (useIn ? (inOff[v + 1] as number) - inStart : 0);
      let k = cursor[v] as number;
      let next = -1;
      let nextEdge = -1;
      while (k < total) {
        let w: number;
        let e: number;
        if (k < outDeg) {
          w = tgt[outStart + k] as number;
          e = ids[outStart + k] as number;
        } else {
          w = inSrc[inStart + k - outDeg] as number;
          e = inIds[inStart + k - outDeg] as number;
        }
        k++;
        if (visited[w] === 0) {
          next = w;
          nextEdge = e;
          break;
        }
      }
      cursor[v] = k;
      if (next >= 0) {
        visited[next] = 1;
        parent[next] = v;
        parentEdge[next] = nextEdge;
        preorder[pre++] = next;
        stack[top++] = next;
      } else {
        top--;
        postorder[post++] = v;
      }
    }
  }
  return {
    preorder: pre === n ? preorder : preorder.slice(0, pre),
    postorder: post === n ? postorder : postorder.slice(0, post),
    parent,
    parentEdge,
  };
}

/**
 * Connected components by breadth-first search straight over the CSR arrays: one Int32Array queue, the
 * component array doubling as the visited mark, no function call per edge.
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
 * and component `c + 1`'s smallest node is larger than component `c`'s. O(n + m) time, O(n) memory.
 *
 * Reference: J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph manipulation",
 * Comm. ACM 16(6), 1973; Cormen et al., *Introduction to Algorithms*, 3rd ed., §22.2.
 */
export function connectedComponents(graph: Graph): ConnectedComponentsResult {
  checkGraph({ pkg: 'graph', fn: 'connectedComponents' }, graph);
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const inOff = graph.inOffsets;
  const inSrc = graph.inSources;
  const directed = graph.directed;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (component[s] !== -1) continue;
    const c = count++;
    component[s] = c;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++] as number;
      let end = off[v + 1] as number;
      for (let p = off[v] as number; p < end; p++) {
        const w = tgt[p] as number;
        if (component[w] === -1) {
          component[w] = c;
          queue[tail++] = w;
        }
      }
      if (directed) {
        end = inOff[v + 1] as number;
        for (let p = inOff[v] as number; p < end; p++) {
          const w = inSrc[p] as number;
          if (component[w] === -1) {
            component[w] = c;
            queue[tail++] = w;
          }
        }
      }
    }
    sizes[c] = tail;
  }
  return { count, component, sizes: sizes.slice(0, count) };
}

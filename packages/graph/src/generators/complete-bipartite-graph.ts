import type { Graph } from '../core/graph.js';
import { assembleSimpleUndirected } from './internal/assemble.js';
import { checkGraphFits, checkNodeCount } from './internal/checks.js';

/**
 * The complete bipartite graph K_{a,b}: part A is nodes 0..a−1, part B is nodes a..a+b−1, every A–B pair joined
 * (a·b edges, ids in lexicographic order). Equals networkx's `complete_bipartite_graph(a, b)`. O(a·b).
 */
export function completeBipartiteGraph(a: number, b: number): Graph {
  const site = { pkg: 'graph', fn: 'completeBipartiteGraph' };
  checkNodeCount(site, 'a', a);
  checkNodeCount(site, 'b', b);
  checkGraphFits(site, 'a + b', a + b, a + b, a * b);
  const size = a * b;
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  let e = 0;
  for (let u = 0; u < a; u++) {
    for (let w = 0; w < b; w++) {
      sources[e] = u;
      targets[e] = a + w;
      e++;
    }
  }
  return assembleSimpleUndirected(a + b, sources, targets);
}

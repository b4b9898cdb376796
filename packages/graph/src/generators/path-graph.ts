import type { Graph } from '../core/graph.js';
import { assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';

/** The path P_n on nodes 0..n−1: edge i joins i and i + 1 (n − 1 edges; none for n ≤ 1). Equals networkx's `path_graph(n)`. O(n). */
export function pathGraph(n: number): Graph {
  checkNodeCount({ pkg: 'graph', fn: 'pathGraph' }, 'n', n);
  const size = Math.max(0, n - 1);
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    sources[i] = i;
    targets[i] = i + 1;
  }
  return assembleSimpleUndirected(n, sources, targets);
}

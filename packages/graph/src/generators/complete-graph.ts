import type { Graph } from '../core/graph.js';
import { assembleSimpleUndirected } from './internal/assemble.js';
import { checkGraphFits, checkNodeCount } from './internal/checks.js';

/**
 * The complete graph K_n: nodes 0..n−1, every pair joined, n(n−1)/2 edges with ids in lexicographic (u, v) order.
 * Equals networkx's `complete_graph(n)`. O(n²). n ≤ 46341 keeps 2·size within Int32.
 */
export function completeGraph(n: number): Graph {
  const site = { pkg: 'graph', fn: 'completeGraph' };
  checkNodeCount(site, 'n', n);
  const size = (n * (n - 1)) / 2;
  checkGraphFits(site, 'n', n, n, size);
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      sources[e] = u;
      targets[e] = v;
      e++;
    }
  }
  return assembleSimpleUndirected(n, sources, targets);
}

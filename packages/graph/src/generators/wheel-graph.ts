import type { Graph } from '../core/graph.js';
import { assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';

/**
 * The wheel on `n` nodes, as networkx's `wheel_graph(n)`: hub 0 joined to the rim 1..n−1, and the rim a cycle
 * 1–2–…–(n−1)–1. Edge ids: spokes 0–i first (ids i − 1), then rim edges i–(i+1), then the closing rim edge 1–(n−1).
 * Small n follow networkx: n = 0 empty, 1 a single node, 2 one edge, 3 a triangle, 4 K4; 2(n − 1) edges for n ≥ 4.
 * O(n).
 */
export function wheelGraph(n: number): Graph {
  checkNodeCount({ pkg: 'graph', fn: 'wheelGraph' }, 'n', n);
  const rim = n - 1;
  const rimEdges = rim >= 3 ? rim : Math.max(0, rim - 1);
  const size = Math.max(0, rim) + rimEdges;
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  let e = 0;
  for (let i = 1; i < n; i++) {
    sources[e] = 0;
    targets[e] = i;
    e++;
  }
  for (let i = 1; i < n - 1; i++) {
    sources[e] = i;
    targets[e] = i + 1;
    e++;
  }
  if (rim >= 3) {
    sources[e] = 1;
    targets[e] = n - 1;
  }
  return assembleSimpleUndirected(n, sources, targets);
}

import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { MAX_ORDER, assembleSimpleUndirected } from './internal/assemble.js';

/**
 * The star with `n` leaves, as networkx's `star_graph(n)`: n + 1 nodes, centre 0, leaves 1..n, edge i − 1 joins
 * 0 and i. `starGraph(0)` is a single node. O(n).
 */
export function starGraph(n: number): Graph {
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < MAX_ORDER)) {
    throw new InvalidArgumentError({
      pkg: 'graph',
      fn: 'starGraph',
      argument: 'n',
      value: n,
      rule: `an integer in [0, ${MAX_ORDER - 1}] (the number of leaves; the star has n + 1 nodes)`,
    });
  }
  const sources = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) targets[i] = i + 1;
  return assembleSimpleUndirected(n + 1, sources, targets);
}

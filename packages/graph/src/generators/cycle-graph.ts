import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { MAX_ORDER, assembleSimpleUndirected } from './internal/assemble.js';

/**
 * The cycle C_n (n ≥ 3): edges i–(i+1) with id i for i < n − 1, and 0–(n−1) with id n − 1.
 * Equals networkx's `cycle_graph(n)`; n < 3 is rejected because C_1 and C_2 are not simple (use `pathGraph`). O(n).
 */
export function cycleGraph(n: number): Graph {
  const site = { pkg: 'graph', fn: 'cycleGraph' };
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 3 && n <= MAX_ORDER)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'n',
      value: n,
      rule: `an integer in [3, ${MAX_ORDER}]`,
      hint: 'Cycles on 1 or 2 nodes are not simple graphs; use pathGraph(n) for n < 3.',
    });
  }
  const sources = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let i = 0; i < n - 1; i++) {
    sources[i] = i;
    targets[i] = i + 1;
  }
  sources[n - 1] = 0;
  targets[n - 1] = n - 1;
  return assembleSimpleUndirected(n, sources, targets);
}

import { InvalidArgumentError } from '../errors/errors.js';
import { checkGraph } from '../core/queries.js';
import { isArrayLike } from '../internal/edge-list-shape.js';
import type { Graph } from '../core/graph.js';

/**
 * True when `colours` is a proper colouring of `graph`: every entry is a non-negative integer and the two ends of
 * every edge (arc, for a directed graph) have different colours. Entries such as −1 (uncoloured) make it false.
 * O(n + m).
 */
export function isProperColouring(graph: Graph, colours: ArrayLike<number>): boolean {
  const site = { pkg: 'graph', fn: 'isProperColouring' };
  checkGraph(site, graph);
  const n = graph.order;
  if (!isArrayLike(colours) || colours.length !== n) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'colours',
      value: colours,
      rule: `an array of ${n} colours (one per node)`,
    });
  }
  for (let v = 0; v < n; v++) {
    const c = colours[v] as number;
    if (!(Number.isInteger(c) && c >= 0)) return false;
  }
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  for (let e = 0; e < graph.size; e++) {
    if (colours[src[e] as number] === colours[dst[e] as number]) return false;
  }
  return true;
}

import { InvalidArgumentError } from '../errors/errors.js';
import { checkGraph } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { inducedSubgraph } from './induced-subgraph.js';

export interface RelabelResult {
  graph: Graph;
  /** `edgeMap[e]` is the original id of new edge e. */
  edgeMap: Int32Array;
}

/**
 * Renumbers nodes: old node v becomes `newIds[v]`, a permutation of 0..order-1. Rows are re-sorted; edge ids
 * keep the original edges' order, so `edgeMap` is the identity and per-edge arrays stay valid.
 */
export function relabel(graph: Graph, newIds: ArrayLike<number>): RelabelResult {
  const site = { pkg: 'graph', fn: 'relabel' };
  checkGraph(site, graph);
  const n = graph.order;
  if (newIds.length !== n) {
    throw new InvalidArgumentError({ ...site, argument: 'newIds.length', value: newIds.length, rule: `${n} (the graph's order)` });
  }
  const inverse = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const w = newIds[v] as number;
    if (!(Number.isInteger(w) && w >= 0 && w < n) || inverse[w] !== -1) {
      throw new InvalidArgumentError({ ...site, argument: `newIds[${v}]`, value: w, rule: `part of a permutation of 0..${n - 1}` });
    }
    inverse[w] = v;
  }
  const { graph: out, edgeMap } = inducedSubgraph(graph, inverse);
  return { graph: out, edgeMap };
}

import { checkOptions } from '../errors/validate.js';
import { checkGraph } from '../core/queries.js';
import { buildGraph, type DuplicateEdgePolicy } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';

export interface ToUndirectedOptions {
  /** How to weight an edge present in both directions: keep the first arc's weight or add both. @default 'sum' */
  duplicates?: Exclude<DuplicateEdgePolicy, 'error'>;
}

export interface ToUndirectedResult {
  graph: Graph;
  /** For each arc of the input, the undirected edge it became, or -1 for a self-loop. */
  arcToEdge: Int32Array;
}

/**
 * The underlying undirected simple graph of a directed graph: arcs u → v and v → u become one edge u–v,
 * self-loops are dropped. An undirected input is returned as is (with the identity map).
 */
export function toUndirected(graph: Graph, options?: ToUndirectedOptions): ToUndirectedResult {
  const site = { pkg: 'graph', fn: 'toUndirected' };
  checkGraph(site, graph);
  const opts = checkOptions<ToUndirectedOptions>(site, options, ['duplicates']);
  if (!graph.directed) {
    const identity = new Int32Array(graph.size);
    for (let e = 0; e < graph.size; e++) identity[e] = e;
    return { graph, arcToEdge: identity };
  }
  const built = buildGraph(
    { order: graph.order, sources: graph.edgeSources, targets: graph.edgeTargets, weights: graph.weights },
    { directed: false, duplicates: opts.duplicates ?? 'sum', selfLoops: 'drop', ...(graph.labels ? { labels: graph.labels } : {}) },
  );
  return { graph: built.graph, arcToEdge: built.inputToEdge };
}

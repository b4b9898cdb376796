/**
 * Adapters between isinglab CSR graphs and graphology (an optional peer dependency, imported only by this entry
 * point, '@isinglab/graph/graphology'). graphology is convenient for exploration and its ecosystem; the CSR graph
 * is what isinglab algorithms run on.
 */
import { DirectedGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions } from '../errors/validate.js';
import { buildGraph, type DuplicateEdgePolicy } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';

export interface ToGraphologyOptions {
  /** Edge attribute that receives the weight (when the graph is weighted). @default 'weight' */
  weightAttribute?: string;
  /** Use `graph.labels` as node keys (they must be distinct); otherwise keys are the node ids as strings. @default true */
  useLabels?: boolean;
}

/** Converts a CSR graph to a graphology graph (`directed` or `undirected` type, simple). Node attribute `id` keeps the integer id. */
export function toGraphology(graph: Graph, options?: ToGraphologyOptions): AbstractGraph {
  const site = { pkg: 'graph', fn: 'toGraphology' };
  checkGraph(site, graph);
  const opts = checkOptions<ToGraphologyOptions>(site, options, ['weightAttribute', 'useLabels']);
  const weightAttribute = opts.weightAttribute ?? 'weight';
  const labels = (opts.useLabels ?? true) ? graph.labels : undefined;
  if (labels && new Set(labels).size !== labels.length) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'graph.labels',
      value: labels,
      rule: 'distinct strings to serve as node keys',
      hint: 'Pass { useLabels: false } to key nodes by id.',
    });
  }
  const out: AbstractGraph = graph.directed
    ? new DirectedGraph({ multi: false, allowSelfLoops: true })
    : new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const key = (v: number): string => (labels ? (labels[v] as string) : String(v));
  for (let v = 0; v < graph.order; v++) out.addNode(key(v), { id: v });
  for (let e = 0; e < graph.size; e++) {
    const attributes: Attributes = graph.weights ? { [weightAttribute]: graph.weights[e] } : {};
    out.addEdgeWithKey(String(e), key(graph.edgeSources[e] as number), key(graph.edgeTargets[e] as number), attributes);
  }
  return out;
}

export interface FromGraphologyOptions {
  /** Edge attribute read as the weight; absent attributes read as 1. @default undefined (unweighted) */
  weightAttribute?: string;
  /** Merging of parallel edges of multigraphs (and of both directions in undirected conversion). @default 'first' */
  duplicates?: DuplicateEdgePolicy;
}

export interface FromGraphologyResult {
  graph: Graph;
  /** Node keys in id order (also stored as graph labels). */
  keys: string[];
  selfLoopsDropped: number;
  duplicatesDropped: number;
}

/**
 * Converts a graphology graph to a CSR graph: node ids follow graphology's node order, keys become labels.
 * Mixed graphs are rejected; self-loops are kept for directed graphs and dropped (counted) for undirected ones.
 */
export function fromGraphology(source: AbstractGraph, options?: FromGraphologyOptions): FromGraphologyResult {
  const site = { pkg: 'graph', fn: 'fromGraphology' };
  const opts = checkOptions<FromGraphologyOptions>(site, options, ['weightAttribute', 'duplicates']);
  if (typeof source !== 'object' || source === null || typeof (source as { forEachEdge?: unknown }).forEachEdge !== 'function') {
    throw new InvalidArgumentError({ ...site, argument: 'source', value: source, rule: 'a graphology graph' });
  }
  if (source.type === 'mixed') {
    throw new InvalidArgumentError({
      ...site,
      argument: 'source.type',
      value: 'mixed',
      rule: "'directed' or 'undirected'",
      hint: 'Split the graph, or convert it with graphology-operators (toDirected / toUndirected) first.',
    });
  }
  const directed = source.type === 'directed';
  const keys = source.nodes();
  const index = new Map<string, number>();
  keys.forEach((k, i) => index.set(k, i));
  const m = source.size;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  const weightAttribute = opts.weightAttribute;
  const weights = weightAttribute === undefined ? undefined : new Float64Array(m);
  let k = 0;
  source.forEachEdge((_edge, attributes, s, t) => {
    sources[k] = index.get(s) as number;
    targets[k] = index.get(t) as number;
    if (weights) {
      const w = attributes[weightAttribute as string];
      weights[k] = w === undefined ? 1 : Number(w);
    }
    k++;
  });
  const built = buildGraph(
    { order: keys.length, sources, targets, weights },
    { directed, duplicates: opts.duplicates ?? 'first', selfLoops: directed ? 'keep' : 'drop', labels: keys },
  );
  return { graph: built.graph, keys, selfLoopsDropped: built.selfLoopsDropped, duplicatesDropped: built.duplicatesDropped };
}

/** Constant- and log-time queries on a CSR graph, plus entry-point validation used by every public function. */
import { InvalidArgumentError } from '../errors/errors.js';
import type { CheckSite } from '../errors/validate.js';
import type { Graph } from './graph.js';

/**
 * Cheap structural check that `value` is a Graph (O(1): field types and array lengths, not contents).
 * Public functions call it once at entry; use `validateGraph` for the full O(n + m) invariant check.
 */
export function checkGraph(site: CheckSite, value: unknown, argument = 'graph'): Graph {
  const g = value as Partial<Graph> | null;
  const ok =
    typeof g === 'object' &&
    g !== null &&
    typeof g.directed === 'boolean' &&
    Number.isInteger(g.order) &&
    g.offsets instanceof Int32Array &&
    g.targets instanceof Int32Array &&
    g.edgeIds instanceof Int32Array &&
    g.edgeSources instanceof Int32Array &&
    g.edgeTargets instanceof Int32Array &&
    g.inOffsets instanceof Int32Array &&
    g.inSources instanceof Int32Array &&
    g.inEdgeIds instanceof Int32Array &&
    g.offsets.length === (g.order as number) + 1 &&
    g.targets.length === g.edgeIds.length &&
    g.edgeSources.length === g.size &&
    g.edgeTargets.length === g.size &&
    g.targets.length === (g.directed ? g.size : 2 * (g.size as number)) &&
    (g.weights === undefined || (g.weights instanceof Float64Array && g.weights.length === g.size)) &&
    (g.labels === undefined || (Array.isArray(g.labels) && g.labels.length === g.order));
  if (!ok) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: 'a Graph built by @isinglab/graph (buildGraph, fromEdges, a generator or a reader)',
    });
  }
  return value as Graph;
}

/** Throws unless `graph` is undirected; the hint names `toUndirected`. */
export function checkUndirected(site: CheckSite, graph: Graph, argument = 'graph'): void {
  if (graph.directed) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value: 'a directed graph',
      rule: 'an undirected graph',
      hint: 'Convert with toUndirected(graph) first.',
    });
  }
}

/** Throws unless `node` is a node id of `graph`. */
export function checkNode(site: CheckSite, graph: Graph, node: unknown, argument = 'node'): number {
  if (!(typeof node === 'number' && Number.isInteger(node) && node >= 0 && node < graph.order)) {
    throw new InvalidArgumentError({ ...site, argument, value: node, rule: `a node id in [0, ${graph.order})` });
  }
  return node;
}

/** Number of neighbours (out-neighbours when directed). */
export function degree(graph: Graph, node: number): number {
  return (graph.offsets[node + 1] as number) - (graph.offsets[node] as number);
}

/** Number of in-neighbours (equals `degree` for undirected graphs). */
export function inDegree(graph: Graph, node: number): number {
  return (graph.inOffsets[node + 1] as number) - (graph.inOffsets[node] as number);
}

/** Degree of every node (out-degree when directed). */
export function degrees(graph: Graph): Int32Array {
  const out = new Int32Array(graph.order);
  const off = graph.offsets;
  for (let v = 0; v < graph.order; v++) out[v] = (off[v + 1] as number) - (off[v] as number);
  return out;
}

/** Sorted neighbours (out-neighbours when directed) of `node`, as a view into the graph: do not mutate. */
export function neighbors(graph: Graph, node: number): Int32Array {
  return graph.targets.subarray(graph.offsets[node] as number, graph.offsets[node + 1] as number);
}

/** Sorted in-neighbours of `node` (a view; equals `neighbors` for undirected graphs). */
export function inNeighbors(graph: Graph, node: number): Int32Array {
  return graph.inSources.subarray(graph.inOffsets[node] as number, graph.inOffsets[node + 1] as number);
}

/** Id of the edge u–v (arc u → v when directed), or -1. Binary search: O(log degree). */
export function edgeBetween(graph: Graph, u: number, v: number): number {
  let lo = graph.offsets[u] as number;
  let hi = (graph.offsets[u + 1] as number) - 1;
  const t = graph.targets;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = t[mid] as number;
    if (x === v) return graph.edgeIds[mid] as number;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** True when the edge u–v (arc u → v when directed) exists. */
export function hasEdge(graph: Graph, u: number, v: number): boolean {
  return edgeBetween(graph, u, v) >= 0;
}

/** The other endpoint of edge `edge` seen from `node`. */
export function opposite(graph: Graph, edge: number, node: number): number {
  const a = graph.edgeSources[edge] as number;
  return a === node ? (graph.edgeTargets[edge] as number) : a;
}

/**
 * Full O(n + m) check of the CSR invariants (sorted rows, symmetric half-edges with shared ids, consistent
 * endpoint arrays, finite weights). Throws `InvalidArgumentError` naming the first violation.
 */
export function validateGraph(value: unknown): Graph {
  const site = { pkg: 'graph', fn: 'validateGraph' };
  const g = checkGraph(site, value);
  const fail = (argument: string, v: unknown, rule: string): never => {
    throw new InvalidArgumentError({ ...site, argument, value: v, rule });
  };
  const checkRows = (offsets: Int32Array, nbrs: Int32Array, ids: Int32Array, name: string, asSource: boolean) => {
    if (offsets[0] !== 0) fail(`graph.${name}Offsets[0]`, offsets[0], '0');
    if (offsets[g.order] !== nbrs.length) fail(`graph.${name}Offsets[order]`, offsets[g.order], `${nbrs.length}`);
    for (let v = 0; v < g.order; v++) {
      const a = offsets[v] as number;
      const b = offsets[v + 1] as number;
      if (b < a) fail(`graph.${name}Offsets[${v + 1}]`, b, `>= ${a}`);
      for (let p = a; p < b; p++) {
        const w = nbrs[p] as number;
        const e = ids[p] as number;
        if (!(w >= 0 && w < g.order)) fail(`graph.${name}[${p}]`, w, `a node id in [0, ${g.order})`);
        if (p > a && w <= (nbrs[p - 1] as number)) fail(`graph.${name}[${p}]`, w, `> ${nbrs[p - 1]} (rows sorted, no repeats)`);
        if (!(e >= 0 && e < g.size)) fail(`graph.${name}EdgeIds[${p}]`, e, `an edge id in [0, ${g.size})`);
        const s = g.edgeSources[e] as number;
        const t = g.edgeTargets[e] as number;
        const matches = g.directed
          ? asSource
            ? s === v && t === w
            : s === w && t === v
          : s === (v < w ? v : w) && t === (v < w ? w : v);
        if (!matches) fail(`graph.${name}EdgeIds[${p}]`, e, `the id of the edge ${v}-${w}`);
        if (!g.directed && v === w) fail(`graph.targets[${p}]`, w, 'not a self-loop in an undirected graph');
      }
    }
  };
  checkRows(g.offsets, g.targets, g.edgeIds, 'targets', true);
  if (g.directed) checkRows(g.inOffsets, g.inSources, g.inEdgeIds, 'inSources', false);
  const weights = g.weights;
  if (weights) {
    for (let e = 0; e < g.size; e++) {
      const w = weights[e] as number;
      if (!Number.isFinite(w)) fail(`graph.weights[${e}]`, w, 'a finite number');
    }
  }
  // Each edge id used exactly twice (undirected) or once per direction table (directed).
  const uses = new Int32Array(g.size);
  for (let p = 0; p < g.edgeIds.length; p++) uses[g.edgeIds[p] as number]!++;
  const expected = g.directed ? 1 : 2;
  for (let e = 0; e < g.size; e++) {
    if (uses[e] !== expected) fail(`graph edge ${e}`, uses[e], `used by ${expected} half-edge(s) of the out-adjacency`);
  }
  return g;
}

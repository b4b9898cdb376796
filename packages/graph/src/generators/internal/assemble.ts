/**
 * CSR assembly for generators that already know their edges are simple. Raw kernels: callers guarantee the
 * preconditions, nothing is validated here (validation happens once, at each generator's entry).
 */
import { assembleGraph, type Graph } from '../../core/graph.js';
import { csrFromEdges } from '../../internal/csr-from-edges.js';

/** Undirected graphs keep 2·size half-edges in Int32 offsets; directed graphs keep size arcs. */
export const MAX_ORDER = 0x7fffffff - 1;
export const MAX_UNDIRECTED_SIZE = 0x3fffffff;
export const MAX_DIRECTED_SIZE = 0x7fffffff - 1;

/**
 * Builds an undirected graph whose edge `e` is `edgeSources[e]`–`edgeTargets[e]`, with sorted rows.
 * Preconditions: `0 ≤ edgeSources[e] < edgeTargets[e] < order`, no pair repeated, arrays of equal length (they are
 * kept, not copied). The shared CSR kernel's no-repeat path: edge ids are the input order.
 */
export function assembleSimpleUndirected(
  order: number,
  edgeSources: Int32Array,
  edgeTargets: Int32Array,
  weights?: Float64Array,
): Graph {
  return assemble(order, edgeSources, edgeTargets, false, weights);
}

/**
 * Builds a directed graph whose arc `e` is `edgeSources[e]` → `edgeTargets[e]`, with sorted out- and in-rows.
 * Preconditions: endpoints in [0, order), no self-loop, no arc repeated.
 */
export function assembleSimpleDirected(order: number, edgeSources: Int32Array, edgeTargets: Int32Array): Graph {
  return assemble(order, edgeSources, edgeTargets, true, undefined);
}

function assemble(
  order: number,
  edgeSources: Int32Array,
  edgeTargets: Int32Array,
  directed: boolean,
  weights: Float64Array | undefined,
): Graph {
  const csr = csrFromEdges(order, edgeSources, edgeTargets, edgeSources.length, directed, weights, false);
  return assembleGraph({
    directed,
    order,
    offsets: csr.offsets,
    targets: csr.targets,
    edgeIds: csr.edgeIds,
    ...(csr.inOffsets ? { inOffsets: csr.inOffsets, inSources: csr.inSources!, inEdgeIds: csr.inEdgeIds! } : {}),
    edgeSources: csr.edgeSources,
    edgeTargets: csr.edgeTargets,
    weights: csr.weights,
  });
}

/** A growable pair of Int32 endpoint arrays, for generators whose edge count is random. */
export interface EdgeBuffer {
  sources: Int32Array;
  targets: Int32Array;
  length: number;
}

export function createEdgeBuffer(capacity: number): EdgeBuffer {
  const c = Math.max(16, Math.ceil(capacity));
  return { sources: new Int32Array(c), targets: new Int32Array(c), length: 0 };
}

/** Appends u→v, doubling the buffers when full (amortised O(1)). */
export function pushEdge(buffer: EdgeBuffer, u: number, v: number): void {
  if (buffer.length === buffer.sources.length) {
    const c = 2 * buffer.length;
    const s = new Int32Array(c);
    const t = new Int32Array(c);
    s.set(buffer.sources);
    t.set(buffer.targets);
    buffer.sources = s;
    buffer.targets = t;
  }
  buffer.sources[buffer.length] = u;
  buffer.targets[buffer.length] = v;
  buffer.length++;
}

/** Trimmed copies (or the arrays themselves when already exact). */
export function edgeBufferArrays(buffer: EdgeBuffer): { sources: Int32Array; targets: Int32Array } {
  if (buffer.length === buffer.sources.length) return { sources: buffer.sources, targets: buffer.targets };
  return { sources: buffer.sources.slice(0, buffer.length), targets: buffer.targets.slice(0, buffer.length) };
}

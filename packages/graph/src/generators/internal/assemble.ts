/**
 * CSR assembly for generators that already know their edges are simple. Raw kernels: callers guarantee the
 * preconditions, nothing is validated here (validation happens once, at each generator's entry).
 */
import { assembleGraph, type Graph } from '../../core/graph.js';

/** Undirected graphs keep 2·size half-edges in Int32 offsets; directed graphs keep size arcs. */
export const MAX_ORDER = 0x7fffffff - 1;
export const MAX_UNDIRECTED_SIZE = 0x3fffffff;
export const MAX_DIRECTED_SIZE = 0x7fffffff - 1;

/**
 * Builds an undirected graph whose edge `e` is `edgeSources[e]`–`edgeTargets[e]`, with sorted rows, in O(order + size).
 *
 * Preconditions: `0 ≤ edgeSources[e] < edgeTargets[e] < order`, no pair repeated, arrays of equal length (they are
 * kept, not copied). Rows are sorted by a transposition: rows are first filled in edge order, then re-read node by
 * node in increasing order, which appends each node to its neighbours' final rows in increasing order.
 */
export function assembleSimpleUndirected(
  order: number,
  edgeSources: Int32Array,
  edgeTargets: Int32Array,
  weights?: Float64Array,
): Graph {
  const size = edgeSources.length;
  const offsets = new Int32Array(order + 1);
  for (let e = 0; e < size; e++) {
    offsets[(edgeSources[e] as number) + 1]!++;
    offsets[(edgeTargets[e] as number) + 1]!++;
  }
  for (let v = 0; v < order; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const cursor = offsets.slice(0, order);
  const looseTargets = new Int32Array(2 * size);
  const looseIds = new Int32Array(2 * size);
  for (let e = 0; e < size; e++) {
    const u = edgeSources[e] as number;
    const v = edgeTargets[e] as number;
    let p = cursor[u] as number;
    cursor[u] = p + 1;
    looseTargets[p] = v;
    looseIds[p] = e;
    p = cursor[v] as number;
    cursor[v] = p + 1;
    looseTargets[p] = u;
    looseIds[p] = e;
  }
  cursor.set(offsets.subarray(0, order));
  const targets = new Int32Array(2 * size);
  const edgeIds = new Int32Array(2 * size);
  for (let x = 0; x < order; x++) {
    const end = offsets[x + 1] as number;
    for (let p = offsets[x] as number; p < end; p++) {
      const y = looseTargets[p] as number;
      const q = cursor[y] as number;
      cursor[y] = q + 1;
      targets[q] = x;
      edgeIds[q] = looseIds[p] as number;
    }
  }
  return assembleGraph({ directed: false, order, offsets, targets, edgeIds, edgeSources, edgeTargets, weights });
}

/**
 * Builds a directed graph whose arc `e` is `edgeSources[e]` → `edgeTargets[e]`, with sorted out- and in-rows, in
 * O(order + size). Preconditions: endpoints in [0, order), no self-loop, no arc repeated.
 */
export function assembleSimpleDirected(order: number, edgeSources: Int32Array, edgeTargets: Int32Array): Graph {
  const size = edgeSources.length;
  const offsets = new Int32Array(order + 1);
  const inOffsets = new Int32Array(order + 1);
  for (let e = 0; e < size; e++) {
    offsets[(edgeSources[e] as number) + 1]!++;
    inOffsets[(edgeTargets[e] as number) + 1]!++;
  }
  for (let v = 0; v < order; v++) {
    offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
    inOffsets[v + 1] = (inOffsets[v + 1] as number) + (inOffsets[v] as number);
  }
  // Pass 1: in-rows in arc order (unsorted). Pass 2: reading them target by target fills sorted out-rows.
  // Pass 3: reading the sorted out-rows source by source refills the in-rows sorted.
  const inSources = new Int32Array(size);
  const inEdgeIds = new Int32Array(size);
  const inCursor = inOffsets.slice(0, order);
  for (let e = 0; e < size; e++) {
    const t = edgeTargets[e] as number;
    const p = inCursor[t] as number;
    inCursor[t] = p + 1;
    inSources[p] = edgeSources[e] as number;
    inEdgeIds[p] = e;
  }
  const targets = new Int32Array(size);
  const edgeIds = new Int32Array(size);
  const outCursor = offsets.slice(0, order);
  for (let t = 0; t < order; t++) {
    const end = inOffsets[t + 1] as number;
    for (let p = inOffsets[t] as number; p < end; p++) {
      const s = inSources[p] as number;
      const q = outCursor[s] as number;
      outCursor[s] = q + 1;
      targets[q] = t;
      edgeIds[q] = inEdgeIds[p] as number;
    }
  }
  inCursor.set(inOffsets.subarray(0, order));
  for (let s = 0; s < order; s++) {
    const end = offsets[s + 1] as number;
    for (let p = offsets[s] as number; p < end; p++) {
      const t = targets[p] as number;
      const q = inCursor[t] as number;
      inCursor[t] = q + 1;
      inSources[q] = s;
      inEdgeIds[q] = edgeIds[p] as number;
    }
  }
  return assembleGraph({
    directed: true,
    order,
    offsets,
    targets,
    edgeIds,
    inOffsets,
    inSources,
    inEdgeIds,
    edgeSources,
    edgeTargets,
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

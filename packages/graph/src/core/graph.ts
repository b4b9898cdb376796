/**
 * The immutable compressed-sparse-row (CSR) graph every isinglab package computes on.
 *
 * Nodes are `0..order-1`. Row `v` of the adjacency is `targets[offsets[v] .. offsets[v+1])`, sorted ascending.
 * Undirected graphs store each edge as two half-edges (one in each endpoint's row) sharing one edge id;
 * directed graphs store each arc once in the out-rows and once in the in-rows, with one id per arc.
 * Per-edge data (weights, couplings) is indexed by edge id. Typed arrays cannot be frozen: treat them as read-only.
 */

export interface Graph {
  /** True for a directed graph (arcs u → v), false for an undirected one. */
  readonly directed: boolean;
  /** Number of nodes. */
  readonly order: number;
  /** Number of edges (undirected) or arcs (directed). */
  readonly size: number;
  /** Row starts of the out-adjacency (all neighbours when undirected), length `order + 1`. */
  readonly offsets: Int32Array;
  /** Neighbour of each half-edge; each row sorted ascending. Length `2·size` undirected, `size` directed. */
  readonly targets: Int32Array;
  /** Edge id of each half-edge in `targets`. */
  readonly edgeIds: Int32Array;
  /** Row starts of the in-adjacency; the same array as `offsets` for undirected graphs. */
  readonly inOffsets: Int32Array;
  /** Source of each incoming half-edge, rows sorted; the same array as `targets` for undirected graphs. */
  readonly inSources: Int32Array;
  /** Edge id of each incoming half-edge; the same array as `edgeIds` for undirected graphs. */
  readonly inEdgeIds: Int32Array;
  /** First endpoint of each edge id (for undirected graphs the smaller endpoint). */
  readonly edgeSources: Int32Array;
  /** Second endpoint of each edge id (for undirected graphs the larger endpoint). */
  readonly edgeTargets: Int32Array;
  /** Weight of each edge id, or undefined for an unweighted graph. */
  readonly weights: Float64Array | undefined;
  /** Optional node labels (e.g. names from a file), `labels[v]` for node `v`. */
  readonly labels: readonly string[] | undefined;
}

/** Fields from which `assembleGraph` builds a frozen Graph; callers guarantee the CSR invariants. */
export interface GraphParts {
  directed: boolean;
  order: number;
  offsets: Int32Array;
  targets: Int32Array;
  edgeIds: Int32Array;
  inOffsets?: Int32Array;
  inSources?: Int32Array;
  inEdgeIds?: Int32Array;
  edgeSources: Int32Array;
  edgeTargets: Int32Array;
  weights?: Float64Array | undefined;
  labels?: readonly string[] | undefined;
}

/** @internal Freezes a graph object from parts that already satisfy the CSR invariants. */
export function assembleGraph(parts: GraphParts): Graph {
  const graph: Graph = {
    directed: parts.directed,
    order: parts.order,
    size: parts.edgeSources.length,
    offsets: parts.offsets,
    targets: parts.targets,
    edgeIds: parts.edgeIds,
    inOffsets: parts.inOffsets ?? parts.offsets,
    inSources: parts.inSources ?? parts.targets,
    inEdgeIds: parts.inEdgeIds ?? parts.edgeIds,
    edgeSources: parts.edgeSources,
    edgeTargets: parts.edgeTargets,
    weights: parts.weights,
    labels: parts.labels === undefined ? undefined : Object.freeze(parts.labels.slice()),
  };
  return Object.freeze(graph);
}

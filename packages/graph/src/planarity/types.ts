/** Result types shared by the planarity functions. */

/**
 * A combinatorial planar embedding (rotation system) of an undirected graph, stored in CSR form aligned with the
 * graph: `offsets` is the graph's own `offsets` array, and for node `v` the slice
 * `rotation[offsets[v] .. offsets[v+1])` lists all neighbours of `v` in **clockwise** cyclic order around `v`
 * (the starting point of each cycle is arbitrary), with `rotationEdgeIds` giving the matching edge ids.
 *
 * Orientation convention: "clockwise" means clockwise in some crossing-free drawing of the graph; the mirror
 * drawing has the same rows read counterclockwise, so a rotation system only fixes the drawing up to reflection.
 * `planarFaces` traces faces with the face on the LEFT of each half-edge (after `u → v` comes `v → x`, where `x`
 * follows `u` in the clockwise row of `v`), so bounded faces are walked counterclockwise in that drawing.
 */
export interface PlanarEmbedding {
  /** Row starts, length `order + 1`: the graph's `offsets` (the same array). */
  readonly offsets: Int32Array;
  /** Neighbours of each node in clockwise order, length `2·size`. */
  readonly rotation: Int32Array;
  /** Edge id of each entry of `rotation`. */
  readonly rotationEdgeIds: Int32Array;
}

/**
 * A Kuratowski subgraph: edges of the input graph forming a subdivision of K5 or K3,3, the certificate that a graph
 * is not planar.
 */
export interface KuratowskiSubgraph {
  /** Which Kuratowski graph the edges subdivide. */
  readonly kind: 'K5' | 'K33';
  /** Edge ids of the input graph, ascending. */
  readonly edges: Int32Array;
  /**
   * The branch nodes (the nodes of degree 4 in a K5 subdivision, degree 3 in a K3,3 subdivision): 5 nodes for K5;
   * 6 nodes `[a0, a1, a2, b0, b1, b2]` for K3,3, where the `a`s form one side and the `b`s the other.
   */
  readonly branchNodes: Int32Array;
}

/** Outcome of `verifyPlanarEmbedding` and `verifyKuratowskiSubgraph`. */
export interface PlanarityVerification {
  /** True when the certificate is correct. */
  readonly valid: boolean;
  /** When invalid, the first problem found. */
  readonly reason?: string;
}

import { InvalidArgumentError } from '../errors/errors.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import type { PlanarEmbedding } from './types.js';
import { rotationProblem, traceFaces } from './internal-faces.js';

/** Faces of a rotation system, as returned by `planarFaces`. */
export interface PlanarFaces {
  /**
   * Number of traced faces: one per boundary walk. Each connected component with at least one edge contributes its
   * own outer face; isolated nodes contribute none. (The plane drawing with components side by side has
   * `faceCount − componentsWithEdges + 1` faces.)
   */
  faceCount: number;
  /** Start of each face's walk in `faceNodes` / `faceHalfEdges`, length `faceCount + 1`. */
  faceOffsets: Int32Array;
  /**
   * For face `f`, the nodes met along its boundary walk, `faceNodes[faceOffsets[f] .. faceOffsets[f+1])`: the tail
   * of each successive half-edge (a node can repeat, e.g. at a cut vertex). Length `2·size`.
   */
  faceNodes: Int32Array;
  /**
   * The half-edges of each face walk, aligned with `faceNodes`. A half-edge is named by its position `q` in
   * `embedding.rotation`: it leaves the node whose row holds `q` towards `rotation[q]`, along edge
   * `rotationEdgeIds[q]`. Length `2·size`.
   */
  faceHalfEdges: Int32Array;
  /** Face of each half-edge position `q`, length `2·size`: the face on its left. */
  halfEdgeFace: Int32Array;
}

/**
 * The faces of a combinatorial embedding, found by tracing: from half-edge `u → v` the walk continues with
 * `v → x`, where `x` is the neighbour that follows `u` in the clockwise row of `v`. This keeps the face on the
 * left of every half-edge, so the bounded faces of a planar drawing are walked counterclockwise and each half-edge
 * lies in exactly one face. Works for any rotation system (planar or not; on a non-planar one the faces are those
 * of the surface it defines).
 *
 * Complexity: O(n + m) time and memory.
 *
 * Reference: J. Edmonds, "A combinatorial representation for polyhedral surfaces", Notices AMS 7 (1960); B. Mohar
 * and C. Thomassen, "Graphs on Surfaces", Johns Hopkins University Press (2001), §3.2 (face tracing).
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph or `embedding` is not a rotation system of
 * it (wrong lengths, offsets differing from `graph.offsets`, a row that is not a permutation of the node's edges).
 */
export function planarFaces(graph: Graph, embedding: PlanarEmbedding): PlanarFaces {
  const site = { pkg: 'graph', fn: 'planarFaces' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const problem = rotationProblem(graph, embedding);
  if (problem !== null) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'embedding',
      value: embedding,
      rule: `a rotation system of graph (${problem})`,
      hint: 'Use checkPlanarity(graph).embedding.',
    });
  }
  return traceFaces(graph, embedding);
}

import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import type { PlanarEmbedding, PlanarityVerification } from './types.js';
import { countComponents, rotationProblem, traceFaces } from './internal-faces.js';

/**
 * Checks that `embedding` is a planar rotation system of `graph`, independently of how it was computed:
 * 1. shape: `offsets` equals `graph.offsets`; each row `v` of `rotation` / `rotationEdgeIds` is a permutation of
 *    the edges incident to `v`, each entry naming the neighbour at the other end of its edge;
 * 2. face tracing (as in `planarFaces`) puts every half-edge into exactly one face;
 * 3. Euler's formula `V − E + F = 1 + C`, where C counts connected components including isolated nodes and F is
 *    the number of faces of the plane drawing with components placed side by side,
 *    `F = tracedFaces − (components with an edge) + 1`. An isolated node has no traced face; the empty graph has
 *    V = E = C = 0 and F = 1.
 *
 * A rotation system embeds each component on an orientable surface of genus g with V − E + F = 2 − 2g, so equality
 * in 3 holds exactly when every genus is 0, i.e. the embedding is planar.
 *
 * Complexity: O(n + m α(n)) time, O(n + m) memory.
 *
 * Reference: B. Mohar and C. Thomassen, "Graphs on Surfaces" (2001), §3.2–3.3 (rotation systems, Euler genus).
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph (a malformed `embedding` is reported as
 * invalid, not thrown).
 */
export function verifyPlanarEmbedding(graph: Graph, embedding: PlanarEmbedding): PlanarityVerification {
  const site = { pkg: 'graph', fn: 'verifyPlanarEmbedding' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const problem = rotationProblem(graph, embedding);
  if (problem !== null) return { valid: false, reason: problem };
  const faces = traceFaces(graph, embedding);
  const h = 2 * graph.size;
  // traceFaces follows a permutation, so every half-edge lands in exactly one walk; check it rather than trust it.
  let covered = 0;
  for (let q = 0; q < h; q++) if ((faces.halfEdgeFace[q] as number) >= 0) covered++;
  if (covered !== h || faces.faceOffsets[faces.faceCount] !== h) {
    return { valid: false, reason: `face tracing covered ${covered} of ${h} half-edges` };
  }
  const { components, withEdges } = countComponents(graph);
  const planeFaces = faces.faceCount - withEdges + 1;
  const lhs = graph.order - graph.size + planeFaces;
  if (lhs !== 1 + components) {
    return {
      valid: false,
      reason:
        `Euler's formula fails: V − E + F = ${graph.order} − ${graph.size} + ${planeFaces} = ${lhs}, ` +
        `but 1 + C = ${1 + components} (the rotation system has genus ${(1 + components - lhs) / 2})`,
    };
  }
  return { valid: true };
}

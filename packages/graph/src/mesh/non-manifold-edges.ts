/** Lists of the boundary and non-manifold edges of a triangle mesh. */
import { checkMesh } from './internal/check-mesh.js';
import { edgeFaceCounts, faceSideEdges } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface NonManifoldEdgesResult {
  /** Ids (in `mesh.graph`) of the edges on three or more faces, increasing. */
  nonManifoldEdges: Int32Array;
  /** Ids of the edges on exactly one face, increasing. */
  boundaryEdges: Int32Array;
  /** Number of faces on each edge id. */
  faceCountPerEdge: Int32Array;
}

/**
 * The edges that keep a mesh from being a closed 2-manifold: non-manifold edges (shared by more than two faces, as in
 * the decimated Stanford dragons) and boundary edges (on one face). Endpoints are `mesh.graph.edgeSources[e]` and
 * `edgeTargets[e]`. `meshEdgeStats` gives only the counts. A face listed twice counts twice on each of its edges.
 *
 * Throws InvalidArgumentError for a malformed mesh (including a graph that does not match the faces).
 *
 * Complexity: O(V + F log d). Reference: M. Botsch et al., "Polygon Mesh Processing", AK Peters 2010, §1.3.
 */
export function nonManifoldEdges(mesh: TriangleMesh): NonManifoldEdgesResult {
  const site = { pkg: 'graph', fn: 'nonManifoldEdges' };
  checkMesh(site, mesh);
  const counts = edgeFaceCounts(mesh, faceSideEdges(site, mesh));
  let nm = 0;
  let bd = 0;
  for (let e = 0; e < counts.length; e++) {
    const c = counts[e] as number;
    if (c >= 3) nm++;
    else if (c === 1) bd++;
  }
  const nonManifold = new Int32Array(nm);
  const boundary = new Int32Array(bd);
  nm = 0;
  bd = 0;
  for (let e = 0; e < counts.length; e++) {
    const c = counts[e] as number;
    if (c >= 3) nonManifold[nm++] = e;
    else if (c === 1) boundary[bd++] = e;
  }
  return { nonManifoldEdges: nonManifold, boundaryEdges: boundary, faceCountPerEdge: counts };
}

/** Edge–face incidence statistics of a triangle mesh. */
import { checkMesh } from './internal/check-mesh.js';
import { edgeFaceCounts, faceSideEdges } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface MeshEdgeStats {
  /** Edges on exactly one face. */
  boundaryEdges: number;
  /** Edges on exactly two faces. */
  manifoldEdges: number;
  /** Edges on three or more faces. */
  nonManifoldEdges: number;
  /** Number of faces on each edge id of `mesh.graph` (≥ 1 for a mesh from meshFromArrays). */
  faceCountPerEdge: Int32Array;
  /** χ = V − E + F (2 − 2g − b for a connected orientable surface of genus g with b boundary loops). */
  eulerCharacteristic: number;
}

/**
 * Counts how many faces share each edge and classifies the edges: boundary (1 face), manifold (2), non-manifold (≥ 3),
 * plus the Euler characteristic V − E + F. A closed 2-manifold has no boundary and no non-manifold edges; note that
 * this does not detect non-manifold vertices (two fans touching at a vertex) or inconsistent orientation.
 * A face listed twice counts twice. Edges of `mesh.graph` on no face (not produced by meshFromArrays) count in none
 * of the three classes.
 *
 * Complexity: O(V + F log d). Reference: M. Botsch et al., "Polygon Mesh Processing", AK Peters 2010, §1.3
 * (manifoldness and Euler's formula).
 */
export function meshEdgeStats(mesh: TriangleMesh): MeshEdgeStats {
  const site = { pkg: 'graph', fn: 'meshEdgeStats' };
  checkMesh(site, mesh);
  const counts = edgeFaceCounts(mesh, faceSideEdges(site, mesh));
  let boundaryEdges = 0;
  let manifoldEdges = 0;
  let nonManifoldEdges = 0;
  for (let e = 0; e < counts.length; e++) {
    const c = counts[e] as number;
    if (c === 1) boundaryEdges++;
    else if (c === 2) manifoldEdges++;
    else if (c >= 3) nonManifoldEdges++;
  }
  return {
    boundaryEdges,
    manifoldEdges,
    nonManifoldEdges,
    faceCountPerEdge: counts,
    eulerCharacteristic: mesh.vertexCount - mesh.graph.size + mesh.faceCount,
  };
}

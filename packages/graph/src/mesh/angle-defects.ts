/** Angle defects (integrated Gaussian curvature) of a triangle mesh. */
import { checkMesh } from './internal/check-mesh.js';
import { angleDefectsKernel, cornerGeometry, faceSideEdges } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

/**
 * Angle defect at each vertex, with θ the interior angles of its faces (θ = atan2(|u × v|, u·v), finite even on
 * degenerate faces):
 * - interior vertex: 2π − Σθ (Descartes' defect, the integrated Gaussian curvature);
 * - boundary vertex (on two boundary edges, i.e. edges with a single face): π − Σθ, the integrated geodesic
 *   curvature (turning angle) of the boundary; in general 2π − Σθ − (π/2)·b with b the number of boundary edges at
 *   the vertex, so pinched boundary vertices are counted correctly;
 * - vertices on non-manifold edges (≥ 3 faces) are treated as interior.
 * Discrete Gauss–Bonnet: on any mesh whose edges have at most two faces (closed or with boundary) the defects sum to
 * 2π χ with χ = V − E + F (`meshEdgeStats`), up to rounding; with non-manifold edges the sum is
 * 2πχ − π Σ_e (k_e − 2) over edges e on k_e ≥ 3 faces.
 *
 * Complexity: O(V + F log d). Reference: Meyer, Desbrun, Schröder, Barr 2003, §5 (eq. 9); discrete Gauss–Bonnet
 * e.g. K. Crane, "Discrete differential geometry: an applied introduction", 2018, §5.
 *
 * @returns Float64Array indexed by vertex id (radians).
 */
export function angleDefects(mesh: TriangleMesh): Float64Array {
  const site = { pkg: 'graph', fn: 'angleDefects' };
  checkMesh(site, mesh);
  return angleDefectsKernel(mesh, cornerGeometry(mesh), faceSideEdges(site, mesh));
}

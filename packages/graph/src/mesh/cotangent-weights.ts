/** Cotangent edge weights of a triangle mesh (Pinkall & Polthier 1993). */
import { checkMesh } from './internal/check-mesh.js';
import { cornerGeometry, cotangentWeightsKernel, faceSideEdges } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

/**
 * Cotangent weight of every edge of `mesh.graph`: w_ij = ½ Σ cot θ over the angles θ opposite edge ij in the faces
 * that contain it, i.e. (cot α_ij + cot β_ij)/2 on an interior manifold edge, ½ cot α_ij on a boundary edge, and the
 * sum over all k faces on a non-manifold edge (k ≥ 3). Weights are negative where the opposite angles sum past π
 * (non-Delaunay edges).
 *
 * Degenerate faces (twice the area ≤ 1e-12 · Σ squared side lengths: collinear or coincident corners) contribute
 * nothing, so the result is always finite.
 *
 * These are the off-diagonal magnitudes of `cotangentLaplacian`, and Σ_j w_ij (x_i − x_j) is the gradient of the
 * total surface area with respect to x_i.
 *
 * Complexity: O(V + F log d), d the largest degree. Reference: U. Pinkall, K. Polthier, "Computing discrete minimal
 * surfaces and their conjugates", Experimental Mathematics 2(1), 1993; O. Sorkine, "Laplacian mesh processing",
 * Eurographics STAR 2005 (the weights of eq. 26 of "Ising on the Graph").
 *
 * @returns Float64Array indexed by edge id of `mesh.graph`.
 */
export function cotangentWeights(mesh: TriangleMesh): Float64Array {
  const site = { pkg: 'graph', fn: 'cotangentWeights' };
  checkMesh(site, mesh);
  const sides = faceSideEdges(site, mesh);
  return cotangentWeightsKernel(mesh, cornerGeometry(mesh), sides);
}

/** The cotangent Laplacian of a triangle mesh as a sparse symmetric CSR matrix. */
import { checkMesh } from './internal/check-mesh.js';
import {
  cornerGeometry,
  cotangentWeightsKernel,
  faceSideEdges,
  laplacianFromWeights,
} from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

/**
 * A square sparse matrix in compressed-sparse-row form. Row i holds the entries
 * `values[offsets[i] .. offsets[i+1])` in the columns `columns[offsets[i] .. offsets[i+1])`, sorted ascending.
 */
export interface CotangentLaplacianMatrix {
  /** Number of rows and columns (= number of mesh vertices). */
  readonly order: number;
  /** Row starts, length order + 1. */
  readonly offsets: Int32Array;
  /** Column of each stored entry; each row sorted ascending and containing its diagonal. */
  readonly columns: Int32Array;
  /** Value of each stored entry. */
  readonly values: Float64Array;
}

/**
 * The cotangent Laplacian L of `mesh`, positive semi-definite convention:
 * L_ij = −w_ij for every mesh edge ij, L_ii = Σ_j w_ij, 0 elsewhere, with w the `cotangentWeights`
 * ((cot α_ij + cot β_ij)/2, summed over all faces of a non-manifold edge; degenerate faces skipped).
 * L is symmetric, its rows sum to 0, L·1 = 0, and (L x)_i = Σ_j w_ij (x_i − x_j) is the gradient of the total area
 * with respect to vertex position x_i. L is positive semi-definite on every mesh: fᵀ L f = Σ_edges w_ij (f_i − f_j)²
 * equals Σ_faces area·|∇f|² for the piecewise-linear interpolant of f (the Dirichlet energy), even where some w_ij are
 * negative (non-Delaunay edges, whose opposite angles sum past π); negative weights only break the discrete maximum
 * principle. This is −1 times the matrix C of eq. 26 of "Ising on the Graph" (which puts +w off the diagonal).
 *
 * Row i stores its diagonal and its neighbours (every row has degree + 1 entries, columns sorted), so
 * `offsets[i] = graph.offsets[i] + i`. No mass matrix is applied: divide by `vertexAreas` for the pointwise operator.
 *
 * Complexity: O(V + F log d) time, V + 2E stored entries. Reference: Pinkall & Polthier 1993; Meyer, Desbrun,
 * Schröder, Barr, "Discrete differential-geometry operators for triangulated 2-manifolds", VisMath 2002 (2003).
 */
export function cotangentLaplacian(mesh: TriangleMesh): CotangentLaplacianMatrix {
  const site = { pkg: 'graph', fn: 'cotangentLaplacian' };
  checkMesh(site, mesh);
  const w = cotangentWeightsKernel(mesh, cornerGeometry(mesh), faceSideEdges(site, mesh));
  return laplacianFromWeights(mesh, w);
}

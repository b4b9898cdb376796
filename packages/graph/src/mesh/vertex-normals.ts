/** Unit vertex normals of a triangle mesh. */
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import { cornerGeometry, vertexNormalsKernel, type NormalWeighting } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export type { NormalWeighting } from './internal/mesh-kernels.js';

export interface VertexNormalsOptions {
  /**
   * How incident unit face normals are weighted: 'angle' by the corner angle at the vertex (Thürmer & Wüthrich),
   * 'area' by the face area, 'uniform' equally (Gouraud).
   * @default 'angle'
   */
  weighting?: NormalWeighting;
}

const DEFAULTS = Object.freeze({ weighting: 'angle' as NormalWeighting });
const OPTION_KEYS = ['weighting'] as const;
const WEIGHTINGS: readonly NormalWeighting[] = ['angle', 'area', 'uniform'];

/**
 * Unit normal at each vertex: the normalised weighted sum of the unit normals of its faces. Face normals follow the
 * winding by the right-hand rule ((b − a) × (c − a) for face a, b, c), so a consistently counter-clockwise-outward
 * closed mesh gets outward normals; inconsistent winding gives meaningless normals (not detected).
 *
 * Zero vector (documented, never NaN): a vertex in no face, a vertex whose faces are all degenerate (twice the area
 * ≤ 1e-12 · Σ squared side lengths; such faces are skipped), or one whose weighted sum has length ≤ 1e-12 times the
 * total weight (cancelling faces, e.g. a folded sheet).
 *
 * Complexity: O(V + F). References: G. Thürmer, C. A. Wüthrich, "Computing vertex normals from polygonal facets",
 * Journal of Graphics Tools 3(1), 1998; N. Max, "Weights for computing vertex normals from facet normals", JGT 1999.
 *
 * @returns Float64Array of length 3V: normal of vertex v at 3v, 3v+1, 3v+2.
 */
export function vertexNormals(mesh: TriangleMesh, options?: VertexNormalsOptions): Float64Array {
  const site = { pkg: 'graph', fn: 'vertexNormals' };
  checkMesh(site, mesh);
  const opts = { ...DEFAULTS, ...checkOptions<VertexNormalsOptions>(site, options, OPTION_KEYS) };
  const weighting = checkOneOf(site, 'options.weighting', opts.weighting, WEIGHTINGS);
  return vertexNormalsKernel(mesh, cornerGeometry(mesh), weighting);
}

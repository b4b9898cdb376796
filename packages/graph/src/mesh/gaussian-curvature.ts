/** Discrete Gaussian curvature (angle defect per unit area) of a triangle mesh. */
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import {
  angleDefectsKernel,
  cornerGeometry,
  faceSideEdges,
  vertexAreasKernel,
  type VertexAreaKind,
} from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface GaussianCurvatureOptions {
  /** Vertex areas A_i dividing the defects (see `vertexAreas`). @default 'mixed-voronoi' */
  areaKind?: VertexAreaKind;
}

const DEFAULTS = Object.freeze({ areaKind: 'mixed-voronoi' as VertexAreaKind });
const OPTION_KEYS = ['areaKind'] as const;
const KINDS: readonly VertexAreaKind[] = ['barycentric', 'mixed-voronoi'];

/**
 * Gaussian curvature K_i = defect_i / A_i, with `angleDefects` (2π − Σθ at interior vertices) and `vertexAreas`.
 * At boundary vertices the defect is π − Σθ (the boundary's turning angle, see `angleDefects`), so K_i there is a
 * geodesic-curvature density rather than a Gaussian curvature: mask boundary vertices when that matters.
 * Vertices with zero area get 0 (never NaN). A sphere of radius r gives ≈ 1/r²; planar interiors give 0.
 *
 * Complexity: O(V + F log d). Reference: Meyer, Desbrun, Schröder, Barr 2003, §5 (eq. 9).
 *
 * @returns Float64Array indexed by vertex id.
 */
export function gaussianCurvature(mesh: TriangleMesh, options?: GaussianCurvatureOptions): Float64Array {
  const site = { pkg: 'graph', fn: 'gaussianCurvature' };
  checkMesh(site, mesh);
  const opts = { ...DEFAULTS, ...checkOptions<GaussianCurvatureOptions>(site, options, OPTION_KEYS) };
  const areaKind = checkOneOf(site, 'options.areaKind', opts.areaKind, KINDS);
  const geom = cornerGeometry(mesh);
  const defects = angleDefectsKernel(mesh, geom, faceSideEdges(site, mesh));
  const areas = vertexAreasKernel(mesh, geom, areaKind);
  for (let v = 0; v < mesh.vertexCount; v++) {
    const a = areas[v] as number;
    defects[v] = a > 0 ? (defects[v] as number) / a : 0;
  }
  return defects;
}

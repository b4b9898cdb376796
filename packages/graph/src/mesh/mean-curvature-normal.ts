/** The discrete mean-curvature normal H·n of a triangle mesh. */
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import {
  cornerGeometry,
  cotangentWeightsKernel,
  faceSideEdges,
  laplacianOfPositions,
  vertexAreasKernel,
  type VertexAreaKind,
} from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface MeanCurvatureNormalOptions {
  /** Vertex areas A_i that normalise the Laplacian (see `vertexAreas`). @default 'mixed-voronoi' */
  areaKind?: VertexAreaKind;
}

const DEFAULTS = Object.freeze({ areaKind: 'mixed-voronoi' as VertexAreaKind });
const OPTION_KEYS = ['areaKind'] as const;
const KINDS: readonly VertexAreaKind[] = ['barycentric', 'mixed-voronoi'];

/**
 * Mean-curvature normal at each vertex, Hn_i = (L x)_i / (2 A_i) with L the PSD cotangent Laplacian and x the
 * positions: (L x)_i = Σ_j w_ij (x_i − x_j) = ½ Σ_j (cot α_ij + cot β_ij)(x_i − x_j) is the area gradient, which
 * equals 2 H A_i n_i on a smooth surface. On a sphere of radius r it points outward with length ≈ 1/r, independent
 * of the face winding. Meyer et al.'s K(x_i) is twice this vector.
 *
 * At boundary vertices the vector also carries the in-surface boundary term (it is not a curvature there). Vertices
 * with zero area (in no non-degenerate face) get the zero vector.
 *
 * Complexity: O(V + F log d). Reference: Meyer, Desbrun, Schröder, Barr 2003, §3.5 (eq. 8) and §4.
 *
 * @returns Float64Array of length 3V.
 */
export function meanCurvatureNormal(mesh: TriangleMesh, options?: MeanCurvatureNormalOptions): Float64Array {
  const site = { pkg: 'graph', fn: 'meanCurvatureNormal' };
  checkMesh(site, mesh);
  const opts = { ...DEFAULTS, ...checkOptions<MeanCurvatureNormalOptions>(site, options, OPTION_KEYS) };
  const areaKind = checkOneOf(site, 'options.areaKind', opts.areaKind, KINDS);
  const geom = cornerGeometry(mesh);
  const w = cotangentWeightsKernel(mesh, geom, faceSideEdges(site, mesh));
  const y = laplacianOfPositions(mesh, w);
  const areas = vertexAreasKernel(mesh, geom, areaKind);
  for (let v = 0; v < mesh.vertexCount; v++) {
    const a = areas[v] as number;
    const s = a > 0 ? 1 / (2 * a) : 0;
    y[3 * v] = (y[3 * v] as number) * s;
    y[3 * v + 1] = (y[3 * v + 1] as number) * s;
    y[3 * v + 2] = (y[3 * v + 2] as number) * s;
  }
  return y;
}

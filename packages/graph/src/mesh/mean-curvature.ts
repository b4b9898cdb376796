/** Signed discrete mean curvature of a triangle mesh. */
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import {
  cornerGeometry,
  cotangentWeightsKernel,
  faceSideEdges,
  laplacianOfPositions,
  vertexAreasKernel,
  vertexNormalsKernel,
  type NormalWeighting,
  type VertexAreaKind,
} from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface MeanCurvatureOptions {
  /** Vertex areas A_i (see `vertexAreas`). @default 'mixed-voronoi' */
  areaKind?: VertexAreaKind;
  /** Weighting of the vertex normals n_i that give the sign (see `vertexNormals`). @default 'angle' */
  normalWeighting?: NormalWeighting;
}

const DEFAULTS = Object.freeze({
  areaKind: 'mixed-voronoi' as VertexAreaKind,
  normalWeighting: 'angle' as NormalWeighting,
});
const OPTION_KEYS = ['areaKind', 'normalWeighting'] as const;
const KINDS: readonly VertexAreaKind[] = ['barycentric', 'mixed-voronoi'];
const WEIGHTINGS: readonly NormalWeighting[] = ['angle', 'area', 'uniform'];

/**
 * Signed mean curvature H_i = ½ (L x)_i · n_i / A_i, with L the PSD cotangent Laplacian (`cotangentLaplacian`),
 * x the positions, n_i the unit vertex normal (`vertexNormals`) and A_i the vertex area (`vertexAreas`).
 *
 * Sign convention: H = (κ1 + κ2)/2 is positive where the surface bends away from its normal, so a sphere of radius
 * r with outward normals (counter-clockwise faces seen from outside) has H ≈ +1/r; flipping the winding flips the
 * sign. Planar regions give 0. At boundary vertices the projection removes the in-plane boundary term only
 * approximately: treat those values as indicative. Vertices with zero area or a zero normal get 0 (never NaN).
 *
 * Complexity: O(V + F log d). Reference: Meyer, Desbrun, Schröder, Barr 2003, §3.5 and §4 (K = 2Hn); the unsigned
 * feature of "Ising on the Graph" eq. 27 is |(L x)_i|², see `applyCotangentLaplacian`.
 *
 * @returns Float64Array indexed by vertex id.
 */
export function meanCurvature(mesh: TriangleMesh, options?: MeanCurvatureOptions): Float64Array {
  const site = { pkg: 'graph', fn: 'meanCurvature' };
  checkMesh(site, mesh);
  const opts = { ...DEFAULTS, ...checkOptions<MeanCurvatureOptions>(site, options, OPTION_KEYS) };
  const areaKind = checkOneOf(site, 'options.areaKind', opts.areaKind, KINDS);
  const weighting = checkOneOf(site, 'options.normalWeighting', opts.normalWeighting, WEIGHTINGS);
  const geom = cornerGeometry(mesh);
  const w = cotangentWeightsKernel(mesh, geom, faceSideEdges(site, mesh));
  const y = laplacianOfPositions(mesh, w);
  const areas = vertexAreasKernel(mesh, geom, areaKind);
  const normals = vertexNormalsKernel(mesh, geom, weighting);
  const out = new Float64Array(mesh.vertexCount);
  for (let v = 0; v < mesh.vertexCount; v++) {
    const a = areas[v] as number;
    if (!(a > 0)) continue;
    const dot =
      (y[3 * v] as number) * (normals[3 * v] as number) +
      (y[3 * v + 1] as number) * (normals[3 * v + 1] as number) +
      (y[3 * v + 2] as number) * (normals[3 * v + 2] as number);
    out[v] = dot / (2 * a);
  }
  return out;
}

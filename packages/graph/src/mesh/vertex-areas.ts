/** Per-vertex areas (the lumped mass matrix) of a triangle mesh. */
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import { cornerGeometry, vertexAreasKernel, type VertexAreaKind } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export type { VertexAreaKind } from './internal/mesh-kernels.js';

export interface VertexAreasOptions {
  /**
   * 'barycentric': a third of every incident face. 'mixed-voronoi': Meyer et al.'s mixed area — the Voronoi cell
   * inside non-obtuse faces, half of an obtuse face at its obtuse corner and a quarter at its other two corners.
   * @default 'mixed-voronoi'
   */
  kind?: VertexAreaKind;
}

const DEFAULTS = Object.freeze({ kind: 'mixed-voronoi' as VertexAreaKind });
const OPTION_KEYS = ['kind'] as const;
const KINDS: readonly VertexAreaKind[] = ['barycentric', 'mixed-voronoi'];

/**
 * Area attributed to each vertex. Both kinds tile the surface: the areas sum to the total surface area (up to
 * rounding), and are non-negative. Degenerate faces (twice the area ≤ 1e-12 · Σ squared side lengths) are split in
 * thirds in both kinds, so no cotangent of a zero-area face is ever formed. A vertex in no face gets 0.
 *
 * Complexity: O(V + F). Reference: M. Meyer, M. Desbrun, P. Schröder, A. H. Barr, "Discrete differential-geometry
 * operators for triangulated 2-manifolds", Visualization and Mathematics III, 2003, §3.3 and Fig. 4.
 *
 * @returns Float64Array indexed by vertex id.
 */
export function vertexAreas(mesh: TriangleMesh, options?: VertexAreasOptions): Float64Array {
  const site = { pkg: 'graph', fn: 'vertexAreas' };
  checkMesh(site, mesh);
  const opts = { ...DEFAULTS, ...checkOptions<VertexAreasOptions>(site, options, OPTION_KEYS) };
  const kind = checkOneOf(site, 'options.kind', opts.kind, KINDS);
  return vertexAreasKernel(mesh, cornerGeometry(mesh), kind);
}

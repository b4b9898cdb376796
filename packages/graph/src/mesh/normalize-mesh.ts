/** Centring and scaling a triangle mesh to a unit bounding-box diagonal. */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkMesh } from './internal/check-mesh.js';
import type { TriangleMesh } from './triangle-mesh.js';

/**
 * A new mesh whose positions are (x − c) / d, with c the centre of the axis-aligned bounding box and d its diagonal
 * length, so the result has its bounding box centred at the origin with diagonal 1 (used to compare distances across
 * meshes of different units). Faces and the edge graph are shared with the input (both immutable); the positions are
 * a new array. Angles, cotangent weights and normals are unchanged; lengths scale by 1/d, areas by 1/d², mean
 * curvature by d and Gaussian curvature by d². An empty mesh is returned as a copy.
 *
 * Throws InvalidArgumentError (argument 'mesh') when all vertices coincide (zero diagonal).
 *
 * Complexity: O(V). Reference: the normalisation used to compare vertex-to-mesh distances across meshes in the
 * mesh-coarsening experiment of "Ising on the Graph" (§4.2); see also shared/data/meshes/FORMAT.md.
 */
export function normalizeMesh(mesh: TriangleMesh): TriangleMesh {
  const site = { pkg: 'graph', fn: 'normalizeMesh' };
  checkMesh(site, mesh);
  const n = mesh.vertexCount;
  const p = mesh.positions;
  const positions = new Float64Array(3 * n);
  if (n > 0) {
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let v = 0; v < n; v++) {
      for (let d = 0; d < 3; d++) {
        const x = p[3 * v + d] as number;
        if (x < (lo[d] as number)) lo[d] = x;
        if (x > (hi[d] as number)) hi[d] = x;
      }
    }
    const c = [0, 1, 2].map((d) => 0.5 * ((lo[d] as number) + (hi[d] as number)));
    const diagonal = Math.hypot(
      (hi[0] as number) - (lo[0] as number),
      (hi[1] as number) - (lo[1] as number),
      (hi[2] as number) - (lo[2] as number),
    );
    if (!(diagonal > 0)) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'mesh',
        value: mesh,
        rule: 'a mesh whose vertices do not all coincide (bounding-box diagonal > 0)',
      });
    }
    for (let v = 0; v < n; v++) {
      for (let d = 0; d < 3; d++) positions[3 * v + d] = ((p[3 * v + d] as number) - (c[d] as number)) / diagonal;
    }
  }
  return Object.freeze({
    vertexCount: n,
    faceCount: mesh.faceCount,
    positions,
    faces: mesh.faces,
    graph: mesh.graph,
  });
}

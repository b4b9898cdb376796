/** Coarse mesh from a kept-vertex sample (the mesh-coarsening step of "Ising on the Graph" §4.2). */
import { InvalidArgumentError } from '../errors/errors.js';
import { assembleMesh } from './internal/assemble-mesh.js';
import { checkMesh } from './internal/check-mesh.js';
import type { TriangleMesh } from './triangle-mesh.js';

export interface CoarsenByKeptVerticesResult {
  /** The coarse mesh: vertex i is original vertex keptVertices[i], at the same position. */
  mesh: TriangleMesh;
  /** Original id of each coarse vertex (increasing). */
  keptVertices: Int32Array;
  /** Coarse vertex each original vertex collapsed into (a kept vertex maps to itself), −1 when unreachable. */
  assignment: Int32Array;
  /** Mesh-graph hop distance from each original vertex to its coarse vertex (0 when kept, −1 when unreachable). */
  hops: Int32Array;
  /** Removed vertices whose connected component holds no kept vertex (they and their faces vanish). */
  unreachableVertices: number;
  /** Faces with a vertex in a component without kept vertices. */
  unreachableFacesDropped: number;
  /** Faces whose corners collapsed onto fewer than three distinct coarse vertices. */
  degenerateFacesDropped: number;
  /** Faces that became a copy (same three coarse vertices, either orientation) of an earlier face. */
  duplicateFacesDropped: number;
}

/**
 * Builds the coarse mesh of a vertex sample. Vertex v is kept when `kept[v] === 1` (so both a 0/1 mask and an Ising
 * spin sample in ±1, with +1 = kept, are accepted). Every removed vertex collapses into a kept vertex and each face
 * is remapped through that assignment; faces that lose a corner (two corners in the same kept vertex) or repeat an
 * earlier face are dropped. Kept vertices keep their original positions and their order; a kept vertex left without
 * faces stays in the mesh as an isolated vertex, so `mesh.vertexCount` always equals the number of kept vertices.
 *
 * The seed (§4.2, "Problem formulation" and "Our approach") removes the unsampled vertices and "collapses the unused
 * vertices to their closest neighbors", retaining the positions of the sampled ones. Here: a removed vertex with a
 * kept mesh neighbour collapses into the Euclidean-closest kept neighbour; one without goes to a kept vertex at the
 * smallest hop distance, found by a multi-source BFS from the kept vertices in which each vertex inherits, among its
 * neighbours one hop closer, the representative that is Euclidean-closest to it (ties: smaller index). At one hop
 * this is exactly the closest kept neighbour; further out it is a greedy choice among the BFS's candidates.
 *
 * Throws InvalidArgumentError for a malformed mesh or a `kept` that is not one value in {−1, 0, 1} per vertex.
 *
 * Complexity: O(V + E + F log F).
 */
export function coarsenByKeptVertices(mesh: TriangleMesh, kept: ArrayLike<number>): CoarsenByKeptVerticesResult {
  const site = { pkg: 'graph', fn: 'coarsenByKeptVertices' };
  checkMesh(site, mesh);
  const n = mesh.vertexCount;
  if (!(Array.isArray(kept) || ArrayBuffer.isView(kept)) || (kept as ArrayLike<number>).length !== n) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'kept',
      value: kept,
      rule: `an array of mesh.vertexCount (${n}) values in {-1, 0, 1} (1 = kept)`,
    });
  }
  for (let v = 0; v < n; v++) {
    const x = kept[v];
    if (x !== 1 && x !== 0 && x !== -1) {
      throw new InvalidArgumentError({ ...site, argument: `kept[${v}]`, value: x, rule: '-1, 0 or 1 (1 = kept)' });
    }
  }
  const g = mesh.graph;
  const p = mesh.positions;
  const coarseId = new Int32Array(n).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) if (kept[v] === 1) coarseId[v] = k++;
  const keptVertices = new Int32Array(k);
  const positions = new Float64Array(3 * k);
  for (let v = 0; v < n; v++) {
    const c = coarseId[v] as number;
    if (c < 0) continue;
    keptVertices[c] = v;
    positions[3 * c] = p[3 * v] as number;
    positions[3 * c + 1] = p[3 * v + 1] as number;
    positions[3 * c + 2] = p[3 * v + 2] as number;
  }

  // Multi-source BFS by levels; rep[v] is the kept vertex v collapses into.
  const rep = new Int32Array(n).fill(-1);
  const hops = new Int32Array(n).fill(-1);
  const repDist = new Float64Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) {
    if (coarseId[v]! >= 0) {
      rep[v] = v;
      hops[v] = 0;
      queue[tail++] = v;
    }
  }
  for (let head = 0; head < tail; head++) {
    const u = queue[head] as number;
    const r = rep[u] as number;
    const next = (hops[u] as number) + 1;
    const rx = p[3 * r] as number;
    const ry = p[3 * r + 1] as number;
    const rz = p[3 * r + 2] as number;
    const end = g.offsets[u + 1] as number;
    for (let h = g.offsets[u] as number; h < end; h++) {
      const w = g.targets[h] as number;
      const level = hops[w] as number;
      if (level >= 0 && level !== next) continue;
      const dx = (p[3 * w] as number) - rx;
      const dy = (p[3 * w + 1] as number) - ry;
      const dz = (p[3 * w + 2] as number) - rz;
      const d = dx * dx + dy * dy + dz * dz;
      if (level < 0) {
        hops[w] = next;
        rep[w] = r;
        repDist[w] = d;
        queue[tail++] = w;
      } else if (d < (repDist[w] as number) || (d === repDist[w] && r < (rep[w] as number))) {
        rep[w] = r;
        repDist[w] = d;
      }
    }
  }
  const assignment = new Int32Array(n);
  let unreachableVertices = 0;
  for (let v = 0; v < n; v++) {
    const r = rep[v] as number;
    assignment[v] = r < 0 ? -1 : (coarseId[r] as number);
    if (r < 0) unreachableVertices++;
  }

  const F = mesh.faceCount;
  const candidates = new Int32Array(3 * F);
  let unreachableFacesDropped = 0;
  for (let f = 0; f < F; f++) {
    let lost = false;
    for (let c = 0; c < 3; c++) {
      const a = assignment[mesh.faces[3 * f + c] as number] as number;
      candidates[3 * f + c] = a;
      if (a < 0) lost = true;
    }
    if (lost) unreachableFacesDropped++;
  }
  const built = assembleMesh(positions, k, candidates, F);
  return {
    mesh: built.mesh,
    keptVertices,
    assignment,
    hops,
    unreachableVertices,
    unreachableFacesDropped,
    degenerateFacesDropped: built.degenerateFacesDropped - unreachableFacesDropped,
    duplicateFacesDropped: built.duplicateFacesDropped,
  };
}

/**
 * Raw mesh kernels behind the public functions of src/mesh (never re-exported).
 * Preconditions: the mesh passed `checkMesh` (finite positions, in-range faces with distinct vertices, an undirected
 * graph of order vertexCount). Conventions: side k of face f joins corner k and corner k+1 (mod 3), so corner k is
 * opposite side k+1.
 */
import { InvalidArgumentError } from '../../errors/errors.js';
import type { CheckSite } from '../../errors/validate.js';
import type { TriangleMesh } from '../triangle-mesh.js';
import type { CotangentLaplacianMatrix } from '../cotangent-laplacian.js';

/**
 * A triangle is degenerate when twice its area is at most `DEGENERATE_EPSILON · (ℓ0² + ℓ1² + ℓ2²)`. The ratio is
 * scale-free and bounded by sin(smallest angle)/2, so this flags triangles whose smallest angle is below about 2e-12
 * rad (collinear or coincident corners), where cotangents overflow and the unit normal is undefined.
 */
export const DEGENERATE_EPSILON = 1e-12;

/**
 * Below this fraction of the summed weights a vertex normal is treated as cancelled (e.g. a vertex whose faces point
 * in opposite directions) and returned as the zero vector.
 */
export const NORMAL_EPSILON = 1e-12;

/** Per-face and per-corner quantities every mesh operator needs. */
export interface CornerGeometry {
  /** |(p1 − p0) × (p2 − p0)| per face, i.e. twice the area. */
  twiceArea: Float64Array;
  /** Per corner 3f+k: dot product of the two sides leaving corner k. */
  cornerDot: Float64Array;
  /** Per side 3f+k: squared length of side k (corner k to corner k+1). */
  sideSq: Float64Array;
  /** 1 when the face is degenerate in the sense of DEGENERATE_EPSILON. */
  degenerate: Uint8Array;
}

/** One pass over the faces: areas, corner dot products, side lengths, degeneracy flags. O(faces). */
export function cornerGeometry(mesh: TriangleMesh): CornerGeometry {
  const F = mesh.faceCount;
  const p = mesh.positions;
  const faces = mesh.faces;
  const twiceArea = new Float64Array(F);
  const cornerDot = new Float64Array(3 * F);
  const sideSq = new Float64Array(3 * F);
  const degenerate = new Uint8Array(F);
  for (let f = 0; f < F; f++) {
    const a = 3 * (faces[3 * f] as number);
    const b = 3 * (faces[3 * f + 1] as number);
    const c = 3 * (faces[3 * f + 2] as number);
    // Side vectors: s0 = b − a, s1 = c − b, s2 = a − c.
    const s0x = (p[b] as number) - (p[a] as number);
    const s0y = (p[b + 1] as number) - (p[a + 1] as number);
    const s0z = (p[b + 2] as number) - (p[a + 2] as number);
    const s1x = (p[c] as number) - (p[b] as number);
    const s1y = (p[c + 1] as number) - (p[b + 1] as number);
    const s1z = (p[c + 2] as number) - (p[b + 2] as number);
    const s2x = (p[a] as number) - (p[c] as number);
    const s2y = (p[a + 1] as number) - (p[c + 1] as number);
    const s2z = (p[a + 2] as number) - (p[c + 2] as number);
    // (b − a) × (c − a) = s0 × (−s2)
    const nx = s2y * s0z - s2z * s0y;
    const ny = s2z * s0x - s2x * s0z;
    const nz = s2x * s0y - s2y * s0x;
    const area2 = Math.sqrt(nx * nx + ny * ny + nz * nz);
    const q0 = s0x * s0x + s0y * s0y + s0z * s0z;
    const q1 = s1x * s1x + s1y * s1y + s1z * s1z;
    const q2 = s2x * s2x + s2y * s2y + s2z * s2z;
    twiceArea[f] = area2;
    sideSq[3 * f] = q0;
    sideSq[3 * f + 1] = q1;
    sideSq[3 * f + 2] = q2;
    // Corner a: sides b − a = s0 and c − a = −s2; corner b: s1 and −s0; corner c: s2 and −s1.
    cornerDot[3 * f] = -(s0x * s2x + s0y * s2y + s0z * s2z);
    cornerDot[3 * f + 1] = -(s1x * s0x + s1y * s0y + s1z * s0z);
    cornerDot[3 * f + 2] = -(s2x * s1x + s2y * s1y + s2z * s1z);
    if (!(area2 > DEGENERATE_EPSILON * (q0 + q1 + q2))) degenerate[f] = 1;
  }
  return { twiceArea, cornerDot, sideSq, degenerate };
}

/**
 * Edge id of every face side (3f+k: corners k, k+1), by binary search in the sorted graph rows. O(faces · log degree).
 * Throws InvalidArgumentError when a side is not an edge of `mesh.graph` (a graph that does not match the faces).
 */
export function faceSideEdges(site: CheckSite, mesh: TriangleMesh, argument = 'mesh'): Int32Array {
  const g = mesh.graph;
  const faces = mesh.faces;
  const out = new Int32Array(3 * mesh.faceCount);
  for (let f = 0; f < mesh.faceCount; f++) {
    for (let k = 0; k < 3; k++) {
      const u = faces[3 * f + k] as number;
      const v = faces[3 * f + ((k + 1) % 3)] as number;
      let lo = g.offsets[u] as number;
      let hi = (g.offsets[u + 1] as number) - 1;
      let id = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const x = g.targets[mid] as number;
        if (x === v) {
          id = g.edgeIds[mid] as number;
          break;
        }
        if (x < v) lo = mid + 1;
        else hi = mid - 1;
      }
      if (id < 0) {
        throw new InvalidArgumentError({
          ...site,
          argument: `${argument}.graph`,
          value: `no edge ${u}–${v} (side of face ${f})`,
          rule: `the edge graph of ${argument}.faces (build meshes with meshFromArrays)`,
        });
      }
      out[3 * f + k] = id;
    }
  }
  return out;
}

/** Number of faces on each edge id. O(faces). */
export function edgeFaceCounts(mesh: TriangleMesh, sides: Int32Array): Int32Array {
  const counts = new Int32Array(mesh.graph.size);
  for (let i = 0; i < sides.length; i++) counts[sides[i] as number]!++;
  return counts;
}

/** w_e = ½ Σ over non-degenerate faces on e of cot(angle opposite e). O(faces). */
export function cotangentWeightsKernel(mesh: TriangleMesh, geom: CornerGeometry, sides: Int32Array): Float64Array {
  const w = new Float64Array(mesh.graph.size);
  for (let f = 0; f < mesh.faceCount; f++) {
    if (geom.degenerate[f]) continue;
    const area2 = geom.twiceArea[f] as number;
    for (let k = 0; k < 3; k++) {
      // cot θ = (u·v) / |u × v|; corner k is opposite side k+1.
      const cot = (geom.cornerDot[3 * f + k] as number) / area2;
      w[sides[3 * f + ((k + 1) % 3)] as number]! += 0.5 * cot;
    }
  }
  return w;
}

/** y_v = Σ_e∋v w_e (x_v − x_u) per coordinate: the cotangent Laplacian times the positions. O(vertices + edges). */
export function laplacianOfPositions(mesh: TriangleMesh, w: Float64Array): Float64Array {
  const g = mesh.graph;
  const p = mesh.positions;
  const y = new Float64Array(3 * mesh.vertexCount);
  for (let e = 0; e < g.size; e++) {
    const a = g.edgeSources[e] as number;
    const b = g.edgeTargets[e] as number;
    const we = w[e] as number;
    for (let d = 0; d < 3; d++) {
      const diff = we * ((p[3 * a + d] as number) - (p[3 * b + d] as number));
      y[3 * a + d]! += diff;
      y[3 * b + d]! -= diff;
    }
  }
  return y;
}

export type VertexAreaKind = 'barycentric' | 'mixed-voronoi';

/**
 * Per-vertex area. Barycentric: a third of each incident face. Mixed Voronoi (Meyer et al. 2003, Fig. 4): the
 * Voronoi share ⅛(|PQ|² cot R + |PR|² cot Q) in non-obtuse faces, half the face at an obtuse corner and a quarter at
 * the other two corners; degenerate faces fall back to thirds (their area is ~0 and their cotangents unusable).
 * Either way the vertex areas sum to the total surface area. O(faces).
 */
export function vertexAreasKernel(mesh: TriangleMesh, geom: CornerGeometry, kind: VertexAreaKind): Float64Array {
  const areas = new Float64Array(mesh.vertexCount);
  const faces = mesh.faces;
  for (let f = 0; f < mesh.faceCount; f++) {
    const area2 = geom.twiceArea[f] as number;
    const area = 0.5 * area2;
    const v0 = faces[3 * f] as number;
    const v1 = faces[3 * f + 1] as number;
    const v2 = faces[3 * f + 2] as number;
    if (kind === 'barycentric' || geom.degenerate[f]) {
      areas[v0]! += area / 3;
      areas[v1]! += area / 3;
      areas[v2]! += area / 3;
      continue;
    }
    const d0 = geom.cornerDot[3 * f] as number;
    const d1 = geom.cornerDot[3 * f + 1] as number;
    const d2 = geom.cornerDot[3 * f + 2] as number;
    if (d0 < 0 || d1 < 0 || d2 < 0) {
      areas[v0]! += d0 < 0 ? area / 2 : area / 4;
      areas[v1]! += d1 < 0 ? area / 2 : area / 4;
      areas[v2]! += d2 < 0 ? area / 2 : area / 4;
      continue;
    }
    const c0 = d0 / area2;
    const c1 = d1 / area2;
    const c2 = d2 / area2;
    const q0 = geom.sideSq[3 * f] as number; // v0–v1, opposite corner 2
    const q1 = geom.sideSq[3 * f + 1] as number; // v1–v2, opposite corner 0
    const q2 = geom.sideSq[3 * f + 2] as number; // v2–v0, opposite corner 1
    areas[v0]! += 0.125 * (q0 * c2 + q2 * c1);
    areas[v1]! += 0.125 * (q0 * c2 + q1 * c0);
    areas[v2]! += 0.125 * (q1 * c0 + q2 * c1);
  }
  return areas;
}

/** Sum of the interior angles at each vertex, θ = atan2(|u × v|, u·v) (finite on degenerate faces). O(faces). */
export function angleSumsKernel(mesh: TriangleMesh, geom: CornerGeometry): Float64Array {
  const sums = new Float64Array(mesh.vertexCount);
  const faces = mesh.faces;
  for (let f = 0; f < mesh.faceCount; f++) {
    const area2 = geom.twiceArea[f] as number;
    for (let k = 0; k < 3; k++) {
      sums[faces[3 * f + k] as number]! += Math.atan2(area2, geom.cornerDot[3 * f + k] as number);
    }
  }
  return sums;
}

export type NormalWeighting = 'angle' | 'area' | 'uniform';

/**
 * Unit vertex normals from face normals (right-hand rule on the face winding), weighted by corner angle, face area or
 * 1. Degenerate faces are skipped; a vertex with no usable face, or whose weighted sum cancels below NORMAL_EPSILON
 * of its total weight, gets the zero vector. O(vertices + faces).
 */
export function vertexNormalsKernel(
  mesh: TriangleMesh,
  geom: CornerGeometry,
  weighting: NormalWeighting,
): Float64Array {
  const n = mesh.vertexCount;
  const p = mesh.positions;
  const faces = mesh.faces;
  const out = new Float64Array(3 * n);
  const total = new Float64Array(n);
  for (let f = 0; f < mesh.faceCount; f++) {
    if (geom.degenerate[f]) continue;
    const a = faces[3 * f] as number;
    const b = faces[3 * f + 1] as number;
    const c = faces[3 * f + 2] as number;
    const ux = (p[3 * b] as number) - (p[3 * a] as number);
    const uy = (p[3 * b + 1] as number) - (p[3 * a + 1] as number);
    const uz = (p[3 * b + 2] as number) - (p[3 * a + 2] as number);
    const vx = (p[3 * c] as number) - (p[3 * a] as number);
    const vy = (p[3 * c + 1] as number) - (p[3 * a + 1] as number);
    const vz = (p[3 * c + 2] as number) - (p[3 * a + 2] as number);
    const area2 = geom.twiceArea[f] as number;
    // Unit face normal: (b − a) × (c − a) / |…|.
    const nx = (uy * vz - uz * vy) / area2;
    const ny = (uz * vx - ux * vz) / area2;
    const nz = (ux * vy - uy * vx) / area2;
    for (let k = 0; k < 3; k++) {
      const v = faces[3 * f + k] as number;
      let weight: number;
      if (weighting === 'angle') weight = Math.atan2(area2, geom.cornerDot[3 * f + k] as number);
      else if (weighting === 'area') weight = 0.5 * area2;
      else weight = 1;
      out[3 * v]! += weight * nx;
      out[3 * v + 1]! += weight * ny;
      out[3 * v + 2]! += weight * nz;
      total[v]! += weight;
    }
  }
  for (let v = 0; v < n; v++) {
    const x = out[3 * v] as number;
    const y = out[3 * v + 1] as number;
    const z = out[3 * v + 2] as number;
    const len = Math.sqrt(x * x + y * y + z * z);
    if (len > NORMAL_EPSILON * (total[v] as number) && len > 0) {
      out[3 * v] = x / len;
      out[3 * v + 1] = y / len;
      out[3 * v + 2] = z / len;
    } else {
      out[3 * v] = 0;
      out[3 * v + 1] = 0;
      out[3 * v + 2] = 0;
    }
  }
  return out;
}

/**
 * Angle defect per vertex: 2π − Σθ − (π/2)·b_v, with b_v the number of boundary edges (on exactly one face) at v.
 * A regular boundary vertex (b_v = 2) gets π − Σθ (its turning angle); interior and non-manifold vertices 2π − Σθ.
 * With this choice Σ_v defect = 2πχ − π Σ_{edges on k ≥ 3 faces} (k − 2) exactly (discrete Gauss–Bonnet). O(V + F).
 */
export function angleDefectsKernel(mesh: TriangleMesh, geom: CornerGeometry, sides: Int32Array): Float64Array {
  const sums = angleSumsKernel(mesh, geom);
  const counts = edgeFaceCounts(mesh, sides);
  const g = mesh.graph;
  const out = new Float64Array(mesh.vertexCount);
  for (let v = 0; v < mesh.vertexCount; v++) {
    let boundary = 0;
    const end = g.offsets[v + 1] as number;
    for (let h = g.offsets[v] as number; h < end; h++) if (counts[g.edgeIds[h] as number] === 1) boundary++;
    out[v] = 2 * Math.PI - 0.5 * Math.PI * boundary - (sums[v] as number);
  }
  return out;
}

/** CSR matrix, L_ij = −w_ij off the diagonal and L_ii = Σ_j w_ij; row i = graph row i plus the diagonal. O(V + E). */
export function laplacianFromWeights(mesh: TriangleMesh, w: Float64Array): CotangentLaplacianMatrix {
  const g = mesh.graph;
  const n = mesh.vertexCount;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = (g.offsets[i] as number) + i;
  const nnz = offsets[n] as number;
  const columns = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    const start = g.offsets[i] as number;
    const end = g.offsets[i + 1] as number;
    let out = offsets[i] as number;
    let diagonalAt = -1;
    let diagonal = 0;
    for (let h = start; h < end; h++) {
      const j = g.targets[h] as number;
      if (diagonalAt < 0 && j > i) diagonalAt = out++;
      const we = w[g.edgeIds[h] as number] as number;
      columns[out] = j;
      values[out] = -we;
      diagonal += we;
      out++;
    }
    if (diagonalAt < 0) diagonalAt = out;
    columns[diagonalAt] = i;
    values[diagonalAt] = diagonal;
  }
  return Object.freeze({ order: n, offsets, columns, values });
}

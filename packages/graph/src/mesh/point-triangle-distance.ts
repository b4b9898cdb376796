/** Exact closest point on a triangle to a point in 3D (Ericson, Real-Time Collision Detection, §5.1.5). */
import { InvalidArgumentError } from '../errors/errors.js';
import type { CheckSite } from '../errors/validate.js';
import { DEGENERATE_EPSILON } from './internal/mesh-kernels.js';

// Module-level copies of globals: global lookups are slow inside vm contexts (jest), and these loops are hot.
const { sqrt } = Math;
const INF = Number.POSITIVE_INFINITY;

export interface ClosestPointOnTriangle {
  /** The closest point of the (closed, filled) triangle, x y z. */
  point: Float64Array;
  /** Weights (u, v, w) of corners a, b, c with point = u·a + v·b + w·c, each in [0, 1], summing to 1. */
  barycentric: Float64Array;
  /** Squared Euclidean distance from the query point to `point`. */
  squaredDistance: number;
}

/**
 * Closest point of the triangle (a, b, c) to `point`, with its barycentric weights and squared distance.
 *
 * Ericson's Voronoi-region walk: vertex regions from the dot products d1…d6, edge regions from the signs of the
 * barycentric numerators, otherwise the projection onto the plane. The numerators are evaluated as triple products
 * n·((b−p)×(c−p)) (equal to Ericson's d-products by the Binet–Cauchy identity) so their rounding error scales with
 * |n| instead of |n|², which keeps slivers accurate. Degenerate triangles (collinear or coincident corners, twice the
 * area at most 1e-12 times the summed squared side lengths) have no usable plane: the answer is then the closest point
 * on the three sides, each a segment (possibly of length 0). The result is always finite.
 *
 * Throws InvalidArgumentError when an argument is not three finite numbers.
 *
 * Complexity: O(1). Reference: C. Ericson, "Real-Time Collision Detection", Morgan Kaufmann 2005, §5.1.5.
 */
export function closestPointOnTriangle(
  point: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c: ArrayLike<number>,
): ClosestPointOnTriangle {
  const site = { pkg: 'graph', fn: 'closestPointOnTriangle' };
  checkPoint3(site, 'point', point);
  checkPoint3(site, 'a', a);
  checkPoint3(site, 'b', b);
  checkPoint3(site, 'c', c);
  const tri = new Float64Array(9);
  for (let d = 0; d < 3; d++) {
    tri[d] = a[d] as number;
    tri[3 + d] = b[d] as number;
    tri[6 + d] = c[d] as number;
  }
  const out = new Float64Array(6);
  const squaredDistance = closestPointOnTriangleKernel(point[0] as number, point[1] as number, point[2] as number, tri, 0, out);
  return { point: out.slice(0, 3), barycentric: out.slice(3, 6), squaredDistance };
}

/** Throws unless `value` is an array-like of exactly three finite numbers. */
export function checkPoint3(site: CheckSite, argument: string, value: unknown): void {
  const v = value as ArrayLike<unknown> | null;
  const ok =
    (Array.isArray(v) || ArrayBuffer.isView(v)) &&
    (v as ArrayLike<unknown>).length === 3 &&
    Number.isFinite((v as ArrayLike<unknown>)[0]) &&
    Number.isFinite((v as ArrayLike<unknown>)[1]) &&
    Number.isFinite((v as ArrayLike<unknown>)[2]);
  if (!ok) throw new InvalidArgumentError({ ...site, argument, value, rule: 'an array of three finite numbers (x, y, z)' });
}

/**
 * Kernel behind `closestPointOnTriangle` and the BVH queries (not part of the public API; src/mesh/index.ts does not
 * re-export it). Triangle corners a, b, c are `tri[o..o+8]`. Writes the closest point to out[0..2] and the barycentric
 * weights of a, b, c to out[3..5]; returns the squared distance. Preconditions: finite inputs, `out.length >= 6`.
 * Allocates nothing.
 */
export function closestPointOnTriangleKernel(
  px: number,
  py: number,
  pz: number,
  tri: Float64Array,
  o: number,
  out: Float64Array,
): number {
  const ax = tri[o] as number;
  const ay = tri[o + 1] as number;
  const az = tri[o + 2] as number;
  const bx = tri[o + 3] as number;
  const by = tri[o + 4] as number;
  const bz = tri[o + 5] as number;
  const cx = tri[o + 6] as number;
  const cy = tri[o + 7] as number;
  const cz = tri[o + 8] as number;
  const abx = bx - ax;
  const aby = by - ay;
  const abz = bz - az;
  const acx = cx - ax;
  const acy = cy - ay;
  const acz = cz - az;
  const nx = aby * acz - abz * acy;
  const ny = abz * acx - abx * acz;
  const nz = abx * acy - aby * acx;
  const bcx = cx - bx;
  const bcy = cy - by;
  const bcz = cz - bz;
  const sides = abx * abx + aby * aby + abz * abz + acx * acx + acy * acy + acz * acz + bcx * bcx + bcy * bcy + bcz * bcz;
  const n2 = nx * nx + ny * ny + nz * nz;
  if (!(sqrt(n2) > DEGENERATE_EPSILON * sides)) return closestOnSides(px, py, pz, tri, o, out);

  // Vertex region A.
  const apx = px - ax;
  const apy = py - ay;
  const apz = pz - az;
  const d1 = abx * apx + aby * apy + abz * apz;
  const d2 = acx * apx + acy * apy + acz * apz;
  if (d1 <= 0 && d2 <= 0) return write(out, px, py, pz, ax, ay, az, 1, 0, 0);
  // Vertex region B.
  const bpx = px - bx;
  const bpy = py - by;
  const bpz = pz - bz;
  const d3 = abx * bpx + aby * bpy + abz * bpz;
  const d4 = acx * bpx + acy * bpy + acz * bpz;
  if (d3 >= 0 && d4 <= d3) return write(out, px, py, pz, bx, by, bz, 0, 1, 0);
  // Edge region AB: vc = n·((a−p)×(b−p)) = d1·d4 − d3·d2.
  const vc = nx * (apy * bpz - apz * bpy) + ny * (apz * bpx - apx * bpz) + nz * (apx * bpy - apy * bpx);
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    const t = clamp01(d1 / (d1 - d3 || 1));
    return write(out, px, py, pz, ax + t * abx, ay + t * aby, az + t * abz, 1 - t, t, 0);
  }
  // Vertex region C.
  const cpx = px - cx;
  const cpy = py - cy;
  const cpz = pz - cz;
  const d5 = abx * cpx + aby * cpy + abz * cpz;
  const d6 = acx * cpx + acy * cpy + acz * cpz;
  if (d6 >= 0 && d5 <= d6) return write(out, px, py, pz, cx, cy, cz, 0, 0, 1);
  // Edge region AC: vb = n·((c−p)×(a−p)) = d5·d2 − d1·d6.
  const vb = nx * (cpy * apz - cpz * apy) + ny * (cpz * apx - cpx * apz) + nz * (cpx * apy - cpy * apx);
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    const t = clamp01(d2 / (d2 - d6 || 1));
    return write(out, px, py, pz, ax + t * acx, ay + t * acy, az + t * acz, 1 - t, 0, t);
  }
  // Edge region BC: va = n·((b−p)×(c−p)) = d3·d6 − d5·d4.
  const va = nx * (bpy * cpz - bpz * cpy) + ny * (bpz * cpx - bpx * cpz) + nz * (bpx * cpy - bpy * cpx);
  const e1 = d4 - d3;
  const e2 = d5 - d6;
  if (va <= 0 && e1 >= 0 && e2 >= 0) {
    const t = clamp01(e1 / (e1 + e2 || 1));
    return write(out, px, py, pz, bx + t * bcx, by + t * bcy, bz + t * bcz, 0, 1 - t, t);
  }
  // Face region: all three numerators positive, so their sum (= |n|² up to rounding) is too.
  const sum = va + vb + vc;
  if (!(sum > 0)) return closestOnSides(px, py, pz, tri, o, out);
  const v = vb / sum;
  const w = vc / sum;
  return write(out, px, py, pz, ax + v * abx + w * acx, ay + v * aby + w * acy, az + v * abz + w * acz, 1 - v - w, v, w);
}

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function write(
  out: Float64Array,
  px: number,
  py: number,
  pz: number,
  qx: number,
  qy: number,
  qz: number,
  u: number,
  v: number,
  w: number,
): number {
  out[0] = qx;
  out[1] = qy;
  out[2] = qz;
  out[3] = u;
  out[4] = v;
  out[5] = w;
  const dx = px - qx;
  const dy = py - qy;
  const dz = pz - qz;
  return dx * dx + dy * dy + dz * dz;
}

/** Degenerate triangle: the best of the three sides as segments (a zero-length side is its endpoint). */
function closestOnSides(px: number, py: number, pz: number, tri: Float64Array, o: number, out: Float64Array): number {
  let best = INF;
  let bk = 0;
  let bt = 0;
  for (let k = 0; k < 3; k++) {
    const i = o + 3 * k;
    const j = o + 3 * ((k + 1) % 3);
    const sx = tri[i] as number;
    const sy = tri[i + 1] as number;
    const sz = tri[i + 2] as number;
    const ex = (tri[j] as number) - sx;
    const ey = (tri[j + 1] as number) - sy;
    const ez = (tri[j + 2] as number) - sz;
    const len2 = ex * ex + ey * ey + ez * ez;
    const t = len2 > 0 ? clamp01(((px - sx) * ex + (py - sy) * ey + (pz - sz) * ez) / len2) : 0;
    const dx = px - (sx + t * ex);
    const dy = py - (sy + t * ey);
    const dz = pz - (sz + t * ez);
    const d = dx * dx + dy * dy + dz * dz;
    if (d < best) {
      best = d;
      bk = k;
      bt = t;
    }
  }
  const i = o + 3 * bk;
  const j = o + 3 * ((bk + 1) % 3);
  const qx = (tri[i] as number) + bt * ((tri[j] as number) - (tri[i] as number));
  const qy = (tri[i + 1] as number) + bt * ((tri[j + 1] as number) - (tri[i + 1] as number));
  const qz = (tri[i + 2] as number) + bt * ((tri[j + 2] as number) - (tri[i + 2] as number));
  out[0] = qx;
  out[1] = qy;
  out[2] = qz;
  out[3] = 0;
  out[4] = 0;
  out[5] = 0;
  out[3 + bk] = 1 - bt;
  out[3 + ((bk + 1) % 3)] = bt;
  return best;
}

/**
 * Bounding-volume hierarchy over a mesh's triangles, nearest-point queries, and the vertex-to-mesh distance of
 * "Ising on the Graph" §4.2 (Eq. 23).
 */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkInteger } from '../errors/validate.js';
import { checkMesh } from './internal/check-mesh.js';
import { checkPoint3, closestPointOnTriangleKernel } from './point-triangle-distance.js';
import type { TriangleMesh } from './triangle-mesh.js';

// Module-level copies of globals: global lookups are slow inside vm contexts (jest), and these loops are hot.
const { min, max, floor } = Math;
const INF = Number.POSITIVE_INFINITY;

export type BvhSplit = 'sah' | 'median';

export interface TriangleBvhOptions {
  /** Split rule: binned surface-area heuristic (16 bins per axis) or the centroid median on the widest axis. @default 'sah' */
  split?: BvhSplit;
  /** Largest number of triangles in a leaf (nodes with more are split). @default 4 */
  leafSize?: number;
}

const DEFAULTS = Object.freeze({ split: 'sah' as BvhSplit, leafSize: 4 });
const SAH_BINS = 16;

/** Immutable BVH; build it with `buildTriangleBvh`. All arrays are indexed as documented and must not be mutated. */
export interface TriangleBvh {
  readonly kind: 'triangle-bvh';
  /** Number of triangles (= the mesh's faceCount). */
  readonly faceCount: number;
  readonly nodeCount: number;
  /** Depth of the deepest leaf (root = 0). */
  readonly depth: number;
  /** Per node: min x, y, z, max x, y, z of its triangles. */
  readonly nodeBounds: Float64Array;
  /** Per node: [first child (the second is first + 1) or −1 for a leaf, first slot, slot count]. */
  readonly nodeData: Int32Array;
  /** Corner coordinates per slot (9 numbers), slots in leaf order. */
  readonly triangles: Float64Array;
  /** Mesh face id of each slot. */
  readonly slotFaces: Int32Array;
}

/**
 * Builds a BVH over the triangles of `mesh` (corner coordinates are copied, so later queries do not read the mesh).
 * Degenerate triangles are kept: the distance kernel handles them as segments.
 *
 * Throws InvalidArgumentError for a malformed mesh or bad options.
 *
 * Complexity: O(F log F) time, O(F) memory. Reference: I. Wald, "On fast construction of SAH-based bounding volume
 * hierarchies", IEEE Symposium on Interactive Ray Tracing 2007 (binned SAH).
 */
export function buildTriangleBvh(mesh: TriangleMesh, options?: TriangleBvhOptions): TriangleBvh {
  const site = { pkg: 'graph', fn: 'buildTriangleBvh' };
  checkMesh(site, mesh);
  const o = { ...DEFAULTS, ...(options ?? {}) };
  if (o.split !== 'sah' && o.split !== 'median') {
    throw new InvalidArgumentError({ ...site, argument: 'options.split', value: o.split, rule: "'sah' or 'median'" });
  }
  checkInteger(site, 'options.leafSize', o.leafSize, { min: 1, max: 255 });
  return buildBvhKernel(mesh, o.split, o.leafSize);
}

function buildBvhKernel(mesh: TriangleMesh, split: BvhSplit, leafSize: number): TriangleBvh {
  const F = mesh.faceCount;
  const p = mesh.positions;
  const faces = mesh.faces;
  const fb = new Float64Array(6 * F);
  const centroid = new Float64Array(3 * F);
  for (let f = 0; f < F; f++) {
    for (let d = 0; d < 3; d++) {
      const x0 = p[3 * (faces[3 * f] as number) + d] as number;
      const x1 = p[3 * (faces[3 * f + 1] as number) + d] as number;
      const x2 = p[3 * (faces[3 * f + 2] as number) + d] as number;
      fb[6 * f + d] = min(x0, x1, x2);
      fb[6 * f + 3 + d] = max(x0, x1, x2);
      centroid[3 * f + d] = (x0 + x1 + x2) / 3;
    }
  }
  const idx = new Int32Array(F);
  for (let f = 0; f < F; f++) idx[f] = f;
  const maxNodes = max(1, 2 * F - 1);
  const nodeBounds = new Float64Array(6 * maxNodes);
  const nodeData = new Int32Array(3 * maxNodes);
  const nodeDepth = new Int32Array(maxNodes);
  const binBounds = new Float64Array(6 * SAH_BINS);
  const binCount = new Int32Array(SAH_BINS);
  const rightArea = new Float64Array(SAH_BINS);
  let nodeCount = 1;
  let depth = 0;
  nodeData[0] = -1;
  nodeData[1] = 0;
  nodeData[2] = F;
  const work = new Int32Array(maxNodes);
  let top = 0;
  work[top++] = 0;
  while (top > 0) {
    const node = work[--top] as number;
    const start = nodeData[3 * node + 1] as number;
    const count = nodeData[3 * node + 2] as number;
    rangeBounds(fb, idx, start, count, nodeBounds, 6 * node);
    if ((nodeDepth[node] as number) > depth) depth = nodeDepth[node] as number;
    if (count <= leafSize) continue;
    // Centroid bounds choose the axis and the bins.
    let cminX = INF, cminY = INF, cminZ = INF, cmaxX = -INF, cmaxY = -INF, cmaxZ = -INF;
    for (let i = start; i < start + count; i++) {
      const f = idx[i] as number;
      const x = centroid[3 * f] as number;
      const y = centroid[3 * f + 1] as number;
      const z = centroid[3 * f + 2] as number;
      if (x < cminX) cminX = x;
      if (x > cmaxX) cmaxX = x;
      if (y < cminY) cminY = y;
      if (y > cmaxY) cmaxY = y;
      if (z < cminZ) cminZ = z;
      if (z > cmaxZ) cmaxZ = z;
    }
    const ext = [cmaxX - cminX, cmaxY - cminY, cmaxZ - cminZ];
    const lo = [cminX, cminY, cminZ];
    let mid = -1;
    if (split === 'sah') {
      let bestCost = INF;
      let bestAxis = -1;
      let bestBin = -1;
      for (let axis = 0; axis < 3; axis++) {
        const e = ext[axis] as number;
        if (!(e > 0)) continue;
        const scale = SAH_BINS / e;
        binCount.fill(0);
        for (let b = 0; b < SAH_BINS; b++) emptyBox(binBounds, 6 * b);
        for (let i = start; i < start + count; i++) {
          const f = idx[i] as number;
          const b = min(SAH_BINS - 1, floor(((centroid[3 * f + axis] as number) - (lo[axis] as number)) * scale));
          binCount[b]!++;
          growBox(binBounds, 6 * b, fb, 6 * f);
        }
        // Sweep from the right: area of bins b..end; then from the left, cost of splitting before bin b.
        let rx0 = INF, ry0 = INF, rz0 = INF, rx1 = -INF, ry1 = -INF, rz1 = -INF;
        for (let b = SAH_BINS - 1; b > 0; b--) {
          const q = 6 * b;
          if ((binCount[b] as number) > 0) {
            rx0 = min(rx0, binBounds[q] as number);
            ry0 = min(ry0, binBounds[q + 1] as number);
            rz0 = min(rz0, binBounds[q + 2] as number);
            rx1 = max(rx1, binBounds[q + 3] as number);
            ry1 = max(ry1, binBounds[q + 4] as number);
            rz1 = max(rz1, binBounds[q + 5] as number);
          }
          rightArea[b] = boxArea(rx0, ry0, rz0, rx1, ry1, rz1);
        }
        let lx0 = INF, ly0 = INF, lz0 = INF, lx1 = -INF, ly1 = -INF, lz1 = -INF;
        let leftCount = 0;
        for (let b = 1; b < SAH_BINS; b++) {
          const q = 6 * (b - 1);
          if ((binCount[b - 1] as number) > 0) {
            lx0 = min(lx0, binBounds[q] as number);
            ly0 = min(ly0, binBounds[q + 1] as number);
            lz0 = min(lz0, binBounds[q + 2] as number);
            lx1 = max(lx1, binBounds[q + 3] as number);
            ly1 = max(ly1, binBounds[q + 4] as number);
            lz1 = max(lz1, binBounds[q + 5] as number);
          }
          leftCount += binCount[b - 1] as number;
          const rightCount = count - leftCount;
          if (leftCount === 0 || rightCount === 0) continue;
          const cost = leftCount * boxArea(lx0, ly0, lz0, lx1, ly1, lz1) + rightCount * (rightArea[b] as number);
          if (cost < bestCost) {
            bestCost = cost;
            bestAxis = axis;
            bestBin = b;
          }
        }
      }
      if (bestAxis >= 0) {
        // Partition: slots whose centroid falls in a bin below bestBin go left.
        const scale = SAH_BINS / (ext[bestAxis] as number);
        const l0 = lo[bestAxis] as number;
        let i = start;
        let j = start + count - 1;
        while (i <= j) {
          const f = idx[i] as number;
          const b = min(SAH_BINS - 1, floor(((centroid[3 * f + bestAxis] as number) - l0) * scale));
          if (b < bestBin) i++;
          else {
            idx[i] = idx[j] as number;
            idx[j] = f;
            j--;
          }
        }
        if (i > start && i < start + count) mid = i;
      }
    }
    if (mid < 0) {
      // Median split on the widest centroid axis (also the fallback when all centroids coincide along every axis).
      let axis = 0;
      if ((ext[1] as number) > (ext[axis] as number)) axis = 1;
      if ((ext[2] as number) > (ext[axis] as number)) axis = 2;
      mid = start + (count >> 1);
      quickselect(idx, centroid, axis, start, start + count - 1, mid);
    }
    const left = nodeCount;
    nodeCount += 2;
    nodeData[3 * node] = left;
    nodeData[3 * left] = -1;
    nodeData[3 * left + 1] = start;
    nodeData[3 * left + 2] = mid - start;
    nodeData[3 * left + 3] = -1;
    nodeData[3 * left + 4] = mid;
    nodeData[3 * left + 5] = start + count - mid;
    nodeDepth[left] = (nodeDepth[node] as number) + 1;
    nodeDepth[left + 1] = (nodeDepth[node] as number) + 1;
    work[top++] = left + 1;
    work[top++] = left;
  }
  if (F === 0) emptyBox(nodeBounds, 0);
  const triangles = new Float64Array(9 * F);
  for (let s = 0; s < F; s++) {
    const f = idx[s] as number;
    for (let k = 0; k < 3; k++) {
      const v = faces[3 * f + k] as number;
      triangles[9 * s + 3 * k] = p[3 * v] as number;
      triangles[9 * s + 3 * k + 1] = p[3 * v + 1] as number;
      triangles[9 * s + 3 * k + 2] = p[3 * v + 2] as number;
    }
  }
  return Object.freeze({
    kind: 'triangle-bvh' as const,
    faceCount: F,
    nodeCount,
    depth,
    nodeBounds: nodeBounds.slice(0, 6 * nodeCount),
    nodeData: nodeData.slice(0, 3 * nodeCount),
    triangles,
    slotFaces: idx,
  });
}

function emptyBox(b: Float64Array, q: number): void {
  b[q] = INF;
  b[q + 1] = INF;
  b[q + 2] = INF;
  b[q + 3] = -INF;
  b[q + 4] = -INF;
  b[q + 5] = -INF;
}

function growBox(b: Float64Array, q: number, src: Float64Array, s: number): void {
  for (let d = 0; d < 3; d++) {
    if ((src[s + d] as number) < (b[q + d] as number)) b[q + d] = src[s + d] as number;
    if ((src[s + 3 + d] as number) > (b[q + 3 + d] as number)) b[q + 3 + d] = src[s + 3 + d] as number;
  }
}

function boxArea(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const dz = z1 - z0;
  return dx * dy + dy * dz + dz * dx;
}

function rangeBounds(fb: Float64Array, idx: Int32Array, start: number, count: number, out: Float64Array, q: number): void {
  emptyBox(out, q);
  for (let i = start; i < start + count; i++) growBox(out, q, fb, 6 * (idx[i] as number));
}

/** Reorders idx[lo..hi] so idx[k] holds the face with the k-th smallest centroid coordinate on `axis` (Hoare). */
function quickselect(idx: Int32Array, centroid: Float64Array, axis: number, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = centroid[3 * (idx[(lo + hi) >> 1] as number) + axis] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((centroid[3 * (idx[i] as number) + axis] as number) < pivot) i++;
      while ((centroid[3 * (idx[j] as number) + axis] as number) > pivot) j--;
      if (i <= j) {
        const t = idx[i] as number;
        idx[i] = idx[j] as number;
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Squared distance from (x, y, z) to the box at b[q..q+5] (0 inside). */
function boxDistance2(b: Float64Array, q: number, x: number, y: number, z: number): number {
  let d = 0;
  let t = (b[q] as number) - x;
  if (t > 0) d += t * t;
  t = x - (b[q + 3] as number);
  if (t > 0) d += t * t;
  t = (b[q + 1] as number) - y;
  if (t > 0) d += t * t;
  t = y - (b[q + 4] as number);
  if (t > 0) d += t * t;
  t = (b[q + 2] as number) - z;
  if (t > 0) d += t * t;
  t = z - (b[q + 5] as number);
  if (t > 0) d += t * t;
  return d;
}

/** Scratch buffers of one query stream (allocated once per public call, reused for every point). */
interface QueryScratch {
  stack: Int32Array;
  stackDist: Float64Array;
  tmp: Float64Array;
  /** Result: x, y, z, u, v, w of the best point. */
  best: Float64Array;
}

function createScratch(bvh: TriangleBvh): QueryScratch {
  const size = 2 * (bvh.depth + 2);
  return { stack: new Int32Array(size), stackDist: new Float64Array(size), tmp: new Float64Array(6), best: new Float64Array(6) };
}

/**
 * Nearest triangle slot to (x, y, z): depth-first, nearer child first, subtrees pruned when their box is no closer
 * than the best triangle so far. Writes the point and barycentrics to scratch.best; returns [squared distance, slot]
 * through `res`. Precondition: bvh.faceCount > 0.
 */
function nearestKernel(bvh: TriangleBvh, x: number, y: number, z: number, s: QueryScratch, res: Float64Array): void {
  const nb = bvh.nodeBounds;
  const nd = bvh.nodeData;
  const tris = bvh.triangles;
  const { stack, stackDist, tmp, best } = s;
  let bestD = INF;
  let bestSlot = -1;
  let top = 0;
  stack[0] = 0;
  stackDist[0] = boxDistance2(nb, 0, x, y, z);
  top = 1;
  while (top > 0) {
    top--;
    if ((stackDist[top] as number) >= bestD) continue;
    let node = stack[top] as number;
    // Descend, pushing the farther child, until a leaf.
    for (;;) {
      const first = nd[3 * node] as number;
      if (first < 0) break;
      const dl = boxDistance2(nb, 6 * first, x, y, z);
      const dr = boxDistance2(nb, 6 * (first + 1), x, y, z);
      let near = first;
      let far = first + 1;
      let dn = dl;
      let df = dr;
      if (dr < dl) {
        near = first + 1;
        far = first;
        dn = dr;
        df = dl;
      }
      if (df < bestD) {
        stack[top] = far;
        stackDist[top] = df;
        top++;
      }
      if (dn >= bestD) {
        node = -1;
        break;
      }
      node = near;
    }
    if (node < 0) continue;
    const start = nd[3 * node + 1] as number;
    const end = start + (nd[3 * node + 2] as number);
    for (let slot = start; slot < end; slot++) {
      const d = closestPointOnTriangleKernel(x, y, z, tris, 9 * slot, tmp);
      if (d < bestD) {
        bestD = d;
        bestSlot = slot;
        best.set(tmp);
      }
    }
  }
  res[0] = bestD;
  res[1] = bestSlot;
}

export interface ClosestPointOnMesh {
  /** Closest point of the mesh surface, x y z. */
  point: Float64Array;
  /** Squared distance from the query point to `point`. */
  squaredDistance: number;
  /** Mesh face containing `point` (the lowest-slot one among exact ties). */
  face: number;
  /** Weights of the face's corners (faces[3f], faces[3f+1], faces[3f+2]) giving `point`. */
  barycentric: Float64Array;
}

/**
 * Closest point of the mesh surface (union of its filled triangles) to `point`, exact up to rounding: the BVH only
 * prunes subtrees whose box is at least as far as the best triangle found, so the answer equals the brute-force
 * minimum over all triangles.
 *
 * Throws InvalidArgumentError for a bad BVH or point, or a BVH with no triangles (the distance to an empty surface is
 * undefined).
 *
 * Complexity: O(log F) expected per query on well-shaped meshes, O(F) worst case.
 */
export function closestPointOnMesh(bvh: TriangleBvh, point: ArrayLike<number>): ClosestPointOnMesh {
  const site = { pkg: 'graph', fn: 'closestPointOnMesh' };
  checkBvh(site, bvh, 'bvh');
  checkPoint3(site, 'point', point);
  const s = createScratch(bvh);
  const res = new Float64Array(2);
  nearestKernel(bvh, point[0] as number, point[1] as number, point[2] as number, s, res);
  return {
    point: s.best.slice(0, 3),
    squaredDistance: res[0] as number,
    face: bvh.slotFaces[res[1] as number] as number,
    barycentric: s.best.slice(3, 6),
  };
}

export interface PointToMeshDistances {
  /** Squared distance from point i to the mesh surface. */
  squaredDistances: Float64Array;
  /** Face holding the closest point of point i. */
  faces: Int32Array;
  /** Closest point of point i at 3i, 3i+1, 3i+2. */
  closestPoints: Float64Array;
}

/**
 * For each point (x, y, z at 3i..3i+2 of `points`), the closest point on the surface of `target` (a mesh, or a BVH
 * already built over one: pass the BVH to answer several point sets against the same surface).
 *
 * Throws InvalidArgumentError for bad points, a bad target, or a target without triangles.
 *
 * Complexity: O(F log F) to build the BVH when a mesh is passed, then O(log F) expected per point.
 */
export function pointToMeshDistances(points: ArrayLike<number>, target: TriangleMesh | TriangleBvh): PointToMeshDistances {
  const site = { pkg: 'graph', fn: 'pointToMeshDistances' };
  checkPoints(site, points);
  const bvh = targetBvh(site, target, 'target');
  return distancesKernel(points, points.length / 3, bvh);
}

export interface VertexToMeshDistance {
  /** Eq. 23 of the seed: Σ over original vertices of the squared distance to the coarse surface. */
  sum: number;
  /** sum / (number of original vertices), 0 for an empty original: the per-vertex mean. */
  mean: number;
  /** Largest squared distance (a one-sided squared Hausdorff distance over the vertices). */
  max: number;
  /** Squared distance of each original vertex. */
  squaredDistances: Float64Array;
  /** Face of the coarse mesh nearest to each original vertex. */
  faces: Int32Array;
}

/**
 * The vertex-to-mesh distance of "Ising on the Graph" §4.2, Eq. 23: d(V¹, M²) = Σ_{x ∈ V¹} min_{y ∈ M²} ‖x − y‖², the
 * squared distance from every vertex of the original mesh to the nearest point of the coarse mesh's surface (its
 * triangles, not only its vertices), summed over the original vertices.
 *
 * Averaging convention: the seed defines the SUM (Eq. 23 and the sentence after it), and the "mean and standard
 * deviation" of its Table 1 are taken over the test meshes of each fold, not over vertices. `sum` is that quantity;
 * `mean` = sum / |V¹| is given as well (for a fixed sampling fraction the sum is roughly independent of the
 * resolution, since |V¹| grows like area / h² while each term shrinks like h², h the edge length). The
 * measure is one-sided and NOT symmetric: parts of the coarse surface far from every original vertex cost nothing,
 * and swapping the arguments changes the value. Normalise the original mesh first (e.g. `normalizeMesh`) and coarsen
 * the normalised mesh to compare numbers across shapes.
 *
 * Throws InvalidArgumentError for a malformed mesh or a coarse mesh without triangles.
 *
 * Complexity: O(F₂ log F₂ + V₁ log F₂) expected.
 */
export function vertexToMeshDistance(original: TriangleMesh, coarse: TriangleMesh | TriangleBvh): VertexToMeshDistance {
  const site = { pkg: 'graph', fn: 'vertexToMeshDistance' };
  checkMesh(site, original, 'original');
  const bvh = targetBvh(site, coarse, 'coarse');
  const n = original.vertexCount;
  const r = distancesKernel(original.positions, n, bvh);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const d = r.squaredDistances[i] as number;
    sum += d;
    if (d > max) max = d;
  }
  return { sum, mean: n > 0 ? sum / n : 0, max, squaredDistances: r.squaredDistances, faces: r.faces };
}

function distancesKernel(points: ArrayLike<number>, n: number, bvh: TriangleBvh): PointToMeshDistances {
  const squaredDistances = new Float64Array(n);
  const faces = new Int32Array(n);
  const closestPoints = new Float64Array(3 * n);
  const s = createScratch(bvh);
  const res = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    nearestKernel(bvh, points[3 * i] as number, points[3 * i + 1] as number, points[3 * i + 2] as number, s, res);
    squaredDistances[i] = res[0] as number;
    faces[i] = bvh.slotFaces[res[1] as number] as number;
    closestPoints[3 * i] = s.best[0] as number;
    closestPoints[3 * i + 1] = s.best[1] as number;
    closestPoints[3 * i + 2] = s.best[2] as number;
  }
  return { squaredDistances, faces, closestPoints };
}

function checkPoints(site: { pkg: string; fn: string }, points: unknown): void {
  if (!(Array.isArray(points) || ArrayBuffer.isView(points))) {
    throw new InvalidArgumentError({ ...site, argument: 'points', value: points, rule: 'an array or typed array of x, y, z triples' });
  }
  const p = points as ArrayLike<unknown>;
  if (p.length % 3 !== 0) {
    throw new InvalidArgumentError({ ...site, argument: 'points.length', value: p.length, rule: 'a multiple of 3' });
  }
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i])) {
      throw new InvalidArgumentError({ ...site, argument: `points[${i}]`, value: p[i], rule: 'a finite number' });
    }
  }
}

function isBvh(value: unknown): value is TriangleBvh {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'triangle-bvh';
}

function checkBvh(site: { pkg: string; fn: string }, value: unknown, argument: string): TriangleBvh {
  const b = value as Partial<TriangleBvh> | null;
  const ok =
    isBvh(b) &&
    Number.isInteger(b.faceCount) &&
    Number.isInteger(b.nodeCount) &&
    Number.isInteger(b.depth) &&
    b.nodeBounds instanceof Float64Array &&
    b.nodeBounds.length === 6 * b.nodeCount &&
    b.nodeData instanceof Int32Array &&
    b.nodeData.length === 3 * b.nodeCount &&
    b.triangles instanceof Float64Array &&
    b.triangles.length === 9 * b.faceCount &&
    b.slotFaces instanceof Int32Array &&
    b.slotFaces.length === b.faceCount;
  if (!ok) throw new InvalidArgumentError({ ...site, argument, value, rule: 'a TriangleBvh built by buildTriangleBvh' });
  if (b.faceCount === 0) {
    throw new InvalidArgumentError({ ...site, argument, value, rule: 'a surface with at least one triangle' });
  }
  return b;
}

function targetBvh(site: { pkg: string; fn: string }, target: unknown, argument: string): TriangleBvh {
  if (isBvh(target)) return checkBvh(site, target, argument);
  const mesh = checkMesh(site, target, argument);
  if (mesh.faceCount === 0) {
    throw new InvalidArgumentError({ ...site, argument, value: mesh, rule: 'a mesh with at least one triangle' });
  }
  return buildBvhKernel(mesh, DEFAULTS.split, DEFAULTS.leafSize);
}

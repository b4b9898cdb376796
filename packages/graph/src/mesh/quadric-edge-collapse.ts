/** Garland–Heckbert quadric error edge-collapse simplification (the classical reference for mesh coarsening). */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkFiniteNumber, checkInteger } from '../errors/validate.js';
import { assembleMesh } from './internal/assemble-mesh.js';
import { checkMesh } from './internal/check-mesh.js';
import { edgeFaceCounts, faceSideEdges } from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

export type QuadricPlacement = 'optimal' | 'endpoints';

export interface QuadricEdgeCollapseOptions {
  /**
   * Where the merged vertex goes. 'optimal': the minimiser of the summed quadric when its 3×3 system is well
   * conditioned, else the best of the two endpoints and the midpoint (and always the best of all of those). 'endpoints':
   * the better endpoint, so every coarse vertex keeps an original vertex position (a vertex subset, like a kept-vertex
   * sample). @default 'optimal'
   */
  placement?: QuadricPlacement;
  /**
   * Weight of the plane through each boundary edge perpendicular to its face (Garland & Heckbert §4 "preserving
   * boundaries"), relative to 1 per face plane. 0 disables it. @default 1000
   */
  boundaryWeight?: number;
}

// Module-level copies of globals: global lookups are slow inside vm contexts (jest), and evaluate() is hot.
const { abs, sqrt } = Math;

const DEFAULTS = Object.freeze({ placement: 'optimal' as QuadricPlacement, boundaryWeight: 1000 });

/** A 3×3 system counts as singular when |det| ≤ SINGULAR_EPSILON · ‖A‖_F³ (scale-free). */
const SINGULAR_EPSILON = 1e-10;
/** An optimal position farther than this many edge lengths from the edge midpoint is not trusted (near-singular). */
const MAX_OPTIMAL_OFFSET = 2;

export interface QuadricEdgeCollapseResult {
  /** The simplified mesh (surviving vertices renumbered in increasing original order). */
  mesh: TriangleMesh;
  /** Original id of the vertex that survived as each coarse vertex. */
  vertexMap: Int32Array;
  /** Coarse vertex each original vertex was merged into. */
  assignment: Int32Array;
  /** Edge collapses performed (= input vertexCount − output vertexCount). */
  collapses: number;
  /** Whether the vertex count reached the target (false when every remaining collapse was rejected). */
  reachedTarget: boolean;
  /** Collapses refused because a face normal would turn by more than 90°. */
  rejectedFlips: number;
  /** Collapses refused by the link condition (would create a non-manifold edge or pinch two boundaries). */
  rejectedNonManifold: number;
  /** Faces of the final mesh that duplicated another face (possible only around non-manifold input); dropped. */
  duplicateFacesDropped: number;
}

/**
 * Simplifies `mesh` to `targetVertexCount` vertices by repeatedly collapsing the mesh edge of least quadric error
 * (Garland & Heckbert 1997). Each vertex carries the quadric Σ (nᵀx + d)² of its faces' planes (unit normals, one per
 * face; degenerate faces add nothing) plus weighted boundary planes; an edge (u, v) costs the minimum of the summed
 * quadric over the placement candidates. Only mesh edges are contracted (no virtual pairs). A binary heap with lazy
 * deletion (per-vertex version stamps) orders the edges.
 *
 * Cheap safety checks skip a collapse (it is retried only after a neighbouring collapse changes its endpoints):
 * the link condition |N(u) ∩ N(v)| = number of faces on uv and no face (v, x, y) turning into a copy of a face
 * (u, x, y) (else a non-manifold edge, a folded fin or a doubled face would appear), no collapse of an interior edge between two boundary (or non-manifold-edge) vertices, and no face whose normal
 * would turn by 90° or more. Non-manifold input (edges on ≥ 3 faces) is accepted; the checks are heuristics there.
 *
 * Throws InvalidArgumentError for a malformed mesh, a target outside [1, vertexCount], or bad options.
 *
 * Complexity: O((V + F) log V) for meshes of bounded degree. Reference: M. Garland and P. S. Heckbert, "Surface
 * simplification using quadric error metrics", SIGGRAPH 1997; link condition: T. K. Dey, H. Edelsbrunner, S. Guha and
 * D. V. Nekhayev, "Topology preserving edge contraction", 1999.
 */
export function quadricEdgeCollapse(
  mesh: TriangleMesh,
  targetVertexCount: number,
  options?: QuadricEdgeCollapseOptions,
): QuadricEdgeCollapseResult {
  const site = { pkg: 'graph', fn: 'quadricEdgeCollapse' };
  checkMesh(site, mesh);
  checkInteger(site, 'targetVertexCount', targetVertexCount, { min: Math.min(1, mesh.vertexCount), max: mesh.vertexCount });
  const o = { ...DEFAULTS, ...(options ?? {}) };
  if (o.placement !== 'optimal' && o.placement !== 'endpoints') {
    throw new InvalidArgumentError({ ...site, argument: 'options.placement', value: o.placement, rule: "'optimal' or 'endpoints'" });
  }
  checkFiniteNumber(site, 'options.boundaryWeight', o.boundaryWeight, { min: 0 });
  const counts = edgeFaceCounts(mesh, faceSideEdges(site, mesh));
  return new Simplifier(mesh, counts, o.placement, o.boundaryWeight).run(targetVertexCount);
}

/** Binary min-heap of candidate collapses in growable typed arrays. */
interface Heap {
  size: number;
  cost: Float64Array;
  /** u, v, version of u, version of v at push time. */
  data: Int32Array;
}

// The simplifier holds the evolving mesh through one run (a lifecycle, hence a class; not exported).
class Simplifier {
  private readonly n: number;
  private readonly pos: Float64Array;
  private readonly q: Float64Array;
  private readonly faces: Int32Array;
  private readonly faceAlive: Uint8Array;
  private readonly vf: number[][];
  private readonly alive: Uint8Array;
  private readonly version: Int32Array;
  private readonly boundary: Uint8Array;
  private readonly parent: Int32Array;
  private readonly mark: Int32Array;
  private readonly mark2: Int32Array;
  private stamp = 0;
  private readonly heap: Heap;
  /** Scratch: summed quadric (10) and the chosen position (3). */
  private readonly qs = new Float64Array(10);
  private readonly best = new Float64Array(3);
  private rejectedFlips = 0;
  private rejectedNonManifold = 0;

  constructor(
    mesh: TriangleMesh,
    edgeCounts: Int32Array,
    private readonly placement: QuadricPlacement,
    boundaryWeight: number,
  ) {
    const n = mesh.vertexCount;
    const F = mesh.faceCount;
    this.n = n;
    this.pos = Float64Array.from(mesh.positions);
    this.q = new Float64Array(10 * n);
    this.faces = Int32Array.from(mesh.faces);
    this.faceAlive = new Uint8Array(F).fill(1);
    this.vf = Array.from({ length: n }, () => [] as number[]);
    this.alive = new Uint8Array(n).fill(1);
    this.version = new Int32Array(n);
    this.boundary = new Uint8Array(n);
    this.parent = new Int32Array(n).fill(-1);
    this.mark = new Int32Array(n);
    this.mark2 = new Int32Array(n);
    this.heap = { size: 0, cost: new Float64Array(1024), data: new Int32Array(4 * 1024) };
    const p = this.pos;
    const faces = this.faces;
    const g = mesh.graph;
    for (let f = 0; f < F; f++) {
      const a = faces[3 * f] as number;
      const b = faces[3 * f + 1] as number;
      const c = faces[3 * f + 2] as number;
      this.vf[a]!.push(f);
      this.vf[b]!.push(f);
      this.vf[c]!.push(f);
      const ux = (p[3 * b] as number) - (p[3 * a] as number);
      const uy = (p[3 * b + 1] as number) - (p[3 * a + 1] as number);
      const uz = (p[3 * b + 2] as number) - (p[3 * a + 2] as number);
      const vx = (p[3 * c] as number) - (p[3 * a] as number);
      const vy = (p[3 * c + 1] as number) - (p[3 * a + 1] as number);
      const vz = (p[3 * c + 2] as number) - (p[3 * a + 2] as number);
      let nx = uy * vz - uz * vy;
      let ny = uz * vx - ux * vz;
      let nz = ux * vy - uy * vx;
      const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (!(len > 0)) continue;
      nx /= len;
      ny /= len;
      nz /= len;
      const d = -(nx * (p[3 * a] as number) + ny * (p[3 * a + 1] as number) + nz * (p[3 * a + 2] as number));
      for (const v of [a, b, c]) this.addPlane(v, nx, ny, nz, d, 1);
      // Boundary sides (on this face only) get a perpendicular plane that keeps the boundary in place.
      for (let k = 0; k < 3; k++) {
        const s = faces[3 * f + k] as number;
        const t = faces[3 * f + ((k + 1) % 3)] as number;
        if (edgeCounts[edgeIdOf(g, s, t)] !== 1 || boundaryWeight === 0) continue;
        const ex = (p[3 * t] as number) - (p[3 * s] as number);
        const ey = (p[3 * t + 1] as number) - (p[3 * s + 1] as number);
        const ez = (p[3 * t + 2] as number) - (p[3 * s + 2] as number);
        let mx = ey * nz - ez * ny;
        let my = ez * nx - ex * nz;
        let mz = ex * ny - ey * nx;
        const ml = Math.sqrt(mx * mx + my * my + mz * mz);
        if (!(ml > 0)) continue;
        mx /= ml;
        my /= ml;
        mz /= ml;
        const md = -(mx * (p[3 * s] as number) + my * (p[3 * s + 1] as number) + mz * (p[3 * s + 2] as number));
        this.addPlane(s, mx, my, mz, md, boundaryWeight);
        this.addPlane(t, mx, my, mz, md, boundaryWeight);
      }
    }
    // Ends of boundary (1 face) and non-manifold (≥ 3 faces) edges: merging two of them across the interior pinches.
    for (let e = 0; e < g.size; e++) {
      if (edgeCounts[e] === 2) continue;
      this.boundary[g.edgeSources[e] as number] = 1;
      this.boundary[g.edgeTargets[e] as number] = 1;
    }
    for (let e = 0; e < g.size; e++) this.pushEdge(g.edgeSources[e] as number, g.edgeTargets[e] as number);
  }

  private addPlane(v: number, a: number, b: number, c: number, d: number, w: number): void {
    const q = this.q;
    const o = 10 * v;
    q[o]! += w * a * a;
    q[o + 1]! += w * a * b;
    q[o + 2]! += w * a * c;
    q[o + 3]! += w * a * d;
    q[o + 4]! += w * b * b;
    q[o + 5]! += w * b * c;
    q[o + 6]! += w * b * d;
    q[o + 7]! += w * c * c;
    q[o + 8]! += w * c * d;
    q[o + 9]! += w * d * d;
  }

  /** Cost of collapsing u–v at its best placement candidate; leaves that position in this.best. */
  private evaluate(u: number, v: number): number {
    const q = this.qs;
    const Q = this.q;
    for (let i = 0; i < 10; i++) q[i] = (Q[10 * u + i] as number) + (Q[10 * v + i] as number);
    const p = this.pos;
    const ux = p[3 * u] as number;
    const uy = p[3 * u + 1] as number;
    const uz = p[3 * u + 2] as number;
    const vx = p[3 * v] as number;
    const vy = p[3 * v + 1] as number;
    const vz = p[3 * v + 2] as number;
    let best = quadricAt(q, ux, uy, uz);
    let bx = ux;
    let by = uy;
    let bz = uz;
    const cv = quadricAt(q, vx, vy, vz);
    if (cv < best) {
      best = cv;
      bx = vx;
      by = vy;
      bz = vz;
    }
    if (this.placement === 'optimal') {
      const mx = 0.5 * (ux + vx);
      const my = 0.5 * (uy + vy);
      const mz = 0.5 * (uz + vz);
      const cm = quadricAt(q, mx, my, mz);
      if (cm < best) {
        best = cm;
        bx = mx;
        by = my;
        bz = mz;
      }
      // Minimiser of the quadric: A x = −b with A the upper-left 3×3 block, by Cramer's rule.
      const a00 = q[0] as number, a01 = q[1] as number, a02 = q[2] as number;
      const a11 = q[4] as number, a12 = q[5] as number, a22 = q[7] as number;
      const r0 = -(q[3] as number), r1 = -(q[6] as number), r2 = -(q[8] as number);
      const c00 = a11 * a22 - a12 * a12;
      const c01 = a02 * a12 - a01 * a22;
      const c02 = a01 * a12 - a02 * a11;
      const det = a00 * c00 + a01 * c01 + a02 * c02;
      const fro = sqrt(a00 * a00 + a11 * a11 + a22 * a22 + 2 * (a01 * a01 + a02 * a02 + a12 * a12));
      if (abs(det) > SINGULAR_EPSILON * fro * fro * fro) {
        const c11 = a00 * a22 - a02 * a02;
        const c12 = a01 * a02 - a00 * a12;
        const c22 = a00 * a11 - a01 * a01;
        const x = (c00 * r0 + c01 * r1 + c02 * r2) / det;
        const y = (c01 * r0 + c11 * r1 + c12 * r2) / det;
        const z = (c02 * r0 + c12 * r1 + c22 * r2) / det;
        const ex = vx - ux;
        const ey = vy - uy;
        const ez = vz - uz;
        const off2 = (x - mx) * (x - mx) + (y - my) * (y - my) + (z - mz) * (z - mz);
        const lim = MAX_OPTIMAL_OFFSET * MAX_OPTIMAL_OFFSET * (ex * ex + ey * ey + ez * ez);
        if (off2 <= lim) {
          const co = quadricAt(q, x, y, z);
          if (co < best) {
            best = co;
            bx = x;
            by = y;
            bz = z;
          }
        }
      }
    }
    this.best[0] = bx;
    this.best[1] = by;
    this.best[2] = bz;
    return best;
  }

  private pushEdge(u: number, v: number): void {
    const cost = this.evaluate(u, v);
    const h = this.heap;
    if (h.size === h.cost.length) {
      const cost2 = new Float64Array(2 * h.size);
      cost2.set(h.cost);
      const data2 = new Int32Array(8 * h.size);
      data2.set(h.data);
      h.cost = cost2;
      h.data = data2;
    }
    let i = h.size++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h.cost[parent] as number) <= cost) break;
      h.cost[i] = h.cost[parent] as number;
      h.data.copyWithin(4 * i, 4 * parent, 4 * parent + 4);
      i = parent;
    }
    h.cost[i] = cost;
    h.data[4 * i] = u;
    h.data[4 * i + 1] = v;
    h.data[4 * i + 2] = this.version[u] as number;
    h.data[4 * i + 3] = this.version[v] as number;
  }

  /** Removes the minimum into `top` (u, v, version u, version v). */
  private popEdge(top: Int32Array): void {
    const h = this.heap;
    top[0] = h.data[0] as number;
    top[1] = h.data[1] as number;
    top[2] = h.data[2] as number;
    top[3] = h.data[3] as number;
    const last = --h.size;
    if (last === 0) return;
    const cost = h.cost[last] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && (h.cost[c + 1] as number) < (h.cost[c] as number)) c++;
      if ((h.cost[c] as number) >= cost) break;
      h.cost[i] = h.cost[c] as number;
      h.data.copyWithin(4 * i, 4 * c, 4 * c + 4);
      i = c;
    }
    h.cost[i] = cost;
    h.data.copyWithin(4 * i, 4 * last, 4 * last + 4);
  }

  run(target: number): QuadricEdgeCollapseResult {
    let aliveCount = this.n;
    const top = new Int32Array(4);
    const faces = this.faces;
    while (aliveCount > target && this.heap.size > 0) {
      this.popEdge(top);
      let u = top[0] as number;
      let v = top[1] as number;
      if (!this.alive[u] || !this.alive[v] || this.version[u] !== top[2] || this.version[v] !== top[3]) continue;
      if (!this.linkConditionHolds(u, v)) {
        this.rejectedNonManifold++;
        continue;
      }
      this.evaluate(u, v);
      const bx = this.best[0] as number;
      const by = this.best[1] as number;
      const bz = this.best[2] as number;
      // With endpoint placement keep the vertex whose position survives, so vertexMap names it.
      const p = this.pos;
      if (bx === p[3 * v] && by === p[3 * v + 1] && bz === p[3 * v + 2] && !(bx === p[3 * u] && by === p[3 * u + 1] && bz === p[3 * u + 2])) {
        const t = u;
        u = v;
        v = t;
      }
      if (this.flips(u, v, bx, by, bz) || this.flips(v, u, bx, by, bz)) {
        this.rejectedFlips++;
        continue;
      }
      // Collapse v into u.
      p[3 * u] = bx;
      p[3 * u + 1] = by;
      p[3 * u + 2] = bz;
      for (let i = 0; i < 10; i++) this.q[10 * u + i]! += this.q[10 * v + i] as number;
      this.alive[v] = 0;
      this.parent[v] = u;
      if (this.boundary[v]) this.boundary[u] = 1;
      this.version[u]!++;
      aliveCount--;
      const list: number[] = [];
      for (const f of this.vf[u]!) {
        if (!this.faceAlive[f]) continue;
        if (faces[3 * f] === v || faces[3 * f + 1] === v || faces[3 * f + 2] === v) this.faceAlive[f] = 0;
        else list.push(f);
      }
      for (const f of this.vf[v]!) {
        if (!this.faceAlive[f]) continue;
        for (let k = 0; k < 3; k++) if (faces[3 * f + k] === v) faces[3 * f + k] = u;
        list.push(f);
      }
      this.vf[u] = list;
      this.vf[v] = [];
      const s = ++this.stamp;
      for (const f of list) {
        for (let k = 0; k < 3; k++) {
          const w = faces[3 * f + k] as number;
          if (w === u || this.mark[w] === s) continue;
          this.mark[w] = s;
          this.pushEdge(u, w);
        }
      }
    }
    return this.finish(aliveCount, target);
  }

  /**
   * Link condition for the edge u–v: the vertices adjacent to both must be exactly the apexes of the faces on the
   * edge; and two boundary vertices may only merge along a boundary edge. False also when u–v is no longer an edge.
   */
  private linkConditionHolds(u: number, v: number): boolean {
    const faces = this.faces;
    const s = ++this.stamp;
    let edgeFaces = 0;
    for (const f of this.vf[u]!) {
      if (!this.faceAlive[f]) continue;
      let hasV = false;
      for (let k = 0; k < 3; k++) {
        const w = faces[3 * f + k] as number;
        if (w === v) hasV = true;
        else if (w !== u) this.mark[w] = s;
      }
      if (hasV) edgeFaces++;
    }
    if (edgeFaces === 0) return false;
    let common = 0;
    for (const f of this.vf[v]!) {
      if (!this.faceAlive[f]) continue;
      for (let k = 0; k < 3; k++) {
        const w = faces[3 * f + k] as number;
        if (w === u || w === v || this.mark[w] !== s || this.mark2[w] === s) continue;
        this.mark2[w] = s;
        common++;
      }
    }
    if (common !== edgeFaces) return false;
    if (this.boundary[u] && this.boundary[v] && edgeFaces !== 1) return false;
    return !this.wouldDuplicateFace(u, v);
  }

  /**
   * Whether a face (v, x, y) would become a copy of an existing face (u, x, y): the edge part of the link condition
   * (Lk u ∩ Lk v holding an edge xy), e.g. any edge of a tetrahedron. O(deg u · deg v).
   */
  private wouldDuplicateFace(u: number, v: number): boolean {
    const faces = this.faces;
    for (const f of this.vf[v]!) {
      if (!this.faceAlive[f]) continue;
      let x = -1;
      let y = -1;
      let hasU = false;
      for (let k = 0; k < 3; k++) {
        const w = faces[3 * f + k] as number;
        if (w === u) hasU = true;
        else if (w !== v) {
          if (x < 0) x = w;
          else y = w;
        }
      }
      if (hasU) continue;
      for (const g of this.vf[u]!) {
        if (!this.faceAlive[g]) continue;
        const a = faces[3 * g] as number;
        const b = faces[3 * g + 1] as number;
        const c = faces[3 * g + 2] as number;
        if ((a === x || b === x || c === x) && (a === y || b === y || c === y)) return true;
      }
    }
    return false;
  }

  /** Whether moving `moved` to (x, y, z) turns a face of `moved` that does not contain `other` by ≥ 90°. */
  private flips(moved: number, other: number, x: number, y: number, z: number): boolean {
    const faces = this.faces;
    const p = this.pos;
    for (const f of this.vf[moved]!) {
      if (!this.faceAlive[f]) continue;
      const a = faces[3 * f] as number;
      const b = faces[3 * f + 1] as number;
      const c = faces[3 * f + 2] as number;
      if (a === other || b === other || c === other) continue;
      const ax = p[3 * a] as number, ay = p[3 * a + 1] as number, az = p[3 * a + 2] as number;
      const bx = p[3 * b] as number, by = p[3 * b + 1] as number, bz = p[3 * b + 2] as number;
      const cx = p[3 * c] as number, cy = p[3 * c + 1] as number, cz = p[3 * c + 2] as number;
      const n0x = (by - ay) * (cz - az) - (bz - az) * (cy - ay);
      const n0y = (bz - az) * (cx - ax) - (bx - ax) * (cz - az);
      const n0z = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
      if (n0x === 0 && n0y === 0 && n0z === 0) continue; // already degenerate: nothing to preserve
      const Ax = a === moved ? x : ax, Ay = a === moved ? y : ay, Az = a === moved ? z : az;
      const Bx = b === moved ? x : bx, By = b === moved ? y : by, Bz = b === moved ? z : bz;
      const Cx = c === moved ? x : cx, Cy = c === moved ? y : cy, Cz = c === moved ? z : cz;
      const n1x = (By - Ay) * (Cz - Az) - (Bz - Az) * (Cy - Ay);
      const n1y = (Bz - Az) * (Cx - Ax) - (Bx - Ax) * (Cz - Az);
      const n1z = (Bx - Ax) * (Cy - Ay) - (By - Ay) * (Cx - Ax);
      if (n0x * n1x + n0y * n1y + n0z * n1z <= 0) return true;
    }
    return false;
  }

  private finish(aliveCount: number, target: number): QuadricEdgeCollapseResult {
    const n = this.n;
    const coarseId = new Int32Array(n).fill(-1);
    const vertexMap = new Int32Array(aliveCount);
    const positions = new Float64Array(3 * aliveCount);
    let k = 0;
    for (let v = 0; v < n; v++) {
      if (!this.alive[v]) continue;
      coarseId[v] = k;
      vertexMap[k] = v;
      positions[3 * k] = this.pos[3 * v] as number;
      positions[3 * k + 1] = this.pos[3 * v + 1] as number;
      positions[3 * k + 2] = this.pos[3 * v + 2] as number;
      k++;
    }
    const assignment = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      let r = v;
      while ((this.parent[r] as number) >= 0) r = this.parent[r] as number;
      // Path compression keeps this linear overall.
      let x = v;
      while ((this.parent[x] as number) >= 0) {
        const next = this.parent[x] as number;
        this.parent[x] = r;
        x = next;
      }
      assignment[v] = coarseId[r] as number;
    }
    let liveFaces = 0;
    for (let f = 0; f < this.faceAlive.length; f++) liveFaces += this.faceAlive[f] as number;
    const candidates = new Int32Array(3 * liveFaces);
    let t = 0;
    for (let f = 0; f < this.faceAlive.length; f++) {
      if (!this.faceAlive[f]) continue;
      for (let c = 0; c < 3; c++) candidates[3 * t + c] = coarseId[this.faces[3 * f + c] as number] as number;
      t++;
    }
    const built = assembleMesh(positions, aliveCount, candidates, liveFaces);
    return {
      mesh: built.mesh,
      vertexMap,
      assignment,
      collapses: n - aliveCount,
      reachedTarget: aliveCount <= target,
      rejectedFlips: this.rejectedFlips,
      rejectedNonManifold: this.rejectedNonManifold,
      duplicateFacesDropped: built.duplicateFacesDropped,
    };
  }
}

/** (x, y, z, 1) Q (x, y, z, 1)ᵀ for the packed symmetric quadric q. */
function quadricAt(q: Float64Array, x: number, y: number, z: number): number {
  return (
    (q[0] as number) * x * x +
    2 * (q[1] as number) * x * y +
    2 * (q[2] as number) * x * z +
    2 * (q[3] as number) * x +
    (q[4] as number) * y * y +
    2 * (q[5] as number) * y * z +
    2 * (q[6] as number) * y +
    (q[7] as number) * z * z +
    2 * (q[8] as number) * z +
    (q[9] as number)
  );
}

/** Edge id of u–v in the sorted CSR rows (the pair is known to be an edge). */
function edgeIdOf(g: TriangleMesh['graph'], u: number, v: number): number {
  let lo = g.offsets[u] as number;
  let hi = (g.offsets[u + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = g.targets[mid] as number;
    if (x === v) return g.edgeIds[mid] as number;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Delaunay triangulation of points in the plane: incremental Bowyer–Watson insertion (A. Bowyer, "Computing Dirichlet
 * tessellations", Comput. J. 24, 1981; D. F. Watson, same issue) with ghost triangles for the outside of the convex
 * hull (J. R. Shewchuk's "ghost triangle" formulation, as in his Triangle / lecture notes), points inserted in Hilbert
 * order and located by a visibility walk from the previous insertion, and exact-sign predicates (./predicates.ts).
 *
 * Raw kernel: the caller passes n ≥ 3 finite points. Duplicate points and all-collinear inputs are reported, not
 * thrown. With exact predicates the result is a valid Delaunay triangulation for every input (for cocircular points,
 * one of the Delaunay triangulations); hull vertices include points lying on hull edges.
 * O(n log n) worst case for random points; expected O(n) after the O(n) Hilbert sort.
 */
import { hilbertOrder } from './hilbert-order.js';
import { inCircle, orient2d } from './predicates.js';

/** The vertex at infinity shared by all ghost triangles. */
const GHOST = -1;

export interface DelaunayTriangulation {
  readonly ok: true;
  /** Vertex ids of triangle t at 3t, 3t+1, 3t+2, counter-clockwise. */
  readonly triangles: Int32Array;
  /** Each Delaunay edge once, as (edgeSources[e], edgeTargets[e]) with the smaller id first. */
  readonly edgeSources: Int32Array;
  readonly edgeTargets: Int32Array;
  /** Convex hull boundary vertices in counter-clockwise order (points on hull edges included). */
  readonly hull: Int32Array;
}

export interface DelaunayFailure {
  readonly ok: false;
  /** `duplicate`: points `point` and `other` coincide. `collinear`: all points lie on one line. */
  readonly reason: 'duplicate' | 'collinear';
  readonly point: number;
  readonly other: number;
}

export function delaunayTriangulation(coords: Float64Array, n: number): DelaunayTriangulation | DelaunayFailure {
  const order = hilbertOrder(coords, n);
  const X = (v: number): number => coords[2 * v] as number;
  const Y = (v: number): number => coords[2 * v + 1] as number;
  const orient = (a: number, b: number, c: number): number => orient2d(X(a), Y(a), X(b), Y(b), X(c), Y(c));

  // Seed: the first two points in Hilbert order and the first later point not collinear with them.
  const s0 = order[0] as number;
  const s1 = order[1] as number;
  if (X(s0) === X(s1) && Y(s0) === Y(s1)) return { ok: false, reason: 'duplicate', point: Math.max(s0, s1), other: Math.min(s0, s1) };
  let k = 2;
  while (k < n && orient(s0, s1, order[k] as number) === 0) k++;
  if (k === n) return { ok: false, reason: 'collinear', point: -1, other: -1 };
  const swap = order[2] as number;
  order[2] = order[k] as number;
  order[k] = swap;

  // Triangle t: vertices V[3t..3t+2] counter-clockwise (GHOST allowed); N[3t+i] is the triangle across the edge
  // opposite vertex i, i.e. the edge V[3t+i+1] → V[3t+i+2]. A ghost (u, v, GHOST) lies left of u → v, outside the hull.
  const cap = 2 * n + 8; // live triangles (real + ghost) never exceed 2n − 2
  const V = new Int32Array(3 * cap);
  const N = new Int32Array(3 * cap);
  const alive = new Uint8Array(cap);
  const freeList = new Int32Array(cap);
  let freeTop = 0;
  let high = 0;
  const mark = new Int32Array(cap); // +stamp: in the cavity; −stamp: tested, not in the cavity
  const stack = new Int32Array(cap);
  const cavity = new Int32Array(cap);
  const bA = new Int32Array(cap + 2);
  const bB = new Int32Array(cap + 2);
  const bOut = new Int32Array(cap + 2);
  const bSlot = new Int32Array(cap + 2);
  const created = new Int32Array(cap + 2);
  const startingAt = new Int32Array(n + 1); // new triangle whose boundary edge starts at vertex v (index v + 1)

  const alloc = (): number => {
    const t = freeTop > 0 ? (freeList[--freeTop] as number) : high++;
    alive[t] = 1;
    return t;
  };
  const setTri = (t: number, a: number, b: number, c: number, na: number, nb: number, nc: number): void => {
    V[3 * t] = a;
    V[3 * t + 1] = b;
    V[3 * t + 2] = c;
    N[3 * t] = na;
    N[3 * t + 1] = nb;
    N[3 * t + 2] = nc;
  };

  let a0 = s0;
  let b0 = s1;
  const c0 = order[2] as number;
  if (orient(a0, b0, c0) < 0) {
    a0 = s1;
    b0 = s0;
  }
  const t0 = alloc();
  const g0 = alloc();
  const g1 = alloc();
  const g2 = alloc();
  setTri(t0, a0, b0, c0, g0, g1, g2);
  setTri(g0, c0, b0, GHOST, g2, g1, t0);
  setTri(g1, a0, c0, GHOST, g0, g2, t0);
  setTri(g2, b0, a0, GHOST, g1, g0, t0);

  let px = 0;
  let py = 0;
  // p is in conflict with ghost (u, v, GHOST) when strictly left of u → v, or on the open segment uv.
  const ghostConflict = (u: number, v: number): boolean => {
    const o = orient2d(X(u), Y(u), X(v), Y(v), px, py);
    if (o !== 0) return o > 0;
    const ux = X(u);
    const vx = X(v);
    if (ux !== vx) return (ux < px && px < vx) || (vx < px && px < ux);
    const uy = Y(u);
    const vy = Y(v);
    return (uy < py && py < vy) || (vy < py && py < uy);
  };
  const conflict = (t: number): boolean => {
    const a = V[3 * t] as number;
    const b = V[3 * t + 1] as number;
    const c = V[3 * t + 2] as number;
    if (a === GHOST) return ghostConflict(b, c);
    if (b === GHOST) return ghostConflict(c, a);
    if (c === GHOST) return ghostConflict(a, b);
    return inCircle(X(a), Y(a), X(b), Y(b), X(c), Y(c), px, py) > 0;
  };

  let last = t0;
  let turn = 0;
  for (let idx = 3; idx < n; idx++) {
    const p = order[idx] as number;
    px = X(p);
    py = Y(p);

    // Visibility walk to a triangle in conflict with p. Rotating the first edge tested avoids cycling.
    let t = last;
    for (;;) {
      const base = 3 * t;
      const a = V[base] as number;
      const b = V[base + 1] as number;
      const c = V[base + 2] as number;
      if (a === GHOST || b === GHOST || c === GHOST) {
        const g = a === GHOST ? 0 : b === GHOST ? 1 : 2;
        if (conflict(t)) break;
        t = N[base + g] as number; // step inside across the hull edge
        continue;
      }
      turn = turn === 2 ? 0 : turn + 1;
      let moved = false;
      for (let j = 0; j < 3; j++) {
        const i = (turn + j) % 3;
        const u = V[base + ((i + 1) % 3)] as number;
        const w = V[base + ((i + 2) % 3)] as number;
        if (orient2d(X(u), Y(u), X(w), Y(w), px, py) < 0) {
          t = N[base + i] as number;
          moved = true;
          break;
        }
      }
      if (!moved) {
        // t contains p; p lies strictly inside its circumcircle unless it repeats a vertex.
        const same = X(a) === px && Y(a) === py ? a : X(b) === px && Y(b) === py ? b : X(c) === px && Y(c) === py ? c : -1;
        if (same >= 0) return { ok: false, reason: 'duplicate', point: Math.max(p, same), other: Math.min(p, same) };
        break;
      }
    }

    // Cavity: triangles whose circumcircle (ghosts: open half-plane + open edge) contains p; it is connected.
    const stamp = idx;
    mark[t] = stamp;
    stack[0] = t;
    let sp = 1;
    let nCav = 0;
    let nb = 0;
    while (sp > 0) {
      const s = stack[--sp] as number;
      cavity[nCav++] = s;
      for (let i = 0; i < 3; i++) {
        const o = N[3 * s + i] as number;
        const mo = mark[o] as number;
        if (mo === stamp) continue;
        if (mo !== -stamp) {
          if (conflict(o)) {
            mark[o] = stamp;
            stack[sp++] = o;
            continue;
          }
          mark[o] = -stamp;
        }
        bA[nb] = V[3 * s + ((i + 1) % 3)] as number;
        bB[nb] = V[3 * s + ((i + 2) % 3)] as number;
        bOut[nb] = o;
        bSlot[nb] = N[3 * o] === s ? 0 : N[3 * o + 1] === s ? 1 : 2;
        nb++;
      }
    }
    for (let j = 0; j < nCav; j++) {
      const s = cavity[j] as number;
      alive[s] = 0;
      freeList[freeTop++] = s;
    }
    // Fan from p to the cavity boundary (a simple cycle, counter-clockwise around p).
    for (let j = 0; j < nb; j++) {
      const T = alloc();
      const a = bA[j] as number;
      const o = bOut[j] as number;
      setTri(T, p, a, bB[j] as number, o, -1, -1);
      N[3 * o + (bSlot[j] as number)] = T;
      startingAt[a + 1] = T;
      created[j] = T;
    }
    for (let j = 0; j < nb; j++) {
      const T = created[j] as number;
      const next = startingAt[(bB[j] as number) + 1] as number;
      N[3 * T + 1] = next;
      N[3 * next + 2] = T;
    }
    last = created[0] as number;
  }

  // Collect real triangles, edges (once each) and the hull.
  let realCount = 0;
  let ghostCount = 0;
  for (let t = 0; t < high; t++) {
    if (!alive[t]) continue;
    if (V[3 * t] === GHOST || V[3 * t + 1] === GHOST || V[3 * t + 2] === GHOST) ghostCount++;
    else realCount++;
  }
  const triangles = new Int32Array(3 * realCount);
  const edgeCount = (3 * realCount + ghostCount) / 2;
  const edgeSources = new Int32Array(edgeCount);
  const edgeTargets = new Int32Array(edgeCount);
  const hullNext = new Int32Array(n).fill(-1);
  let tc = 0;
  let ec = 0;
  let hullStart = -1;
  for (let t = 0; t < high; t++) {
    if (!alive[t]) continue;
    const base = 3 * t;
    const a = V[base] as number;
    const b = V[base + 1] as number;
    const c = V[base + 2] as number;
    if (a === GHOST || b === GHOST || c === GHOST) {
      const g = a === GHOST ? 0 : b === GHOST ? 1 : 2;
      const u = V[base + ((g + 1) % 3)] as number;
      const v = V[base + ((g + 2) % 3)] as number;
      hullNext[v] = u; // the hull runs v → u counter-clockwise
      hullStart = v;
      continue;
    }
    triangles[3 * tc] = a;
    triangles[3 * tc + 1] = b;
    triangles[3 * tc + 2] = c;
    tc++;
    for (let i = 0; i < 3; i++) {
      const o = N[base + i] as number;
      const oGhost = V[3 * o] === GHOST || V[3 * o + 1] === GHOST || V[3 * o + 2] === GHOST;
      if (!oGhost && o < t) continue;
      const u = V[base + ((i + 1) % 3)] as number;
      const w = V[base + ((i + 2) % 3)] as number;
      edgeSources[ec] = u < w ? u : w;
      edgeTargets[ec] = u < w ? w : u;
      ec++;
    }
  }
  const hull = new Int32Array(ghostCount);
  let v = hullStart;
  for (let j = 0; j < ghostCount; j++) {
    hull[j] = v;
    v = hullNext[v] as number;
  }
  return { ok: true, triangles, edgeSources, edgeTargets, hull };
}

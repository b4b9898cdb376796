/**
 * Test meshes built from closed forms (independent of src/mesh except meshFromArrays), brute-force references,
 * and a minimal OBJ reader (v and f lines only) for the real meshes in the shared data folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meshFromArrays, type TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { findDataDir } from '../../src/testing/data-dir.js';
import type { Rng } from '../../src/random/rng.js';

export function build(positions: ArrayLike<number>, faces: ArrayLike<number>): TriangleMesh {
  const { mesh, unreferencedDropped, degenerateFacesDropped } = meshFromArrays(positions, faces);
  if (unreferencedDropped !== 0 || degenerateFacesDropped !== 0) throw new Error('test mesh lost vertices or faces');
  return mesh;
}

/** Icosahedron subdivided `level` times (each triangle into 4), projected onto the sphere of `radius`; CCW outward. */
export function icosphere(level: number, radius = 1): TriangleMesh {
  const t = (1 + Math.sqrt(5)) / 2;
  const pts: number[][] = [
    [-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0],
    [0, -1, t], [0, 1, t], [0, -1, -t], [0, 1, -t],
    [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1],
  ];
  let tris: number[][] = [
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11],
    [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9],
    [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
  ];
  const unit = (p: number[]) => {
    const l = Math.hypot(p[0]!, p[1]!, p[2]!);
    return [p[0]! / l, p[1]! / l, p[2]! / l];
  };
  for (let i = 0; i < pts.length; i++) pts[i] = unit(pts[i]!);
  for (let s = 0; s < level; s++) {
    const mid = new Map<string, number>();
    const midpoint = (a: number, b: number) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let id = mid.get(key);
      if (id === undefined) {
        const pa = pts[a]!;
        const pb = pts[b]!;
        id = pts.length;
        pts.push(unit([(pa[0]! + pb[0]!) / 2, (pa[1]! + pb[1]!) / 2, (pa[2]! + pb[2]!) / 2]));
        mid.set(key, id);
      }
      return id;
    };
    const next: number[][] = [];
    for (const [a, b, c] of tris) {
      const ab = midpoint(a!, b!);
      const bc = midpoint(b!, c!);
      const ca = midpoint(c!, a!);
      next.push([a!, ab, ca], [b!, bc, ab], [c!, ca, bc], [ab, bc, ca]);
    }
    tris = next;
  }
  return build(pts.flat().map((x) => x * radius), tris.flat());
}

/** Torus ((R + r cos v) cos u, (R + r cos v) sin u, r sin v) on an nu × nv grid; CCW outward. */
export function uvTorus(R: number, r: number, nu: number, nv: number): TriangleMesh {
  const pos: number[] = [];
  const faces: number[] = [];
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      const u = (2 * Math.PI * i) / nu;
      const v = (2 * Math.PI * j) / nv;
      pos.push((R + r * Math.cos(v)) * Math.cos(u), (R + r * Math.cos(v)) * Math.sin(u), r * Math.sin(v));
    }
  }
  const id = (i: number, j: number) => ((i + nu) % nu) * nv + ((j + nv) % nv);
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      const a = id(i, j);
      const b = id(i + 1, j);
      const c = id(i + 1, j + 1);
      const d = id(i, j + 1);
      faces.push(a, b, c, a, c, d);
    }
  }
  return build(pos, faces);
}

/** Closed-form torus curvatures at the parameter v (tube angle). */
export function torusCurvatures(R: number, r: number, v: number): { H: number; K: number } {
  return { H: (R + 2 * r * Math.cos(v)) / (2 * r * (R + r * Math.cos(v))), K: Math.cos(v) / (r * (R + r * Math.cos(v))) };
}

export interface Patch {
  mesh: TriangleMesh;
  /** 1 for vertices on the outer ring of the grid. */
  boundary: Uint8Array;
  /** Unit normal of the plane. */
  normal: [number, number, number];
}

/** A random rigid rotation (orthonormal frame) from three normal draws (Gram–Schmidt). */
export function randomFrame(rng: Rng): number[][] {
  const a = [rng.normal(), rng.normal(), rng.normal()];
  const b = [rng.normal(), rng.normal(), rng.normal()];
  const na = Math.hypot(a[0]!, a[1]!, a[2]!);
  const e1 = a.map((x) => x / na);
  const d = e1[0]! * b[0]! + e1[1]! * b[1]! + e1[2]! * b[2]!;
  const b2 = b.map((x, k) => x - d * e1[k]!);
  const nb = Math.hypot(b2[0]!, b2[1]!, b2[2]!);
  const e2 = b2.map((x) => x / nb);
  const e3 = [e1[1]! * e2[2]! - e1[2]! * e2[1]!, e1[2]! * e2[0]! - e1[0]! * e2[2]!, e1[0]! * e2[1]! - e1[1]! * e2[0]!];
  return [e1, e2, e3];
}

/**
 * Planar (nx+1) × (ny+1) grid with spacing 1, interior vertices jittered by up to `jitter` per coordinate, each square
 * split along a random diagonal, then placed in 3D by `frame` (rows e1, e2 span the plane; e3 is the normal) plus an
 * offset. Jitter ≤ 0.2 keeps every triangle positively oriented.
 */
export function flatPatch(nx: number, ny: number, jitter: number, rng: Rng, frame?: number[][]): Patch {
  const F = frame ?? [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const pos: number[] = [];
  const boundary = new Uint8Array((nx + 1) * (ny + 1));
  const offset = [0.3, -1.7, 2.1];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const onBoundary = i === 0 || j === 0 || i === nx || j === ny;
      boundary[j * (nx + 1) + i] = onBoundary ? 1 : 0;
      const x = i + (onBoundary ? 0 : jitter * (2 * rng.float64() - 1));
      const y = j + (onBoundary ? 0 : jitter * (2 * rng.float64() - 1));
      for (let d = 0; d < 3; d++) pos.push(offset[d]! + x * F[0]![d]! + y * F[1]![d]!);
    }
  }
  const faces: number[] = [];
  const id = (i: number, j: number) => j * (nx + 1) + i;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = id(i, j);
      const b = id(i + 1, j);
      const c = id(i + 1, j + 1);
      const d = id(i, j + 1);
      if (rng.float64() < 0.5) faces.push(a, b, c, a, c, d);
      else faces.push(a, b, d, b, c, d);
    }
  }
  return { mesh: build(pos, faces), boundary, normal: [F[2]![0]!, F[2]![1]!, F[2]![2]!] };
}

/** Jittered equilateral triangular lattice (all angles within 60° ± ~20° for jitter 0.08): a Delaunay patch. */
export function triangularLattice(nx: number, ny: number, jitter: number, rng: Rng): TriangleMesh {
  const pos: number[] = [];
  const h = Math.sqrt(3) / 2;
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      pos.push(i + (j % 2) * 0.5 + jitter * (2 * rng.float64() - 1), j * h + jitter * (2 * rng.float64() - 1), 0);
    }
  }
  const id = (i: number, j: number) => j * (nx + 1) + i;
  const faces: number[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (j % 2 === 0) faces.push(id(i, j), id(i + 1, j), id(i, j + 1), id(i + 1, j), id(i + 1, j + 1), id(i, j + 1));
      else faces.push(id(i, j), id(i + 1, j + 1), id(i, j + 1), id(i, j), id(i + 1, j), id(i + 1, j + 1));
    }
  }
  return build(pos, faces);
}

export function tetrahedron(): TriangleMesh {
  return build([1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1], [0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2]);
}

export function singleTriangle(): TriangleMesh {
  return build([0, 0, 0, 2, 0, 0, 0.5, 1.5, 0], [0, 1, 2]);
}

/** Three triangles sharing the edge 0–1 (a non-manifold "book" with three pages). */
export function book(): TriangleMesh {
  return build([0, 0, 0, 0, 0, 1, 1, 0, 0.3, -0.5, 0.8, 0.6, -0.4, -0.9, 0.5], [0, 1, 2, 0, 1, 3, 1, 0, 4]);
}

/** Returns a copy of `mesh` with every coordinate moved by up to ±amp (uniform). */
export function perturb(mesh: TriangleMesh, amp: number, rng: Rng): TriangleMesh {
  const p = Float64Array.from(mesh.positions, (x) => x + amp * (2 * rng.float64() - 1));
  return build(p, mesh.faces);
}

/** Total area by the cross product, written independently of src/mesh. */
export function bruteArea(positions: ArrayLike<number>, faces: ArrayLike<number>): number {
  let total = 0;
  for (let f = 0; f < faces.length / 3; f++) {
    const [a, b, c] = [faces[3 * f]!, faces[3 * f + 1]!, faces[3 * f + 2]!];
    const u = [0, 1, 2].map((d) => positions[3 * b + d]! - positions[3 * a + d]!);
    const v = [0, 1, 2].map((d) => positions[3 * c + d]! - positions[3 * a + d]!);
    total += 0.5 * Math.hypot(u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!);
  }
  return total;
}

/** Interior angle at corner `at` of the triangle (at, b, c) by the law of cosines and acos. */
export function cornerAngle(p: ArrayLike<number>, at: number, b: number, c: number): number {
  const len = (x: number, y: number) => Math.hypot(p[3 * x]! - p[3 * y]!, p[3 * x + 1]! - p[3 * y + 1]!, p[3 * x + 2]! - p[3 * y + 2]!);
  const lb = len(at, b);
  const lc = len(at, c);
  const lo = len(b, c);
  return Math.acos(Math.min(1, Math.max(-1, (lb * lb + lc * lc - lo * lo) / (2 * lb * lc))));
}

/** Cotangent weights keyed "i,j" (i < j) from acos angles: an independent route to cotangentWeights. */
export function bruteCotWeights(mesh: TriangleMesh): Map<string, number> {
  const w = new Map<string, number>();
  const f = mesh.faces;
  for (let t = 0; t < mesh.faceCount; t++) {
    for (let k = 0; k < 3; k++) {
      const at = f[3 * t + k]!;
      const b = f[3 * t + ((k + 1) % 3)]!;
      const c = f[3 * t + ((k + 2) % 3)]!;
      const key = b < c ? `${b},${c}` : `${c},${b}`;
      w.set(key, (w.get(key) ?? 0) + 0.5 / Math.tan(cornerAngle(mesh.positions, at, b, c)));
    }
  }
  return w;
}

/** Minimal Wavefront OBJ reader for tests: `v x y z` and `f a b c` (index before the first '/', 1-based). */
export function parseObjForTest(text: string): { positions: number[]; faces: number[] } {
  const positions: number[] = [];
  const faces: number[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('v ')) {
      const parts = line.split(/\s+/);
      positions.push(Number(parts[1]), Number(parts[2]), Number(parts[3]));
    } else if (line.startsWith('f ')) {
      const idx = line.split(/\s+/).slice(1).map((s) => Number(s.split('/')[0]) - 1);
      for (let k = 1; k + 1 < idx.length; k++) faces.push(idx[0]!, idx[k]!, idx[k + 1]!);
    }
  }
  return { positions, faces };
}

/** Loads a real mesh from <data>/meshes, or undefined when the data folder is absent. */
export function loadRealMesh(file: string): ReturnType<typeof meshFromArrays> | undefined {
  const dir = findDataDir();
  if (dir === undefined) return undefined;
  const { positions, faces } = parseObjForTest(readFileSync(join(dir, 'meshes', file), 'utf8'));
  return meshFromArrays(positions, faces);
}

/** Signed volume (divergence theorem); positive for a closed mesh with outward (CCW) faces. */
export function signedVolume(mesh: TriangleMesh): number {
  const p = mesh.positions;
  const f = mesh.faces;
  let vol = 0;
  for (let t = 0; t < mesh.faceCount; t++) {
    const a = 3 * f[3 * t]!;
    const b = 3 * f[3 * t + 1]!;
    const c = 3 * f[3 * t + 2]!;
    vol +=
      (p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) -
        p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) +
        p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!)) /
      6;
  }
  return vol;
}

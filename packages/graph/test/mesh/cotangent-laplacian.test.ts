import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { meshFromArrays } from '../../src/mesh/triangle-mesh.js';
import { edgeBetween } from '../../src/core/queries.js';
import { applyCotangentLaplacian, cotangentLaplacian, cotangentWeights } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import type { CotangentLaplacianMatrix } from '../../src/mesh/index.js';
import {
  book,
  build,
  bruteCotWeights,
  flatPatch,
  icosphere,
  perturb,
  randomFrame,
  triangularLattice,
  uvTorus,
} from './mesh-builders.js';

function dense(L: CotangentLaplacianMatrix): number[][] {
  const D = Array.from({ length: L.order }, () => new Array<number>(L.order).fill(0));
  for (let i = 0; i < L.order; i++) {
    for (let h = L.offsets[i]!; h < L.offsets[i + 1]!; h++) D[i]![L.columns[h]!] = L.values[h]!;
  }
  return D;
}

/** Σ_faces area·|∇f|² of the piecewise-linear interpolant: ∇f = Σ_k f_k (n × e_k)/(2A), e_k the side opposite k. */
function dirichletEnergy(mesh: TriangleMesh, f: Float64Array): number {
  const p = mesh.positions;
  let total = 0;
  for (let t = 0; t < mesh.faceCount; t++) {
    const v = [mesh.faces[3 * t]!, mesh.faces[3 * t + 1]!, mesh.faces[3 * t + 2]!];
    const P = v.map((i) => [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!]);
    const u = [0, 1, 2].map((d) => P[1]![d]! - P[0]![d]!);
    const w = [0, 1, 2].map((d) => P[2]![d]! - P[0]![d]!);
    const N = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!];
    const twoA = Math.hypot(N[0]!, N[1]!, N[2]!);
    const n = N.map((x) => x / twoA);
    const grad = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      const a = P[(k + 1) % 3]!;
      const b = P[(k + 2) % 3]!;
      const e = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
      const ne = [n[1]! * e[2]! - n[2]! * e[1]!, n[2]! * e[0]! - n[0]! * e[2]!, n[0]! * e[1]! - n[1]! * e[0]!];
      for (let d = 0; d < 3; d++) grad[d]! += (f[v[k]!]! * ne[d]!) / twoA;
    }
    total += 0.5 * twoA * (grad[0]! ** 2 + grad[1]! ** 2 + grad[2]! ** 2);
  }
  return total;
}

describe('cotangentLaplacian', () => {
  it('has the CSR layout: diagonal plus neighbours per row, sorted columns, offsets = graph offsets + i', () => {
    const mesh = perturb(icosphere(2), 0.05, createRng(3));
    const L = cotangentLaplacian(mesh);
    expect(L.order).toBe(mesh.vertexCount);
    expect(L.columns.length).toBe(mesh.vertexCount + 2 * mesh.graph.size);
    for (let i = 0; i < L.order; i++) {
      expect(L.offsets[i]).toBe(mesh.graph.offsets[i]! + i);
      let sawDiagonal = 0;
      for (let h = L.offsets[i]!; h < L.offsets[i + 1]!; h++) {
        if (h > L.offsets[i]!) expect(L.columns[h]!).toBeGreaterThan(L.columns[h - 1]!);
        if (L.columns[h] === i) sawDiagonal++;
      }
      expect(sawDiagonal).toBe(1);
    }
  });

  it('equals the dense matrix built from acos cotangents; exactly symmetric; rows sum to 0 (4 meshes, 1e-10 / 1e-12)', () => {
    const rng = createRng(5);
    const meshes = [perturb(icosphere(2), 0.05, rng), uvTorus(3, 1, 10, 7), flatPatch(5, 5, 0.2, rng).mesh, book()];
    for (const mesh of meshes) {
      const D = dense(cotangentLaplacian(mesh));
      const ref = bruteCotWeights(mesh);
      const n = mesh.vertexCount;
      let asymmetric = 0;
      let worstEntry = 0;
      let worstRow = 0;
      for (let i = 0; i < n; i++) {
        let rowSum = 0;
        let rowScale = 0;
        for (let j = 0; j < n; j++) {
          if (D[i]![j] !== D[j]![i]) asymmetric++;
          rowSum += D[i]![j]!;
          rowScale += Math.abs(D[i]![j]!);
          if (i !== j) {
            const w = ref.get(i < j ? `${i},${j}` : `${j},${i}`) ?? 0;
            worstEntry = Math.max(worstEntry, Math.abs(D[i]![j]! + w) / Math.max(1, Math.abs(w)));
          }
        }
        worstRow = Math.max(worstRow, Math.abs(rowSum) / rowScale);
      }
      expect(asymmetric).toBe(0);
      expect(worstEntry).toBeLessThanOrEqual(1e-10);
      expect(worstRow).toBeLessThanOrEqual(1e-12);
    }
  });

  it('annihilates linear functions at interior vertices of flat random patches in random planes (10 patches, 1e-12)', () => {
    const rng = createRng(99);
    for (let trial = 0; trial < 10; trial++) {
      const { mesh, boundary } = flatPatch(8, 7, 0.2, rng, randomFrame(rng));
      const L = cotangentLaplacian(mesh);
      const n = mesh.vertexCount;
      const c = [rng.normal(), rng.normal(), rng.normal()];
      const f = new Float64Array(n);
      for (let v = 0; v < n; v++) {
        f[v] = 0.7 + c[0]! * mesh.positions[3 * v]! + c[1]! * mesh.positions[3 * v + 1]! + c[2]! * mesh.positions[3 * v + 2]!;
      }
      const Lf = applyCotangentLaplacian(L, f);
      const Lx = applyCotangentLaplacian(L, mesh.positions);
      let boundaryMax = 0;
      for (let v = 0; v < n; v++) {
        if (boundary[v]) {
          boundaryMax = Math.max(boundaryMax, Math.hypot(Lx[3 * v]!, Lx[3 * v + 1]!, Lx[3 * v + 2]!));
          continue;
        }
        expect(Math.abs(Lf[v]!)).toBeLessThanOrEqual(1e-12);
        for (let d = 0; d < 3; d++) expect(Math.abs(Lx[3 * v + d]!)).toBeLessThanOrEqual(1e-12);
      }
      // The identity is an interior one: boundary rows carry the boundary term, so the test can discriminate.
      expect(boundaryMax).toBeGreaterThan(0.1);
    }
  });

  it('is PSD: xᵀLx = Dirichlet energy ≥ 0 on Delaunay lattices and on non-Delaunay random meshes (20 x per mesh)', () => {
    const rng = createRng(7);
    const lattices = [0, 1, 2, 3, 4].map(() => triangularLattice(7, 6, 0.08, rng));
    const others = [perturb(icosphere(1), 0.25, rng), perturb(uvTorus(2, 0.8, 9, 6), 0.2, rng), book()];
    let negativeWeights = 0;
    for (const mesh of [...lattices, ...others]) {
      const w = cotangentWeights(mesh);
      const isLattice = lattices.includes(mesh);
      // Delaunay certificate for the lattices: every weight positive (opposite angles sum below π).
      if (isLattice) for (const x of w) expect(x).toBeGreaterThan(0);
      else negativeWeights += w.filter((x) => x < 0).length;
      const L = cotangentLaplacian(mesh);
      for (let s = 0; s < 20; s++) {
        const x = Float64Array.from({ length: mesh.vertexCount }, () => rng.normal());
        const Lx = applyCotangentLaplacian(L, x);
        let q = 0;
        for (let i = 0; i < x.length; i++) q += x[i]! * Lx[i]!;
        const energy = dirichletEnergy(mesh, x);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(Math.abs(q - energy)).toBeLessThanOrEqual(1e-10 * energy);
      }
      // Constants are in the kernel.
      const ones = applyCotangentLaplacian(L, new Float64Array(mesh.vertexCount).fill(1));
      for (const y of ones) expect(Math.abs(y)).toBeLessThanOrEqual(1e-12 * 50);
    }
    // The perturbed meshes do exercise negative weights (otherwise the non-Delaunay claim would be untested).
    expect(negativeWeights).toBeGreaterThan(0);
  });

  it('handles the empty mesh', () => {
    const L = cotangentLaplacian(build([], []));
    expect(L.order).toBe(0);
    expect(Array.from(L.offsets)).toEqual([0]);
  });
});

interface DelaunayFixture {
  positions: number[];
  faces: number[];
  laplacianEntries: [number, number, number][];
  eigenvalues: number[];
  interiorEdges: [number, number][];
}

describe('cotangentLaplacian on a scipy Delaunay triangulation (fixture from test/fixtures/mesh/generate.py)', () => {
  const fx = JSON.parse(
    readFileSync(new URL('../fixtures/mesh/delaunay.json', import.meta.url), 'utf8'),
  ) as DelaunayFixture;
  const { mesh, unreferencedDropped } = meshFromArrays(fx.positions, fx.faces);

  it('equals the numpy-built matrix entry by entry (1e-12 relative)', () => {
    expect(unreferencedDropped).toBe(0);
    const D = dense(cotangentLaplacian(mesh));
    let stored = 0;
    for (const [i, j, value] of fx.laplacianEntries) {
      expect(Math.abs(D[i]![j]! - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
      stored++;
    }
    expect(stored).toBe(mesh.vertexCount + 2 * mesh.graph.size);
  });

  it('has non-negative interior weights (Delaunay) and is PSD: numpy spectrum ≥ −1e-12, Rayleigh quotients ≥ 0', () => {
    const w = cotangentWeights(mesh);
    for (const [a, b] of fx.interiorEdges) expect(w[edgeBetween(mesh.graph, a, b)]!).toBeGreaterThanOrEqual(0);
    // One zero eigenvalue (connected mesh, constants), the rest positive.
    expect(Math.abs(fx.eigenvalues[0]!)).toBeLessThan(1e-12);
    expect(fx.eigenvalues[1]!).toBeGreaterThan(1e-3);
    const L = cotangentLaplacian(mesh);
    const rng = createRng(60);
    for (let s = 0; s < 50; s++) {
      const x = Float64Array.from({ length: mesh.vertexCount }, () => rng.normal());
      const Lx = applyCotangentLaplacian(L, x);
      let q = 0;
      let xx = 0;
      for (let i = 0; i < x.length; i++) {
        q += x[i]! * Lx[i]!;
        xx += x[i]! * x[i]!;
      }
      // Rayleigh quotient within the numpy spectrum.
      expect(q / xx).toBeGreaterThanOrEqual(fx.eigenvalues[0]! - 1e-12);
      expect(q / xx).toBeLessThanOrEqual(fx.eigenvalues[fx.eigenvalues.length - 1]! * (1 + 1e-12));
    }
  });
});

import { describe, expect, it } from '@jest/globals';
import { angleDefects, gaussianCurvature, meshEdgeStats } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import {
  book,
  build,
  flatPatch,
  icosphere,
  perturb,
  randomFrame,
  singleTriangle,
  tetrahedron,
  torusCurvatures,
  uvTorus,
} from './mesh-builders.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';

const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

describe('gaussianCurvature', () => {
  it('is 1/r² at every vertex of an icosphere (level 3 within 1%, level 4 within 0.3%)', () => {
    // Measured max |K·r² − 1|: 0.55% (level 3), 0.14% (level 4).
    const r = 2.5;
    for (const [level, tol] of [[3, 0.01], [4, 0.003]] as const) {
      for (const k of gaussianCurvature(icosphere(level, r))) expect(Math.abs(k * r * r - 1)).toBeLessThan(tol);
    }
  });

  it('matches the closed-form torus Gaussian curvature, positive outside and negative inside (96 × 48, abs 2e-3)', () => {
    // Measured max error 8.0e-4.
    const [R, r, nu, nv] = [3, 1, 96, 48];
    const K = gaussianCurvature(uvTorus(R, r, nu, nv));
    let worst = 0;
    for (let i = 0; i < nu; i++) {
      for (let j = 0; j < nv; j++) worst = Math.max(worst, Math.abs(K[i * nv + j]! - torusCurvatures(R, r, (2 * Math.PI * j) / nv).K));
    }
    expect(worst).toBeLessThan(2e-3);
  });

  it('is 0 at interior vertices of flat random patches; boundary defects are π/2 at corners, 0 along sides', () => {
    const rng = createRng(13);
    for (let t = 0; t < 5; t++) {
      const nx = 6;
      const ny = 5;
      const { mesh, boundary } = flatPatch(nx, ny, 0.2, rng, randomFrame(rng));
      const K = gaussianCurvature(mesh);
      const D = angleDefects(mesh);
      for (let v = 0; v < mesh.vertexCount; v++) {
        const i = v % (nx + 1);
        const j = Math.floor(v / (nx + 1));
        const corner = (i === 0 || i === nx) && (j === 0 || j === ny);
        if (!boundary[v]) expect(Math.abs(K[v]!)).toBeLessThanOrEqual(1e-12);
        else expect(Math.abs(D[v]! - (corner ? Math.PI / 2 : 0))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('regular tetrahedron: defect π and K = π / (2√3) at each vertex (edge 2√2, Voronoi area 2√3)', () => {
    const m = tetrahedron();
    for (const d of angleDefects(m)) expect(d).toBeCloseTo(Math.PI, 14);
    for (const k of gaussianCurvature(m)) expect(k).toBeCloseTo(Math.PI / (2 * Math.sqrt(3)), 14);
    for (const k of gaussianCurvature(m, { areaKind: 'barycentric' })) expect(k).toBeCloseTo(Math.PI / (2 * Math.sqrt(3)), 14);
  });
});

describe('angleDefects (discrete Gauss–Bonnet)', () => {
  const rng = createRng(1);
  const bowtie = build([0, 0, 0, 1, 0, 0, 1, 1, 0, -1, 0, 0, -1, -1, 0.2], [0, 1, 2, 0, 3, 4]);
  const cases: [string, TriangleMesh][] = [
    ['icosahedron', icosphere(0)],
    ['icosphere level 2', icosphere(2)],
    ['perturbed icosphere level 3', perturb(icosphere(3), 0.03, rng)],
    ['torus 24 × 12', uvTorus(3, 1, 24, 12)],
    ['perturbed torus 30 × 10', perturb(uvTorus(2, 0.9, 30, 10), 0.1, rng)],
    ['tetrahedron', tetrahedron()],
    ['flat patch (disk)', flatPatch(6, 4, 0.2, rng).mesh],
    ['bumpy patch (disk)', perturb(flatPatch(6, 4, 0.2, rng).mesh, 0.5, rng)],
    ['single triangle', singleTriangle()],
    ['bowtie (two triangles pinched at one vertex)', bowtie],
  ];
  it.each(cases)('Σ defects = 2πχ to 1e-9 on %s', (_name, mesh) => {
    const chi = meshEdgeStats(mesh).eulerCharacteristic;
    expect(Math.abs(sum(angleDefects(mesh)) - 2 * Math.PI * chi)).toBeLessThanOrEqual(1e-9);
  });

  it('checks χ of the synthetic meshes against the topology (sphere 2, torus 0, disk 1)', () => {
    expect(cases.map(([, m]) => meshEdgeStats(m).eulerCharacteristic)).toEqual([2, 2, 2, 0, 0, 2, 1, 1, 1, 1]);
  });

  it('differs by −π Σ (k − 2) over non-manifold edges: book with three pages sums to 2πχ − π', () => {
    const m = book();
    const stats = meshEdgeStats(m);
    expect(stats.eulerCharacteristic).toBe(1);
    expect(Math.abs(sum(angleDefects(m)) - (2 * Math.PI - Math.PI))).toBeLessThanOrEqual(1e-12);
  });

  it('single triangle: each boundary vertex gets π − θ (its exterior angle)', () => {
    const m = singleTriangle();
    const d = angleDefects(m);
    const exterior = (a: number, b: number, c: number) => {
      const p = m.positions;
      const u = [p[3 * b]! - p[3 * a]!, p[3 * b + 1]! - p[3 * a + 1]!];
      const v = [p[3 * c]! - p[3 * a]!, p[3 * c + 1]! - p[3 * a + 1]!];
      return Math.PI - Math.acos((u[0]! * v[0]! + u[1]! * v[1]!) / (Math.hypot(u[0]!, u[1]!) * Math.hypot(v[0]!, v[1]!)));
    };
    expect(d[0]).toBeCloseTo(exterior(0, 1, 2), 13);
    expect(d[1]).toBeCloseTo(exterior(1, 2, 0), 13);
    expect(d[2]).toBeCloseTo(exterior(2, 0, 1), 13);
  });
});

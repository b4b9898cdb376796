import { describe, expect, it } from '@jest/globals';
import { cotangentWeights } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import { edgeBetween } from '../../src/core/queries.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import {
  book,
  build,
  bruteArea,
  bruteCotWeights,
  flatPatch,
  icosphere,
  perturb,
  randomFrame,
  singleTriangle,
  tetrahedron,
  uvTorus,
} from './mesh-builders.js';

function weightOf(mesh: TriangleMesh, w: Float64Array, a: number, b: number): number {
  const e = edgeBetween(mesh.graph, a, b);
  expect(e).toBeGreaterThanOrEqual(0);
  return w[e]!;
}

/** Central finite-difference gradient of the brute-force total area, 3 numbers per vertex. */
function fdAreaGradient(mesh: TriangleMesh, step: number): Float64Array {
  const p = Float64Array.from(mesh.positions);
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const x = p[i]!;
    p[i] = x + step;
    const plus = bruteArea(p, mesh.faces);
    p[i] = x - step;
    const minus = bruteArea(p, mesh.faces);
    p[i] = x;
    g[i] = (plus - minus) / (2 * step);
  }
  return g;
}

describe('cotangentWeights', () => {
  it('matches closed forms: right isosceles triangle, equilateral triangle, regular tetrahedron', () => {
    const right = build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2]);
    const wr = cotangentWeights(right);
    // Legs are opposite 45° angles (½·cot 45° = ½); the hypotenuse is opposite the right angle (cot 90° = 0).
    expect(weightOf(right, wr, 0, 1)).toBeCloseTo(0.5, 14);
    expect(weightOf(right, wr, 0, 2)).toBeCloseTo(0.5, 14);
    expect(Math.abs(weightOf(right, wr, 1, 2))).toBeLessThan(1e-15);
    const eq = build([0, 0, 0, 1, 0, 0, 0.5, Math.sqrt(3) / 2, 0], [0, 1, 2]);
    for (const x of cotangentWeights(eq)) expect(x).toBeCloseTo(1 / (2 * Math.sqrt(3)), 14);
    // Regular tetrahedron: every edge has two opposite 60° angles, w = cot 60° = 1/√3.
    const tw = cotangentWeights(tetrahedron());
    expect(tw.length).toBe(6);
    for (const x of tw) expect(x).toBeCloseTo(1 / Math.sqrt(3), 14);
  });

  it('is negative on a non-Delaunay edge (kite with obtuse opposite angles, closed form -2.4)', () => {
    // A(-1,0) B(0,-0.2) C(1,0) D(0,0.2), diagonal AC: opposite angles 2·atan(5) with cot = (0.2² − 1)/(2·0.2) = -2.4.
    const kite = build([-1, 0, 0, 0, -0.2, 0, 1, 0, 0, 0, 0.2, 0], [0, 1, 2, 0, 2, 3]);
    const w = cotangentWeights(kite);
    expect(weightOf(kite, w, 0, 2)).toBeCloseTo(-2.4, 12);
    // Boundary edge AB is opposite the angle at C, atan(0.2): ½ cot = 2.5.
    expect(weightOf(kite, w, 0, 1)).toBeCloseTo(2.5, 12);
  });

  it('equals half the sum of acos-based cotangents over all faces of each edge (random meshes, non-manifold book)', () => {
    const rng = createRng(11);
    const meshes = [
      perturb(icosphere(2), 0.05, rng),
      perturb(uvTorus(3, 1, 12, 8), 0.1, rng),
      flatPatch(6, 5, 0.2, rng, randomFrame(rng)).mesh,
      perturb(book(), 0.1, rng),
      singleTriangle(),
    ];
    for (const mesh of meshes) {
      const w = cotangentWeights(mesh);
      const ref = bruteCotWeights(mesh);
      expect(ref.size).toBe(mesh.graph.size);
      for (let e = 0; e < mesh.graph.size; e++) {
        const r = ref.get(`${mesh.graph.edgeSources[e]},${mesh.graph.edgeTargets[e]}`)!;
        // acos loses ~1e-16/sin θ; angles here are far from 0 and π, so 1e-10 relative is ample.
        expect(Math.abs(w[e]! - r)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(r)));
      }
    }
  });

  it('gives the area gradient: ∂Area/∂x_i = Σ_j w_ij (x_i − x_j), by central differences (5 random meshes, rel 1e-6)', () => {
    const rng = createRng(2024);
    const meshes = [
      perturb(icosphere(1), 0.15, rng), // closed, genus 0, some obtuse faces
      perturb(uvTorus(2, 0.7, 8, 6), 0.1, rng), // closed, genus 1
      perturb(flatPatch(5, 4, 0.2, rng).mesh, 0.3, rng), // boundary, bumpy
      perturb(book(), 0.1, rng), // non-manifold edge on three faces
      perturb(tetrahedron(), 0.2, rng),
    ];
    for (const mesh of meshes) {
      const w = cotangentWeights(mesh);
      const grad = new Float64Array(3 * mesh.vertexCount);
      const p = mesh.positions;
      for (let e = 0; e < mesh.graph.size; e++) {
        const a = mesh.graph.edgeSources[e]!;
        const b = mesh.graph.edgeTargets[e]!;
        for (let d = 0; d < 3; d++) {
          grad[3 * a + d]! += w[e]! * (p[3 * a + d]! - p[3 * b + d]!);
          grad[3 * b + d]! += w[e]! * (p[3 * b + d]! - p[3 * a + d]!);
        }
      }
      const fd = fdAreaGradient(mesh, 1e-5);
      let scale = 0;
      let err = 0;
      for (let i = 0; i < fd.length; i++) {
        scale = Math.max(scale, Math.abs(fd[i]!));
        err = Math.max(err, Math.abs(fd[i]! - grad[i]!));
      }
      expect(scale).toBeGreaterThan(0.05);
      expect(err).toBeLessThanOrEqual(1e-6 * scale);
    }
  });

  it('returns an empty array for an empty mesh', () => {
    expect(cotangentWeights(build([], [])).length).toBe(0);
  });
});

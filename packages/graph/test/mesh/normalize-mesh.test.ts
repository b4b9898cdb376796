import { describe, expect, it } from '@jest/globals';
import { gaussianCurvature, meanCurvature, normalizeMesh } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import { build, icosphere, perturb, uvTorus } from './mesh-builders.js';

describe('normalizeMesh', () => {
  it('centres the bounding box at the origin with unit diagonal; shares faces and graph; leaves the input alone', () => {
    const rng = createRng(6);
    const m = build(
      Float64Array.from(perturb(uvTorus(3, 1, 12, 8), 0.2, rng).positions, (x, i) => 40 * x + [5, -7, 100][i % 3]!),
      uvTorus(3, 1, 12, 8).faces,
    );
    const before = Float64Array.from(m.positions);
    const n = normalizeMesh(m);
    expect(Array.from(m.positions)).toEqual(Array.from(before));
    expect(n.faces).toBe(m.faces);
    expect(n.graph).toBe(m.graph);
    expect(n.vertexCount).toBe(m.vertexCount);
    expect(n.faceCount).toBe(m.faceCount);
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (let v = 0; v < n.vertexCount; v++) {
      for (let d = 0; d < 3; d++) {
        lo[d] = Math.min(lo[d]!, n.positions[3 * v + d]!);
        hi[d] = Math.max(hi[d]!, n.positions[3 * v + d]!);
      }
    }
    for (let d = 0; d < 3; d++) expect(Math.abs(lo[d]! + hi[d]!)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(Math.hypot(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!) - 1)).toBeLessThanOrEqual(1e-15);
  });

  it('scales curvatures by the diagonal d: H·d and K·d² (icosphere r = 5)', () => {
    const m = icosphere(2, 5);
    const n = normalizeMesh(m);
    // Scale factor from a vertex pair: lengths shrink by d.
    const d = Math.hypot(m.positions[0]! - m.positions[3]!, m.positions[1]! - m.positions[4]!, m.positions[2]! - m.positions[5]!) /
      Math.hypot(n.positions[0]! - n.positions[3]!, n.positions[1]! - n.positions[4]!, n.positions[2]! - n.positions[5]!);
    const H = meanCurvature(m);
    const Hn = meanCurvature(n);
    const K = gaussianCurvature(m);
    const Kn = gaussianCurvature(n);
    for (let v = 0; v < m.vertexCount; v++) {
      expect(Math.abs(Hn[v]! - H[v]! * d)).toBeLessThanOrEqual(1e-10 * Hn[v]!);
      expect(Math.abs(Kn[v]! - K[v]! * d * d)).toBeLessThanOrEqual(1e-10 * Kn[v]!);
    }
  });

  it('returns an empty mesh for an empty mesh', () => {
    const n = normalizeMesh(build([], []));
    expect(n.vertexCount).toBe(0);
    expect(n.positions.length).toBe(0);
  });
});

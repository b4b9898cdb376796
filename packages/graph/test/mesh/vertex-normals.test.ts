import { describe, expect, it } from '@jest/globals';
import { vertexNormals } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import { build, flatPatch, icosphere, randomFrame, tetrahedron } from './mesh-builders.js';

const WEIGHTINGS = ['angle', 'area', 'uniform'] as const;

describe('vertexNormals', () => {
  it('is radial on an icosphere (level 3, all three weightings): angle to x/|x| below 1°, unit length to 1e-14', () => {
    const r = 3;
    const m = icosphere(3, r);
    for (const weighting of WEIGHTINGS) {
      const n = vertexNormals(m, { weighting });
      for (let v = 0; v < m.vertexCount; v++) {
        const len = Math.hypot(n[3 * v]!, n[3 * v + 1]!, n[3 * v + 2]!);
        expect(Math.abs(len - 1)).toBeLessThanOrEqual(1e-14);
        const cos = (n[3 * v]! * m.positions[3 * v]! + n[3 * v + 1]! * m.positions[3 * v + 1]! + n[3 * v + 2]! * m.positions[3 * v + 2]!) / r;
        expect((Math.acos(Math.min(1, cos)) * 180) / Math.PI).toBeLessThan(1);
      }
    }
  });

  it('equals the plane normal at every vertex of a flat patch in a random plane (1e-12), flipped with the winding', () => {
    const rng = createRng(4);
    const { mesh, normal } = flatPatch(6, 5, 0.2, rng, randomFrame(rng));
    const flipped = build(mesh.positions, Int32Array.from(mesh.faces, (_, i) => mesh.faces[i - (i % 3) + (2 - (i % 3))]!));
    for (const weighting of WEIGHTINGS) {
      const n = vertexNormals(mesh, { weighting });
      const nf = vertexNormals(flipped, { weighting });
      for (let v = 0; v < mesh.vertexCount; v++) {
        for (let d = 0; d < 3; d++) {
          expect(Math.abs(n[3 * v + d]! - normal[d]!)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(nf[3 * v + d]! + normal[d]!)).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });

  it('distinguishes the weightings on a corner with unequal faces (closed forms)', () => {
    // Vertex 0 at the origin with faces in the planes z = 0 (area 2, angle 90°, normal +z) and x = 0 (area 0.5,
    // angle 45°, normal +x).
    const m = build([0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 1, 1], [0, 1, 2, 0, 4, 3]);
    const unit = (x: number, z: number) => [x / Math.hypot(x, z), 0, z / Math.hypot(x, z)];
    const expected = { angle: unit(Math.PI / 4, Math.PI / 2), area: unit(0.5, 2), uniform: unit(1, 1) };
    for (const weighting of WEIGHTINGS) {
      const n = vertexNormals(m, { weighting });
      for (let d = 0; d < 3; d++) expect(n[d]).toBeCloseTo(expected[weighting][d]!, 14);
    }
  });

  it('gives each vertex of a regular tetrahedron the outward direction of its position (1e-14)', () => {
    const m = tetrahedron();
    const n = vertexNormals(m);
    for (let v = 0; v < 4; v++) {
      for (let d = 0; d < 3; d++) expect(n[3 * v + d]).toBeCloseTo(m.positions[3 * v + d]! / Math.sqrt(3), 14);
    }
  });

  it('returns the zero vector where faces cancel (a vertex on two opposite copies of a triangle)', () => {
    const m = build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2, 0, 2, 1]);
    for (const weighting of WEIGHTINGS) for (const x of vertexNormals(m, { weighting })) expect(x).toBe(0);
  });
});

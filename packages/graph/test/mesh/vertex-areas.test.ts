import { describe, expect, it } from '@jest/globals';
import { vertexAreas } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import { book, build, bruteArea, flatPatch, icosphere, perturb, singleTriangle, uvTorus } from './mesh-builders.js';

describe('vertexAreas', () => {
  it('right isosceles triangle (legs 1): Voronoi ¼ at the right angle and ⅛ at the others; barycentric ⅙ each', () => {
    const m = build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2]);
    const mixed = vertexAreas(m);
    expect(mixed[0]).toBeCloseTo(0.25, 15);
    expect(mixed[1]).toBeCloseTo(0.125, 15);
    expect(mixed[2]).toBeCloseTo(0.125, 15);
    for (const a of vertexAreas(m, { kind: 'barycentric' })) expect(a).toBeCloseTo(1 / 6, 15);
  });

  it('obtuse triangle: half the area at the obtuse corner, a quarter at the others', () => {
    // Base 4, apex (1, 0.5): angle at the apex is obtuse; area 1.
    const m = build([-1, 0, 0, 3, 0, 0, 0, 0.5, 0], [0, 1, 2]);
    const a = vertexAreas(m, { kind: 'mixed-voronoi' });
    expect(a[2]).toBeCloseTo(0.5, 15);
    expect(a[0]).toBeCloseTo(0.25, 15);
    expect(a[1]).toBeCloseTo(0.25, 15);
  });

  it('equilateral triangle: both kinds give a third of the area', () => {
    const m = build([0, 0, 0, 1, 0, 0, 0.5, Math.sqrt(3) / 2, 0], [0, 1, 2]);
    for (const kind of ['barycentric', 'mixed-voronoi'] as const) {
      for (const a of vertexAreas(m, { kind })) expect(a).toBeCloseTo(Math.sqrt(3) / 12, 15);
    }
  });

  it('tiles the surface: areas are ≥ 0 and sum to the brute-force total area (6 meshes × 2 kinds, rel 1e-12)', () => {
    const rng = createRng(8);
    const meshes = [
      perturb(icosphere(2), 0.1, rng),
      perturb(uvTorus(2, 0.8, 10, 7), 0.15, rng),
      flatPatch(6, 6, 0.2, rng).mesh,
      perturb(flatPatch(4, 4, 0.2, rng).mesh, 0.4, rng),
      book(),
      singleTriangle(),
    ];
    for (const mesh of meshes) {
      const total = bruteArea(mesh.positions, mesh.faces);
      for (const kind of ['barycentric', 'mixed-voronoi'] as const) {
        const a = vertexAreas(mesh, { kind });
        expect(a.length).toBe(mesh.vertexCount);
        for (const x of a) expect(x).toBeGreaterThanOrEqual(0);
        expect(Math.abs(a.reduce((s, x) => s + x, 0) - total)).toBeLessThanOrEqual(1e-12 * total);
      }
    }
  });

  it('on a square grid with random diagonals the mixed area of every interior vertex is its unit Voronoi square', () => {
    // Right triangles have their circumcentre on the hypotenuse, so the mixed (Voronoi) cells are exactly the unit
    // squares around the grid points, whatever the diagonals; barycentric areas depend on the number of incident
    // triangles (k/6), so the two kinds must differ somewhere.
    const { mesh, boundary } = flatPatch(7, 6, 0, createRng(21));
    const mixed = vertexAreas(mesh);
    const bary = vertexAreas(mesh, { kind: 'barycentric' });
    let differ = 0;
    for (let v = 0; v < mesh.vertexCount; v++) {
      if (boundary[v]) continue;
      expect(Math.abs(mixed[v]! - 1)).toBeLessThanOrEqual(1e-14);
      if (Math.abs(bary[v]! - 1) > 0.1) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });
});

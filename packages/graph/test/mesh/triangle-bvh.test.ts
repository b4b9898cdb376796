/**
 * BVH nearest-point queries against the brute-force minimum over all triangles (random soups, closed meshes, the real
 * bunny), and vertexToMeshDistance against closed forms (a plane at height h) and its definition (Eq. 23 of the seed).
 */
import { describe, expect, it } from '@jest/globals';
import {
  buildTriangleBvh,
  closestPointOnMesh,
  closestPointOnTriangle,
  normalizeMesh,
  pointToMeshDistances,
  vertexToMeshDistance,
  type TriangleBvh,
} from '../../src/mesh/index.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { closestPointOnTriangleKernel } from '../../src/mesh/point-triangle-distance.js';
import { meshFromArrays, type TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { createRng, type Rng } from '../../src/random/rng.js';
import { findDataDir } from '../../src/testing/data-dir.js';
import { build, flatPatch, icosphere, loadRealMesh, perturb, uvTorus } from './mesh-builders.js';

/**
 * Brute force: min over every face of the point–triangle distance (the kernel behind closestPointOnTriangle, tested
 * on its own in point-triangle-distance.test.ts; called directly so 69451 faces × 300 points stays fast).
 */
function bruteForce(mesh: TriangleMesh, p: number[]): { d2: number; face: number } {
  let d2 = Infinity;
  let face = -1;
  const tri = new Float64Array(9);
  const out = new Float64Array(6);
  for (let f = 0; f < mesh.faceCount; f++) {
    for (let k = 0; k < 3; k++) {
      const v = mesh.faces[3 * f + k]!;
      for (let d = 0; d < 3; d++) tri[3 * k + d] = mesh.positions[3 * v + d]!;
    }
    const d = closestPointOnTriangleKernel(p[0]!, p[1]!, p[2]!, tri, 0, out);
    if (d < d2) {
      d2 = d;
      face = f;
    }
  }
  return { d2, face };
}

/** A soup of random triangles (some tiny, some long) over random points, including degenerate ones. */
function randomSoup(rng: Rng, triangles: number): TriangleMesh {
  const pos: number[] = [];
  const faces: number[] = [];
  for (let t = 0; t < triangles; t++) {
    const cx = 4 * rng.normal();
    const cy = 4 * rng.normal();
    const cz = 4 * rng.normal();
    const s = t % 7 === 0 ? 5 : 0.5;
    for (let k = 0; k < 3; k++) pos.push(cx + s * rng.normal(), cy + s * rng.normal(), cz + s * rng.normal());
    if (t % 11 === 0) for (let d = 0; d < 3; d++) pos[pos.length - 3 + d] = pos[pos.length - 6 + d]!; // coincident corners
    faces.push(3 * t, 3 * t + 1, 3 * t + 2);
  }
  return build(pos, faces);
}

function randomPoints(rng: Rng, n: number, scale: number): number[][] {
  return Array.from({ length: n }, () => [scale * rng.normal(), scale * rng.normal(), scale * rng.normal()]);
}

function checkAgainstBruteForce(mesh: TriangleMesh, bvh: TriangleBvh, points: number[][]): void {
  let mismatches = 0;
  for (const p of points) {
    const r = closestPointOnMesh(bvh, p);
    const ref = bruteForce(mesh, p);
    // Same kernel on the same corner order: the minimum must agree exactly, and the reported face must realise it.
    if (r.squaredDistance !== ref.d2) mismatches++;
    const v = [0, 1, 2].map((k) => mesh.faces[3 * r.face + k]!);
    const pt = v.map((x) => [mesh.positions[3 * x]!, mesh.positions[3 * x + 1]!, mesh.positions[3 * x + 2]!]);
    if (closestPointOnTriangle(p, pt[0]!, pt[1]!, pt[2]!).squaredDistance !== r.squaredDistance) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describe('buildTriangleBvh + closestPointOnMesh', () => {
  const rng = createRng(99);
  const meshes: [string, TriangleMesh][] = [
    ['random soup (400 triangles)', randomSoup(rng, 400)],
    ['icosphere level 3', icosphere(3)],
    ['perturbed torus', perturb(uvTorus(2, 0.6, 24, 12), 0.05, rng)],
    ['one triangle', build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2])],
  ];
  it.each(meshes)('%s: equals the brute-force minimum for both split rules and leaf sizes 1, 4, 8', (_, mesh) => {
    const points = randomPoints(createRng(5), 150, 3);
    for (const split of ['sah', 'median'] as const) {
      for (const leafSize of [1, 4, 8]) {
        const bvh = buildTriangleBvh(mesh, { split, leafSize });
        // Structure: every face in exactly one slot; leaves hold at most leafSize slots; boxes contain their triangles.
        expect([...bvh.slotFaces].sort((a, b) => a - b)).toEqual(Array.from({ length: mesh.faceCount }, (_, i) => i));
        let bad = 0;
        for (let node = 0; node < bvh.nodeCount; node++) {
          const [first, start, count] = [bvh.nodeData[3 * node]!, bvh.nodeData[3 * node + 1]!, bvh.nodeData[3 * node + 2]!];
          if (first < 0 && count > leafSize) bad++;
          for (let s = start; s < start + count; s++) {
            for (let c = 0; c < 9; c++) {
              const x = bvh.triangles[9 * s + c]!;
              if (x < bvh.nodeBounds[6 * node + (c % 3)]! || x > bvh.nodeBounds[6 * node + 3 + (c % 3)]!) bad++;
            }
          }
        }
        expect(bad).toBe(0);
        checkAgainstBruteForce(mesh, bvh, points);
      }
    }
  });

  const describeWithData = findDataDir() === undefined ? describe.skip : describe;
  describeWithData('stanford bunny', () => {
    it('60 query points (perturbed vertices and random points) equal brute force over all 69451 triangles', () => {
      const mesh = normalizeMesh(loadRealMesh('stanford-bunny.obj')!.mesh);
      const bvh = buildTriangleBvh(mesh);
      const r = createRng(3);
      const pts: number[][] = [];
      for (let i = 0; i < 40; i++) {
        const v = r.int(mesh.vertexCount);
        pts.push([0, 1, 2].map((d) => mesh.positions[3 * v + d]! + 0.01 * r.normal()));
      }
      pts.push(...randomPoints(r, 20, 0.5));
      checkAgainstBruteForce(mesh, bvh, pts);
    });
  });
});

describe('pointToMeshDistances / vertexToMeshDistance', () => {
  it('points at height h above a flat patch are at squared distance h² (closed form)', () => {
    const rng = createRng(4);
    const patch = flatPatch(10, 8, 0.15, rng);
    const n = patch.normal;
    const pts: number[] = [];
    const h: number[] = [];
    for (let v = 0; v < patch.mesh.vertexCount; v++) {
      if (patch.boundary[v]) continue;
      const height = 2 * rng.float64() - 1;
      h.push(height);
      for (let d = 0; d < 3; d++) pts.push(patch.mesh.positions[3 * v + d]! + height * n[d]!);
    }
    const r = pointToMeshDistances(pts, patch.mesh);
    // Measured worst |d² − h²| 4.4e-16 (coordinates up to ~10 in magnitude).
    for (let i = 0; i < h.length; i++) expect(Math.abs(r.squaredDistances[i]! - h[i]! ** 2)).toBeLessThanOrEqual(1e-12);
    const again = pointToMeshDistances(new Float64Array(pts), buildTriangleBvh(patch.mesh, { split: 'median' }));
    expect(again.squaredDistances).toEqual(r.squaredDistances);
  });

  it('Eq. 23: sum over original vertices of the brute-force squared distances; mean = sum / V; zero against itself', () => {
    const rng = createRng(8);
    const fine = perturb(icosphere(2), 0.02, rng);
    const coarse = icosphere(1, 0.97);
    const r = vertexToMeshDistance(fine, coarse);
    let sum = 0;
    let max = 0;
    for (let v = 0; v < fine.vertexCount; v++) {
      const d = bruteForce(coarse, [0, 1, 2].map((k) => fine.positions[3 * v + k]!)).d2;
      expect(r.squaredDistances[v]).toBe(d);
      sum += d;
      max = Math.max(max, d);
    }
    expect(Math.abs(r.sum - sum)).toBeLessThanOrEqual(1e-15 * sum);
    expect(r.mean).toBeCloseTo(sum / fine.vertexCount, 15);
    expect(r.max).toBe(max);
    const self = vertexToMeshDistance(fine, fine);
    expect(self.sum).toBe(0);
  });

  it('is one-sided (not symmetric): a small triangle inside a big coplanar one', () => {
    const small = build([0.1, 0.1, 0, 0.3, 0.1, 0, 0.1, 0.3, 0], [0, 1, 2]);
    const big = build([0, 0, 0, 4, 0, 0, 0, 4, 0], [0, 1, 2]);
    expect(vertexToMeshDistance(small, big).sum).toBe(0);
    // Big's corners to the small triangle: (0.1² + 0.1²) + (3.7² + 0.1²) + (0.1² + 3.7²).
    expect(vertexToMeshDistance(big, small).sum).toBeCloseTo(0.02 + 2 * (3.7 ** 2 + 0.01), 12);
  });

  it('rejects a surface without triangles, bad points and a non-BVH object', () => {
    const empty = meshFromArrays([], []).mesh;
    const tri = build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2]);
    const expectArg = (fn: () => unknown, argument: string) => {
      expect(fn).toThrow(InvalidArgumentError);
      try {
        fn();
      } catch (e) {
        expect((e as InvalidArgumentError).argument).toBe(argument);
      }
    };
    expectArg(() => pointToMeshDistances([0, 0, 0], empty), 'target');
    expectArg(() => vertexToMeshDistance(tri, empty), 'coarse');
    expectArg(() => closestPointOnMesh(buildTriangleBvh(empty), [0, 0, 0]), 'bvh');
    expectArg(() => closestPointOnMesh({ kind: 'triangle-bvh' } as unknown as TriangleBvh, [0, 0, 0]), 'bvh');
    expectArg(() => pointToMeshDistances([0, 0], tri), 'points.length');
    expectArg(() => pointToMeshDistances([0, NaN, 0], tri), 'points[1]');
    expectArg(() => buildTriangleBvh(tri, { leafSize: 0 }), 'options.leafSize');
    expectArg(() => buildTriangleBvh(tri, { split: 'middle' as 'sah' }), 'options.split');
    expect(pointToMeshDistances([], tri).squaredDistances.length).toBe(0);
  });
});

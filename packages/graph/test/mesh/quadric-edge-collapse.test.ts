/**
 * quadricEdgeCollapse: reaches the target, keeps closed manifolds closed (link condition), is exact on a plane, and
 * beats random vertex deletion (coarsenByKeptVertices on a uniform random vertex subset of the same size) in the
 * vertex-to-mesh distance of the seed (Eq. 23) on the real spot and bunny meshes.
 */
import { describe, expect, it } from '@jest/globals';
import {
  coarsenByKeptVertices,
  meshEdgeStats,
  normalizeMesh,
  quadricEdgeCollapse,
  vertexToMeshDistance,
} from '../../src/mesh/index.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { createRng } from '../../src/random/rng.js';
import { findDataDir } from '../../src/testing/data-dir.js';
import { flatPatch, icosphere, loadRealMesh, perturb, tetrahedron, uvTorus } from './mesh-builders.js';

/** Exactly k vertices kept, uniformly at random (partial Fisher–Yates). */
function randomSubset(n: number, k: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const mask = new Uint8Array(n);
  for (let i = 0; i < k; i++) mask[perm[i]!] = 1;
  return mask;
}

function checkResult(mesh: TriangleMesh, r: ReturnType<typeof quadricEdgeCollapse>, target: number): void {
  expect(r.reachedTarget).toBe(true);
  expect(r.mesh.vertexCount).toBe(target);
  expect(r.collapses).toBe(mesh.vertexCount - target);
  // vertexMap increasing, assignment onto [0, target) hitting every coarse vertex, survivors mapped to themselves.
  const problems: string[] = [];
  for (let i = 1; i < r.vertexMap.length; i++) if (r.vertexMap[i]! <= r.vertexMap[i - 1]!) problems.push(`vertexMap ${i}`);
  const hit = new Uint8Array(target);
  for (const a of r.assignment) hit[a] = 1;
  if (!hit.every((x) => x === 1)) problems.push('assignment not onto');
  r.vertexMap.forEach((v, i) => {
    if (r.assignment[v] !== i) problems.push(`survivor ${v}`);
  });
  expect(problems).toEqual([]);
}

describe('quadricEdgeCollapse', () => {
  it.each([
    ['icosphere level 3 → 100', icosphere(3), 100, 2],
    ['perturbed torus → 150', perturb(uvTorus(2, 0.7, 30, 14), 0.01, createRng(1)), 150, 0],
  ] as [string, TriangleMesh, number, number][])('%s: reaches the target and stays a closed manifold with the same χ', (_, mesh, target, chi) => {
    for (const placement of ['optimal', 'endpoints'] as const) {
      const r = quadricEdgeCollapse(mesh, target, { placement });
      checkResult(mesh, r, target);
      expect(meshEdgeStats(r.mesh)).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: chi });
      if (placement === 'endpoints') {
        // Every coarse vertex sits at its surviving original vertex.
        r.vertexMap.forEach((v, i) => {
          for (let d = 0; d < 3; d++) expect(r.mesh.positions[3 * i + d]).toBe(mesh.positions[3 * v + d]);
        });
      }
    }
  });

  it('a flat patch with its boundary kept in place simplifies with zero error (closed form: the plane)', () => {
    const patch = flatPatch(12, 10, 0.15, createRng(2), [[0.6, 0.8, 0], [-0.8, 0.6, 0], [0, 0, 1]]);
    const r = quadricEdgeCollapse(patch.mesh, 60);
    checkResult(patch.mesh, r, 60);
    // Measured sum 6.8e-29 (rounding of coordinates ≈ 10); any fold or lost corner would give ≥ 1e-3.
    expect(vertexToMeshDistance(patch.mesh, r.mesh).sum).toBeLessThanOrEqual(1e-20);
    const s = meshEdgeStats(r.mesh);
    expect(s.nonManifoldEdges).toBe(0);
    expect(s.eulerCharacteristic).toBe(1);
  });

  it('target = vertexCount returns the same mesh; a tetrahedron cannot reach 1 vertex (reachedTarget false)', () => {
    const mesh = icosphere(1);
    const same = quadricEdgeCollapse(mesh, mesh.vertexCount);
    expect(same.mesh.faces).toEqual(mesh.faces);
    expect(same.mesh.positions).toEqual(mesh.positions);
    const tet = quadricEdgeCollapse(tetrahedron(), 1);
    expect(tet.reachedTarget).toBe(false);
    expect(tet.mesh.vertexCount).toBe(4);
    expect(tet.rejectedNonManifold).toBeGreaterThan(0);
  });

  it('rejects bad targets and options', () => {
    const mesh = icosphere(0);
    const cases: [() => unknown, string][] = [
      [() => quadricEdgeCollapse(mesh, 0), 'targetVertexCount'],
      [() => quadricEdgeCollapse(mesh, 13), 'targetVertexCount'],
      [() => quadricEdgeCollapse(mesh, 2.5), 'targetVertexCount'],
      [() => quadricEdgeCollapse(mesh, 6, { placement: 'middle' as 'optimal' }), 'options.placement'],
      [() => quadricEdgeCollapse(mesh, 6, { boundaryWeight: -1 }), 'options.boundaryWeight'],
    ];
    for (const [fn, argument] of cases) {
      try {
        fn();
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidArgumentError);
        expect((e as InvalidArgumentError).argument).toBe(argument);
      }
    }
  });

  const describeWithData = findDataDir() === undefined ? describe.skip : describe;
  describeWithData('real meshes: error below random vertex deletion at the same vertex count', () => {
    // The bunny uses one random seed and only optimal placement to keep this file's run time bounded.
    it.each([
      ['spot.obj', [1, 2, 3], true],
      ['stanford-bunny.obj', [1], false],
    ] as [string, number[], boolean][])('%s at 50%% of the vertices (random seeds %p)', (file, seeds, withEndpoints) => {
      const mesh = normalizeMesh(loadRealMesh(file)!.mesh);
      const target = Math.round(mesh.vertexCount / 2);
      const quadric = quadricEdgeCollapse(mesh, target);
      checkResult(mesh, quadric, target);
      const eq = vertexToMeshDistance(mesh, quadric.mesh).sum;
      let ee = 0;
      if (withEndpoints) {
        const endpoints = quadricEdgeCollapse(mesh, target, { placement: 'endpoints' });
        checkResult(mesh, endpoints, target);
        ee = vertexToMeshDistance(mesh, endpoints.mesh).sum;
      }
      let bestRandom = Infinity;
      for (const seed of seeds) {
        const coarse = coarsenByKeptVertices(mesh, randomSubset(mesh.vertexCount, target, seed));
        expect(coarse.mesh.vertexCount).toBe(target);
        bestRandom = Math.min(bestRandom, vertexToMeshDistance(mesh, coarse.mesh).sum);
      }
      // Measured Eq. 23 sums (unit-diagonal meshes; bench/mesh-distance.bench.ts prints them): spot random 1.1e-2 to
      // 1.5e-2 (seeds 1-3), quadric 2.5e-4, endpoints 6.3e-4; bunny random 5.5e-3 to 5.9e-3, quadric 1.4e-4,
      // endpoints 2.2e-4. The gap is 17-60×; asserting 5× leaves room for other seeds without being vacuous.
      expect(eq * 5).toBeLessThan(bestRandom);
      expect(ee * 5).toBeLessThan(bestRandom);
    });
  });
});

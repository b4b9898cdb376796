/**
 * nonManifoldEdges on named meshes (closed-form counts) and on the real non-manifold Stanford dragons, where every
 * new mesh function (BVH distances, kept-vertex coarsening, quadric collapse) must also run without failing.
 * Expected dragon counts from /work/shared/data/meshes/FORMAT.md: 803 (res4) and 2094 (res3) non-manifold edges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  buildTriangleBvh,
  coarsenByKeptVertices,
  meshEdgeStats,
  nonManifoldEdges,
  normalizeMesh,
  pointToMeshDistances,
  quadricEdgeCollapse,
  vertexToMeshDistance,
} from '../../src/mesh/index.js';
import { parsePly } from '../../src/io/index.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { findDataDir } from '../../src/testing/data-dir.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { book, icosphere, singleTriangle, flatPatch } from './mesh-builders.js';

const endpoints = (m: TriangleMesh, ids: Int32Array) =>
  [...ids].map((e) => [m.graph.edgeSources[e]!, m.graph.edgeTargets[e]!].sort((a, b) => a - b).join('-'));

describe('nonManifoldEdges', () => {
  it('book of three pages: the spine 0–1 is non-manifold, the six outer sides are boundary', () => {
    const m = book();
    const r = nonManifoldEdges(m);
    expect(endpoints(m, r.nonManifoldEdges)).toEqual(['0-1']);
    expect(endpoints(m, r.boundaryEdges).sort()).toEqual(['0-2', '0-3', '0-4', '1-2', '1-3', '1-4']);
    expect(r.faceCountPerEdge[r.nonManifoldEdges[0]!]).toBe(3);
  });

  it('closed sphere: none; single triangle: three boundary edges; flat grid: its outer ring (2·(nx + ny))', () => {
    expect(nonManifoldEdges(icosphere(2)).nonManifoldEdges.length + nonManifoldEdges(icosphere(2)).boundaryEdges.length).toBe(0);
    expect(nonManifoldEdges(singleTriangle()).boundaryEdges.length).toBe(3);
    const patch = flatPatch(7, 5, 0.1, createRng(1));
    expect(nonManifoldEdges(patch.mesh).boundaryEdges.length).toBe(2 * (7 + 5));
    expect(nonManifoldEdges(patch.mesh).nonManifoldEdges.length).toBe(0);
  });

  it('every new mesh function rejects a malformed mesh, naming the argument', () => {
    const good = icosphere(0);
    const bad = { ...good, faces: new Int32Array(good.faces.length).fill(99) } as TriangleMesh;
    const cases: [() => unknown, string][] = [
      [() => nonManifoldEdges({} as TriangleMesh), 'mesh'],
      [() => buildTriangleBvh(bad), 'mesh.faces[0]'],
      [() => pointToMeshDistances([0, 0, 0], null as unknown as TriangleMesh), 'target'],
      [() => vertexToMeshDistance(bad, good), 'original.faces[0]'],
      [() => vertexToMeshDistance(good, bad), 'coarse.faces[0]'],
      [() => coarsenByKeptVertices(bad, new Uint8Array(12)), 'mesh.faces[0]'],
      [() => quadricEdgeCollapse(bad, 6), 'mesh.faces[0]'],
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

  const dir = findDataDir();
  const describeWithData = dir === undefined ? describe.skip : describe;
  describeWithData('Stanford dragons (non-manifold, real)', () => {
    it.each([
      ['dragon_vrip_res4.ply', 803],
      ['dragon_vrip_res3.ply', 2094],
    ])('%s: %d non-manifold edges reported; distances, coarsening and quadric collapse run and give finite results', (file, expected) => {
      const mesh = normalizeMesh(parsePly(readFileSync(join(dir!, 'meshes', file), 'utf8')).mesh);
      const r = nonManifoldEdges(mesh);
      expect(r.nonManifoldEdges.length).toBe(expected);
      expect(r.nonManifoldEdges.length).toBe(meshEdgeStats(mesh).nonManifoldEdges);
      for (const e of r.nonManifoldEdges) expect(r.faceCountPerEdge[e]!).toBeGreaterThanOrEqual(3);

      expect(vertexToMeshDistance(mesh, buildTriangleBvh(mesh)).sum).toBe(0);
      const n = mesh.vertexCount;
      const target = Math.round(n / 2);
      const rng = createRng(5);
      const mask = Uint8Array.from({ length: n }, () => (rng.float64() < 0.5 ? 1 : 0));
      const coarse = coarsenByKeptVertices(mesh, mask);
      const quadric = quadricEdgeCollapse(mesh, target);
      expect(quadric.reachedTarget).toBe(true);
      expect(quadric.mesh.vertexCount).toBe(target);
      for (const m of [coarse.mesh, quadric.mesh]) {
        const d = vertexToMeshDistance(mesh, m);
        expect(Number.isFinite(d.sum) && d.sum > 0).toBe(true);
        // The output is a valid mesh for the other functions (graph consistent with its faces).
        expect(nonManifoldEdges(m).faceCountPerEdge.length).toBe(m.graph.size);
      }
      const far = pointToMeshDistances([10, 10, 10], mesh).squaredDistances[0]!;
      expect(Number.isFinite(far) && far > 0).toBe(true);
    });
  });
});

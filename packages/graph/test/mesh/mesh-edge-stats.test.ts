import { describe, expect, it } from '@jest/globals';
import { meshEdgeStats } from '../../src/mesh/index.js';
import { edgeBetween } from '../../src/core/queries.js';
import { createRng } from '../../src/random/rng.js';
import { book, build, flatPatch, icosphere, singleTriangle, tetrahedron, uvTorus } from './mesh-builders.js';

describe('meshEdgeStats', () => {
  it('tetrahedron: 6 manifold edges, χ = 2', () => {
    const s = meshEdgeStats(tetrahedron());
    expect(s).toMatchObject({ boundaryEdges: 0, manifoldEdges: 6, nonManifoldEdges: 0, eulerCharacteristic: 2 });
    expect(Array.from(s.faceCountPerEdge)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('single triangle: 3 boundary edges, χ = 1', () => {
    const s = meshEdgeStats(singleTriangle());
    expect(s).toMatchObject({ boundaryEdges: 3, manifoldEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: 1 });
  });

  it('book of three triangles on one edge: the spine is non-manifold with 3 faces, 6 boundary edges', () => {
    const m = book();
    const s = meshEdgeStats(m);
    expect(s).toMatchObject({ boundaryEdges: 6, manifoldEdges: 0, nonManifoldEdges: 1, eulerCharacteristic: 1 });
    expect(s.faceCountPerEdge[edgeBetween(m.graph, 0, 1)]).toBe(3);
    expect(s.faceCountPerEdge.reduce((a, x) => a + x, 0)).toBe(3 * m.faceCount);
  });

  it('closed and bordered families: icosphere (E = 3F/2, χ = 2), torus (χ = 0), grid patch (2(nx + ny) boundary edges)', () => {
    for (const level of [0, 1, 2, 3]) {
      const m = icosphere(level);
      const s = meshEdgeStats(m);
      expect(s).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: 2 });
      expect(s.manifoldEdges).toBe((3 * m.faceCount) / 2);
      expect(m.vertexCount).toBe(10 * 4 ** level + 2);
    }
    expect(meshEdgeStats(uvTorus(3, 1, 10, 6))).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: 0 });
    const p = flatPatch(7, 4, 0.1, createRng(2)).mesh;
    const s = meshEdgeStats(p);
    expect(s.boundaryEdges).toBe(2 * (7 + 4));
    expect(s.nonManifoldEdges).toBe(0);
    expect(s.eulerCharacteristic).toBe(1);
  });

  it('counts a face listed twice twice (its edges look manifold) and handles the empty mesh', () => {
    const twice = build([0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 1, 2, 0, 1, 2]);
    expect(meshEdgeStats(twice)).toMatchObject({ boundaryEdges: 0, manifoldEdges: 3, eulerCharacteristic: 2 });
    const empty = meshEdgeStats(build([], []));
    expect(empty).toMatchObject({ boundaryEdges: 0, manifoldEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: 0 });
    expect(empty.faceCountPerEdge.length).toBe(0);
  });
});

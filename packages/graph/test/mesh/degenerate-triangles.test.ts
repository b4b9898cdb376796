/**
 * Zero-area faces (collinear or coincident corners) must never produce NaN: they contribute no cotangent weight, a
 * third of their (≈ 0) area to each corner, no normal, and finite angles (0, 0, π for collinear corners).
 * The threshold is twice-area ≤ 1e-12 · Σ squared side lengths.
 */
import { describe, expect, it } from '@jest/globals';
import {
  angleDefects,
  applyCotangentLaplacian,
  cotangentLaplacian,
  cotangentWeights,
  gaussianCurvature,
  meanCurvature,
  meanCurvatureNormal,
  meshEdgeStats,
  normalizeMesh,
  vertexAreas,
  vertexNormals,
} from '../../src/mesh/index.js';
import { edgeBetween } from '../../src/core/queries.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { build } from './mesh-builders.js';

function everyOutput(mesh: TriangleMesh): Float64Array[] {
  return [
    cotangentWeights(mesh),
    cotangentLaplacian(mesh).values,
    applyCotangentLaplacian(mesh, mesh.positions),
    vertexAreas(mesh),
    vertexAreas(mesh, { kind: 'barycentric' }),
    vertexNormals(mesh),
    vertexNormals(mesh, { weighting: 'area' }),
    vertexNormals(mesh, { weighting: 'uniform' }),
    meanCurvature(mesh),
    meanCurvature(mesh, { areaKind: 'barycentric' }),
    meanCurvatureNormal(mesh),
    angleDefects(mesh),
    gaussianCurvature(mesh),
    gaussianCurvature(mesh, { areaKind: 'barycentric' }),
  ];
}

// A square 0-1-2-3 (two good triangles), plus vertex 4 on the segment 0–1 forming the collinear face (0, 4, 1),
// plus vertex 5 coincident with vertex 2 forming the face (2, 5, 3) with a zero-length side.
const good = [0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0];
const positions = [...good, 0.25, 0, 0, 1, 1, 0];
const faces = [0, 1, 2, 0, 2, 3, 0, 4, 1, 2, 5, 3];

describe('degenerate triangles', () => {
  it('produce no NaN or infinity in any output', () => {
    const mesh = build(positions, faces);
    for (const out of everyOutput(mesh)) for (const x of out) expect(Number.isFinite(x)).toBe(true);
  });

  it('add nothing to the cotangent weights of the good faces (same weights as without them)', () => {
    const mesh = build(positions, faces);
    const clean = build(good, [0, 1, 2, 0, 2, 3]);
    const w = cotangentWeights(mesh);
    const wc = cotangentWeights(clean);
    for (const [a, b] of [[0, 1], [1, 2], [0, 2], [2, 3], [0, 3]] as const) {
      expect(w[edgeBetween(mesh.graph, a, b)]).toBe(wc[edgeBetween(clean.graph, a, b)]);
    }
    // Edges only on degenerate faces get weight 0.
    for (const [a, b] of [[0, 4], [1, 4], [2, 5], [3, 5]] as const) expect(w[edgeBetween(mesh.graph, a, b)]).toBe(0);
  });

  it('give vertices only on degenerate faces a zero normal, zero curvature, and (near-)zero area', () => {
    const mesh = build(positions, faces);
    const n = vertexNormals(mesh);
    for (const v of [4, 5]) {
      expect([n[3 * v], n[3 * v + 1], n[3 * v + 2]]).toEqual([0, 0, 0]);
      expect(vertexAreas(mesh)[v]).toBe(0);
    }
    expect(meanCurvature(mesh)[4]).toBe(0);
    expect(gaussianCurvature(mesh)[5]).toBe(0);
    // The collinear face has angles 0, π, 0: vertex 4 (inside the segment) has angle sum π and two boundary
    // edges, so its defect π − Σθ is 0, as for a straight boundary point.
    expect(angleDefects(mesh)[4]).toBeCloseTo(0, 12);
  });

  it('a mesh whose only face is degenerate still yields finite zeros; normalizeMesh works when extents differ', () => {
    const line = build([0, 0, 0, 1, 0, 0, 2, 0, 0], [0, 1, 2]);
    for (const out of everyOutput(line)) for (const x of out) expect(Number.isFinite(x)).toBe(true);
    expect(Array.from(cotangentWeights(line))).toEqual([0, 0, 0]);
    expect(Array.from(vertexNormals(line))).toEqual(new Array(9).fill(0));
    expect(meshEdgeStats(line).boundaryEdges).toBe(3);
    expect(Array.from(normalizeMesh(line).positions)).toEqual([-0.5, 0, 0, 0, 0, 0, 0.5, 0, 0]);
    const point = build([1, 1, 1, 1, 1, 1, 1, 1, 1], [0, 1, 2]);
    for (const out of everyOutput(point)) for (const x of out) expect(Number.isFinite(x)).toBe(true);
  });

  it('slivers above the threshold keep exact cotangents (base angles 1e-8: w = ½ cot 1e-8 ≈ 5e7); below it, 0', () => {
    const sliver = (angle: number) => build([0, 0, 0, 1, 0, 0, 0.5, 0.5 * Math.tan(angle), 0], [0, 1, 2]);
    const thin = sliver(1e-8); // 2A / Σℓ² ≈ 3e-9, above 1e-12
    const w = cotangentWeights(thin);
    // The legs 0–2 and 1–2 are opposite the base angles.
    expect(w[edgeBetween(thin.graph, 0, 2)]! / (0.5 / Math.tan(1e-8))).toBeCloseTo(1, 8);
    for (const out of everyOutput(thin)) for (const x of out) expect(Number.isFinite(x)).toBe(true);
    const flat = sliver(1e-13); // 2A / Σℓ² ≈ 3e-14, below 1e-12: treated as degenerate
    expect(Array.from(cotangentWeights(flat))).toEqual([0, 0, 0]);
    for (const out of everyOutput(flat)) for (const x of out) expect(Number.isFinite(x)).toBe(true);
  });
});

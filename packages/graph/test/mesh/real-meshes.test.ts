/**
 * Real meshes from the shared data folder (skipped when it is absent). Expected topology from
 * /work/shared/data/meshes/FORMAT.md: spot and blub closed genus 0, bob closed genus 1, bunny genus 0 with 5 holes
 * (223 boundary edges) and 1113 unreferenced vertices.
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
import { findDataDir } from '../../src/testing/data-dir.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { bruteArea, loadRealMesh, signedVolume } from './mesh-builders.js';

const describeWithData = findDataDir() === undefined ? describe.skip : describe;

function allFinite(a: Float64Array): boolean {
  for (const x of a) if (!Number.isFinite(x)) return false;
  return true;
}

function checkOperators(mesh: TriangleMesh): void {
  const outputs = [
    cotangentWeights(mesh),
    cotangentLaplacian(mesh).values,
    applyCotangentLaplacian(mesh, mesh.positions),
    vertexAreas(mesh),
    vertexAreas(mesh, { kind: 'barycentric' }),
    vertexNormals(mesh),
    meanCurvature(mesh),
    meanCurvatureNormal(mesh),
    gaussianCurvature(mesh),
  ];
  for (const out of outputs) expect(allFinite(out)).toBe(true);
  const total = bruteArea(mesh.positions, mesh.faces);
  const areas = vertexAreas(mesh);
  expect(Math.abs(areas.reduce((s, x) => s + x, 0) - total)).toBeLessThanOrEqual(1e-10 * total);
}

describeWithData('real meshes', () => {
  const closed: [string, number][] = [
    ['spot.obj', 2],
    ['bob_tri.obj', 0],
    ['blub_triangulated.obj', 2],
  ];
  it.each(closed)('%s: closed manifold with χ = %d, Σ defects = 2πχ (1e-9), finite operators, ∫H dA > 0', (file, chi) => {
    const loaded = loadRealMesh(file)!;
    const mesh = normalizeMesh(loaded.mesh);
    expect(loaded.unreferencedDropped).toBe(0);
    const s = meshEdgeStats(mesh);
    expect(s).toMatchObject({ boundaryEdges: 0, nonManifoldEdges: 0, eulerCharacteristic: chi });
    const defects = angleDefects(loaded.mesh);
    expect(Math.abs(defects.reduce((a, x) => a + x, 0) - 2 * Math.PI * chi)).toBeLessThanOrEqual(1e-9);
    checkOperators(mesh);
    // Outward orientation (positive volume) gives a positive total mean curvature for these blob-like shapes.
    expect(signedVolume(mesh)).toBeGreaterThan(0);
    const H = meanCurvature(mesh);
    const A = vertexAreas(mesh);
    let integral = 0;
    for (let v = 0; v < mesh.vertexCount; v++) integral += H[v]! * A[v]!;
    expect(integral).toBeGreaterThan(0);
  });

  it('stanford-bunny.obj: 223 boundary edges, χ = −3 (genus 0, 5 holes), Σ defects = 2πχ with the boundary rule', () => {
    const loaded = loadRealMesh('stanford-bunny.obj')!;
    expect(loaded.unreferencedDropped).toBe(1113);
    const mesh = normalizeMesh(loaded.mesh);
    const s = meshEdgeStats(mesh);
    expect(s).toMatchObject({ boundaryEdges: 223, nonManifoldEdges: 0, eulerCharacteristic: -3 });
    expect(Math.abs(angleDefects(mesh).reduce((a, x) => a + x, 0) - 2 * Math.PI * -3)).toBeLessThanOrEqual(1e-9);
    checkOperators(mesh);
  });
});

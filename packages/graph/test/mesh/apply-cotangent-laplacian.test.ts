import { describe, expect, it } from '@jest/globals';
import { applyCotangentLaplacian, cotangentLaplacian } from '../../src/mesh/index.js';
import { createRng } from '../../src/random/rng.js';
import { book, build, bruteCotWeights, icosphere, perturb, uvTorus } from './mesh-builders.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';

/** y_i = Σ_j w_ij (f_i − f_j) per component, with w from acos angles (independent of src/mesh). */
function reference(mesh: TriangleMesh, f: Float64Array, k: number): Float64Array {
  const y = new Float64Array(f.length);
  for (const [key, w] of bruteCotWeights(mesh)) {
    const [a, b] = key.split(',').map(Number) as [number, number];
    for (let c = 0; c < k; c++) {
      const d = w * (f[a * k + c]! - f[b * k + c]!);
      y[a * k + c]! += d;
      y[b * k + c]! -= d;
    }
  }
  return y;
}

describe('applyCotangentLaplacian', () => {
  it('matches Σ_j w_ij (f_i − f_j) for k = 1, 3, 5 from a mesh or a matrix (3 meshes, 1e-10 relative)', () => {
    const rng = createRng(17);
    for (const mesh of [perturb(icosphere(2), 0.05, rng), uvTorus(3, 1, 9, 6), book()]) {
      const L = cotangentLaplacian(mesh);
      for (const k of [1, 3, 5]) {
        const f = Float64Array.from({ length: mesh.vertexCount * k }, () => rng.normal());
        const ref = reference(mesh, f, k);
        const fromMatrix = applyCotangentLaplacian(L, f);
        const fromMesh = applyCotangentLaplacian(mesh, f);
        const scale = Math.max(...Array.from(ref, Math.abs));
        for (let i = 0; i < f.length; i++) {
          expect(Math.abs(fromMatrix[i]! - ref[i]!)).toBeLessThanOrEqual(1e-10 * scale);
          expect(fromMesh[i]).toBe(fromMatrix[i]);
        }
      }
    }
  });

  it('writes into a caller-owned out buffer (overwriting stale contents) and returns it', () => {
    const mesh = icosphere(1);
    const L = cotangentLaplacian(mesh);
    const f = Float64Array.from(mesh.positions);
    const out = new Float64Array(f.length).fill(123);
    const returned = applyCotangentLaplacian(L, f, out);
    expect(returned).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(applyCotangentLaplacian(L, f)));
    // A subarray view of a larger buffer that does not overlap values is fine.
    const big = new Float64Array(2 * f.length);
    const view = big.subarray(f.length);
    applyCotangentLaplacian(L, f, view);
    expect(Array.from(view)).toEqual(Array.from(out));
  });

  it('maps the empty mesh and empty field to an empty result', () => {
    const mesh = build([], []);
    expect(applyCotangentLaplacian(mesh, new Float64Array(0)).length).toBe(0);
  });
});

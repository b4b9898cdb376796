import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { coarsenByKeptVertices, createRng, meshFromArrays, type TriangleMesh } from '@isinglab/graph';
import { Adam, useBackend } from '@isinglab/gnn';
import { MeshFieldModel, coarseningLoss, prepareMeshInput, randomRotation } from '../../src/experiments/mesh/mesh-model.js';
import { meshFeatures } from '../../src/experiments/mesh/mesh-data.js';
import { calibrateFieldOffset } from '../../src/experiments/mesh/run-mesh.js';
import { sampleMeshIsing } from '../../src/experiments/mesh/mesh-model.js';

tf.env().set('PROD', true);
beforeAll(async () => {
  await useBackend();
});

/** A bumpy closed surface: a UV sphere (rings × segments) with a radial ripple, so curvature varies. */
function bumpySphere(rings: number, segments: number): TriangleMesh {
  const positions: number[] = [0, 0, 1];
  for (let r = 1; r < rings; r++) {
    const theta = (Math.PI * r) / rings;
    for (let s = 0; s < segments; s++) {
      const phi = (2 * Math.PI * s) / segments;
      const radius = 1 + 0.15 * Math.sin(3 * phi) * Math.sin(theta);
      positions.push(radius * Math.sin(theta) * Math.cos(phi), radius * Math.sin(theta) * Math.sin(phi), radius * Math.cos(theta));
    }
  }
  positions.push(0, 0, -1);
  const south = positions.length / 3 - 1;
  const id = (r: number, s: number) => 1 + (r - 1) * segments + (s % segments);
  const faces: number[] = [];
  for (let s = 0; s < segments; s++) faces.push(0, id(1, s), id(1, s + 1));
  for (let r = 1; r < rings - 1; r++) {
    for (let s = 0; s < segments; s++) faces.push(id(r, s), id(r + 1, s), id(r + 1, s + 1), id(r, s), id(r + 1, s + 1), id(r, s + 1));
  }
  for (let s = 0; s < segments; s++) faces.push(south, id(rings - 1, s + 1), id(rings - 1, s));
  return meshFromArrays(positions, faces).mesh;
}

type V3 = [number, number, number];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Squared distance from p to segment ab. */
function segment2(p: V3, a: V3, b: V3): number {
  const ab = sub(b, a);
  const t = Math.max(0, Math.min(1, dot(sub(p, a), ab) / dot(ab, ab)));
  const q = sub(p, [a[0] + t * ab[0], a[1] + t * ab[1], a[2] + t * ab[2]]);
  return dot(q, q);
}

/**
 * Independent reference: the closest point of a triangle is either the orthogonal projection onto its plane (when
 * inside, tested with the signs of the three edge cross products) or the closest point of one of its three sides.
 */
function pointTriangle2(p: V3, a: V3, b: V3, c: V3): number {
  const n = cross(sub(b, a), sub(c, a));
  const nn = dot(n, n);
  const d = dot(sub(p, a), n) / nn;
  const q: V3 = [p[0] - d * n[0], p[1] - d * n[1], p[2] - d * n[2]];
  const inside = dot(cross(sub(b, a), sub(q, a)), n) >= 0 && dot(cross(sub(c, b), sub(q, b)), n) >= 0 && dot(cross(sub(a, c), sub(q, c)), n) >= 0;
  if (inside) return d * d * nn;
  return Math.min(segment2(p, a, b), segment2(p, b, c), segment2(p, c, a));
}

describe('mesh-coarsening model', () => {
  it('coarseningLoss equals a brute-force point-to-triangle sum (Eq. 23) on a small mesh', () => {
    const mesh = bumpySphere(6, 8);
    const n = mesh.vertexCount;
    const rng = createRng(3);
    const spins = new Int8Array(2 * n);
    for (let i = 0; i < spins.length; i++) spins[i] = rng.float64() < 0.5 ? 1 : -1;
    for (const k of [0, 1]) {
      const coarse = coarsenByKeptVertices(mesh, spins.subarray(k * n, (k + 1) * n)).mesh;
      const vertex = (m: TriangleMesh, v: number): V3 => [m.positions[3 * v]!, m.positions[3 * v + 1]!, m.positions[3 * v + 2]!];
      let expected = 0;
      for (let v = 0; v < n; v++) {
        let best = Infinity;
        for (let f = 0; f < coarse.faceCount; f++) {
          best = Math.min(best, pointTriangle2(vertex(mesh, v), vertex(coarse, coarse.faces[3 * f]!), vertex(coarse, coarse.faces[3 * f + 1]!), vertex(coarse, coarse.faces[3 * f + 2]!)));
        }
        expected += best;
      }
      const got = coarseningLoss(mesh, spins, k);
      expect(coarse.faceCount).toBeGreaterThan(0);
      expect(got.kept).toBe(coarse.vertexCount);
      // two float64 evaluations of the same minimum; measured relative difference ~1e-16
      expect(Math.abs(got.distance - expected)).toBeLessThanOrEqual(1e-12 * expected);
      expect(expected).toBeGreaterThan(0);
    }
  });

  it('a mesh with every vertex kept has distance 0, and one with none kept is +∞ (never NaN)', () => {
    const mesh = bumpySphere(4, 6);
    const n = mesh.vertexCount;
    expect(coarseningLoss(mesh, new Int8Array(n).fill(1), 0).distance).toBeLessThan(1e-24);
    expect(coarseningLoss(mesh, new Int8Array(n).fill(-1), 0).distance).toBe(Number.POSITIVE_INFINITY);
  });

  it('the field is invariant under rotations of the coordinates (E(3)-equivariant layers)', () => {
    const input = prepareMeshInput('sphere', bumpySphere(6, 10));
    const model = new MeshFieldModel({ hidden: 8, seed: 4 });
    try {
      const variables = model.variables(input);
      // a non-zero output kernel (it starts at zero, which would make the check trivial)
      const out = variables[variables.length - 1]!;
      out.assign(tf.tidy(() => tf.randomNormal(out.shape, 0, 1, 'float32', 9)));
      const h = model.fieldValues(input);
      const hr = model.fieldValues(input, randomRotation(createRng(5)));
      let scale = 0;
      let diff = 0;
      for (let i = 0; i < h.length; i++) {
        scale = Math.max(scale, Math.abs(h[i]!));
        diff = Math.max(diff, Math.abs(h[i]! - hr[i]!));
      }
      expect(scale).toBeGreaterThan(1e-3);
      // float32 through three layers; measured ~1e-6 of the field's scale
      expect(diff).toBeLessThan(1e-4 * scale + 1e-6);
    } finally {
      model.dispose();
    }
  });

  it('one RLOO training step runs, changes the weights and disposes its tensors', () => {
    const before = tf.memory().numTensors;
    const input = prepareMeshInput('sphere', bumpySphere(6, 10));
    input.lossScale = 0.01;
    const model = new MeshFieldModel({ hidden: 8, seed: 1, sweeps: 3 });
    const variables = model.variables(input);
    const optimizer = new Adam(variables, { learningRate: 0.05 });
    const rng = createRng(2);
    const kernel0 = Float32Array.from(variables[variables.length - 1]!.dataSync());
    const first = model.trainStep(input, variables, optimizer, rng, randomRotation(rng));
    const after1 = tf.memory().numTensors;
    const second = model.trainStep(input, variables, optimizer, rng);
    // Adam's moment slots exist after the first step; a later step leaves nothing behind
    expect(tf.memory().numTensors).toBe(after1);
    for (const r of [first, second]) {
      expect(Number.isFinite(r.loss) && r.loss > 0).toBe(true);
      expect(r.fraction).toBeGreaterThan(0.2);
      expect(r.fraction).toBeLessThan(0.8);
    }
    const kernel1 = variables[variables.length - 1]!.dataSync();
    expect(Array.from(kernel1)).not.toEqual(Array.from(kernel0));
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('meshFeatures: standardised log-curvature (mean 0, std 1) and coordinates in mean-edge-length units', () => {
    const f = meshFeatures(bumpySphere(6, 10));
    const n = f.features.length / 2;
    let mean = 0;
    let sq = 0;
    for (let v = 0; v < n; v++) mean += f.features[2 * v]! / n;
    for (let v = 0; v < n; v++) sq += (f.features[2 * v]! - mean) ** 2 / n;
    // float32 storage: measured |mean| ~1e-8
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(Math.abs(Math.sqrt(sq) - 1)).toBeLessThan(1e-5);
    expect(f.meanEdgeLength).toBeGreaterThan(0);
  });

  it('calibrateFieldOffset brings a biased field back to the target kept fraction', () => {
    const input = prepareMeshInput('sphere', bumpySphere(12, 24));
    const n = input.mesh.vertexCount;
    const sampler = { coupling: -1, beta: 1, sweeps: 10 };
    // a field with a large positive mean keeps far more than half of the vertices
    const rng = createRng(8);
    const fields = Float64Array.from({ length: n }, () => 1.5 + rng.normal());
    const fraction = (h: Float64Array) => {
      const s = sampleMeshIsing(input, h, 32, sampler, createRng(99));
      let plus = 0;
      for (const x of s) if (x === 1) plus++;
      return plus / s.length;
    };
    expect(fraction(fields)).toBeGreaterThan(0.6);
    const c = calibrateFieldOffset(input, fields, 0.5, sampler);
    expect(c).toBeLessThan(0);
    // 32 chains of 266 spins: σ of the fraction ≈ 0.5/√8500 ≈ 0.005 (correlations aside); 0.03 is ~6σ
    expect(Math.abs(fraction(fields.map((h) => h + c)) - 0.5)).toBeLessThan(0.03);
  });
});

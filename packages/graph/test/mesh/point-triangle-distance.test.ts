/**
 * closestPointOnTriangle against two independent references: (1) the convex-set characterisation "the closest point
 * is the plane projection when it falls inside, otherwise the closest point of one of the three sides" written here
 * with a 2×2 Gram solve, and (2) dense barycentric sampling of the triangle, which bounds the exact distance from both
 * sides. Random triangles include collinear, coincident and sliver ones.
 */
import { describe, expect, it } from '@jest/globals';
import { closestPointOnTriangle } from '../../src/mesh/index.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng, type Rng } from '../../src/random/rng.js';

type V3 = [number, number, number];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const d2 = (a: V3, b: V3) => dot(sub(a, b), sub(a, b));

/** Closest point of segment [s, e] (a point when s = e). */
function segmentClosest(p: V3, s: V3, e: V3): V3 {
  const d = sub(e, s);
  const l = dot(d, d);
  const t = l > 0 ? Math.min(1, Math.max(0, dot(sub(p, s), d) / l)) : 0;
  return [s[0] + t * d[0], s[1] + t * d[1], s[2] + t * d[2]];
}

/** Reference squared distance: min(interior projection if inside, the three sides). */
function referenceDistance2(p: V3, a: V3, b: V3, c: V3): number {
  let best = Math.min(d2(p, segmentClosest(p, a, b)), d2(p, segmentClosest(p, b, c)), d2(p, segmentClosest(p, c, a)));
  const u = sub(b, a);
  const v = sub(c, a);
  const w = sub(p, a);
  const uu = dot(u, u);
  const uv = dot(u, v);
  const vv = dot(v, v);
  const det = uu * vv - uv * uv;
  if (det > 1e-12 * uu * vv) {
    // Projection q = a + s u + t v with the normal equations of min |w − s u − t v|.
    const s = (vv * dot(w, u) - uv * dot(w, v)) / det;
    const t = (uu * dot(w, v) - uv * dot(w, u)) / det;
    if (s >= 0 && t >= 0 && s + t <= 1) best = Math.min(best, d2(p, [a[0] + s * u[0] + t * v[0], a[1] + s * u[1] + t * v[1], a[2] + s * u[2] + t * v[2]]));
  }
  return best;
}

/** Min over a barycentric grid with `n` steps per side; the grid's covering radius is at most maxSide / n. */
function sampledDistance2(p: V3, a: V3, b: V3, c: V3, n: number): number {
  let best = Infinity;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; i + j <= n; j++) {
      const s = i / n;
      const t = j / n;
      const q: V3 = [a[0] + s * (b[0] - a[0]) + t * (c[0] - a[0]), a[1] + s * (b[1] - a[1]) + t * (c[1] - a[1]), a[2] + s * (b[2] - a[2]) + t * (c[2] - a[2])];
      best = Math.min(best, d2(p, q));
    }
  }
  return best;
}

const rv = (rng: Rng, scale = 1): V3 => [scale * rng.normal(), scale * rng.normal(), scale * rng.normal()];

/** A random triangle of one of several kinds, including degenerate ones. */
function randomTriangle(rng: Rng, kind: number): [V3, V3, V3] {
  const a = rv(rng);
  const b = rv(rng);
  const t = rng.float64() * 3 - 1;
  switch (kind) {
    case 0:
      return [a, b, rv(rng)];
    case 1: // collinear: c on the line through a and b
      return [a, b, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])]];
    case 2: // two coincident corners
      return [a, b, [...a] as V3];
    case 3: // all three coincide
      return [a, [...a] as V3, [...a] as V3];
    case 4: { // sliver: c a hair off the segment ab
      const m: V3 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 1e-9, (a[2] + b[2]) / 2];
      return [a, b, m];
    }
    default: // needle: very short side bc
      return [a, b, [b[0] + 1e-7, b[1], b[2] - 1e-7]];
  }
}

describe('closestPointOnTriangle', () => {
  it('named regions of the right triangle (0,0,0), (1,0,0), (0,1,0)', () => {
    const A = [0, 0, 0];
    const B = [1, 0, 0];
    const C = [0, 1, 0];
    const cases: [number[], number[], number][] = [
      [[-1, -1, 0], [0, 0, 0], 2], // vertex A
      [[2, -0.5, 1], [1, 0, 0], 1 + 0.25 + 1], // vertex B
      [[-0.2, 3, 0], [0, 1, 0], 0.04 + 4], // vertex C
      [[0.5, -1, 2], [0.5, 0, 0], 5], // edge AB
      [[-2, 0.25, 0], [0, 0.25, 0], 4], // edge AC
      [[1, 1, 0], [0.5, 0.5, 0], 0.5], // edge BC
      [[0.2, 0.3, -3], [0.2, 0.3, 0], 9], // face
    ];
    for (const [p, q, dist2] of cases) {
      const r = closestPointOnTriangle(p, A, B, C);
      expect(Math.abs(r.squaredDistance - dist2)).toBeLessThanOrEqual(1e-15 * (1 + dist2));
      for (let d = 0; d < 3; d++) expect(Math.abs(r.point[d]! - q[d]!)).toBeLessThanOrEqual(1e-15);
    }
  });

  it('random triangles incl. degenerate: equals the region reference (1e-12 rel.) and is a point of the triangle', () => {
    const rng = createRng(2024);
    let worst = 0;
    let worstCert = 0;
    let minWeight = Infinity;
    for (let trial = 0; trial < 6000; trial++) {
      const [a, b, c] = randomTriangle(rng, trial % 6);
      const p = rv(rng, 2);
      const r = closestPointOnTriangle(p, a, b, c);
      const ref = referenceDistance2(p, a, b, c);
      const scale = ref + d2(p, a);
      worst = Math.max(worst, Math.abs(r.squaredDistance - ref) / scale);
      // Certificate: the point is the barycentric combination (weights in [0,1], sum 1) and realises the distance.
      const [u, v, w] = r.barycentric;
      minWeight = Math.min(minWeight, u!, v!, w!);
      worstCert = Math.max(worstCert, Math.abs(u! + v! + w! - 1));
      for (let d = 0; d < 3; d++) {
        worstCert = Math.max(worstCert, Math.abs(u! * a[d]! + v! * b[d]! + w! * c[d]! - r.point[d]!) / (1 + Math.abs(p[d]!)));
      }
      worstCert = Math.max(worstCert, Math.abs(d2(p, [r.point[0]!, r.point[1]!, r.point[2]!]) - r.squaredDistance) / (1 + scale));
    }
    expect(minWeight).toBeGreaterThanOrEqual(0);
    // Rounding of the combination: measured 4.4e-16 (seed 2024).
    expect(worstCert).toBeLessThanOrEqual(1e-12);
    // Measured worst relative difference 4.3e-16 (seed 2024); slivers would break a formulation in |n|².
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('dense sampling brackets the exact distance: exact ≤ sampled and √sampled ≤ √exact + maxSide/n', () => {
    const rng = createRng(7);
    const n = 120;
    for (let trial = 0; trial < 60; trial++) {
      const [a, b, c] = randomTriangle(rng, trial % 6);
      const p = rv(rng, 1.5);
      const exact = closestPointOnTriangle(p, a, b, c).squaredDistance;
      const sampled = sampledDistance2(p, a, b, c, n);
      const h = Math.sqrt(Math.max(d2(a, b), d2(b, c), d2(c, a))) / n;
      expect(exact).toBeLessThanOrEqual(sampled * (1 + 1e-12) + 1e-300);
      expect(Math.sqrt(sampled)).toBeLessThanOrEqual(Math.sqrt(exact) + h * (1 + 1e-9) + 1e-12);
    }
  });

  it('a point on the triangle has distance 0; corners map to themselves exactly', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const [a, b, c] = randomTriangle(rng, 0);
      for (const corner of [a, b, c]) expect(closestPointOnTriangle(corner, a, b, c).squaredDistance).toBe(0);
      const s = rng.float64();
      const t = rng.float64() * (1 - s);
      const q = [0, 1, 2].map((d) => a[d]! + s * (b[d]! - a[d]!) + t * (c[d]! - a[d]!));
      // Rounding of the interior point itself: measured about 2e-31 for unit-size triangles.
      expect(closestPointOnTriangle(q, a, b, c).squaredDistance).toBeLessThanOrEqual(1e-28);
    }
  });

  it('rejects bad arguments with InvalidArgumentError naming the argument', () => {
    const ok = [0, 0, 0];
    const bad: [unknown[], string][] = [
      [[[0, 0], ok, ok, ok], 'point'],
      [[ok, [0, NaN, 0], ok, ok], 'a'],
      [[ok, ok, 'xyz', ok], 'b'],
      [[ok, ok, ok, [0, 0, Infinity]], 'c'],
    ];
    for (const [args, argument] of bad) {
      const call = () => (closestPointOnTriangle as (...x: unknown[]) => unknown)(...args);
      expect(call).toThrow(InvalidArgumentError);
      try {
        call();
      } catch (e) {
        expect((e as InvalidArgumentError).argument).toBe(argument);
      }
    }
  });
});

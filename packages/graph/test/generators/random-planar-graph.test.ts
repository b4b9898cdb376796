import { describe, expect, it } from '@jest/globals';
import { randomPlanarGraph } from '../../src/generators/index.js';
import { delaunayTriangulation } from '../../src/generators/internal/delaunay.js';
import { createRng, shuffleInPlace, validateGraph } from '../../src/index.js';
import { checkDelaunay } from './geometry.js';
import { expected, sameGraph, sortedEdges } from './helpers.js';

const assertion = (cond: boolean, what: string): void => {
  if (!cond) throw new Error(`Delaunay certificate failed: ${what}`);
};

function kernelEdges(result: { edgeSources: Int32Array; edgeTargets: Int32Array }): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < result.edgeSources.length; e++) out.push([result.edgeSources[e]!, result.edgeTargets[e]!]);
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('randomPlanarGraph', () => {
  it.each([3, 4, 5, 10, 50, 100, 300])('n = %i (3 seeds): a certified Delaunay triangulation, E = 3n − 3 − h', (n) => {
    for (const seed of [1, 2, 3]) {
      const { graph, points, triangles } = randomPlanarGraph(n, { rng: createRng(seed * 1000 + n) });
      validateGraph(graph);
      expect(graph.order).toBe(n);
      expect(points.length).toBe(2 * n);
      for (const x of points) expect(x >= 0 && x < 1).toBe(true);
      const { hullSize, boundary } = checkDelaunay(points, triangles, sortedEdges(graph), assertion);
      expect(boundary).toBe(hullSize); // random points: no point in the interior of a hull edge
      expect(graph.size).toBe(3 * n - 3 - hullSize);
    }
  });

  it('n ≤ 2: the path on the points, no triangles', () => {
    const rng = createRng(0);
    for (const n of [0, 1, 2]) {
      const r = randomPlanarGraph(n, { rng });
      expect([r.graph.order, r.graph.size, r.triangles.length]).toEqual([n, Math.max(0, n - 1), 0]);
    }
  });

  it('same seed ⇒ identical output; different seed ⇒ different', () => {
    const a = randomPlanarGraph(500, { rng: createRng(9) });
    const b = randomPlanarGraph(500, { rng: createRng(9) });
    const c = randomPlanarGraph(500, { rng: createRng(10) });
    expect(sameGraph(a.graph, b.graph)).toBe(true);
    expect(a.points).toEqual(b.points);
    expect(a.triangles).toEqual(b.triangles);
    expect(sameGraph(a.graph, c.graph)).toBe(false);
  });

  it('keepEdgeProbability keeps a subset of the same triangulation, count within 5σ of q·E', () => {
    const full = randomPlanarGraph(2000, { rng: createRng(5) });
    const half = randomPlanarGraph(2000, { rng: createRng(5), keepEdgeProbability: 0.5 });
    const none = randomPlanarGraph(2000, { rng: createRng(5), keepEdgeProbability: 0 });
    validateGraph(half.graph);
    expect(half.points).toEqual(full.points);
    expect(half.triangles).toEqual(full.triangles);
    expect(none.graph.size).toBe(0);
    const fullSet = new Set(sortedEdges(full.graph).map(([u, v]) => `${u}-${v}`));
    for (const [u, v] of sortedEdges(half.graph)) expect(fullSet.has(`${u}-${v}`)).toBe(true);
    const E = full.graph.size;
    expect(Math.abs(half.graph.size - E / 2)).toBeLessThanOrEqual(5 * Math.sqrt(E / 4));
  });
});

describe('Delaunay kernel', () => {
  it.each(expected.scipy_delaunay.map((c) => [c.points.length / 2, c.seed, c] as const))(
    'equals scipy (Qhull) on %i numpy points (seed %i)',
    (n, _seed, c) => {
      const r = delaunayTriangulation(Float64Array.from(c.points), n);
      if (!r.ok) throw new Error(`unexpected failure ${r.reason}`);
      expect(kernelEdges(r)).toEqual(c.edges);
      expect(r.triangles.length / 3).toBe(c.triangles);
      expect(r.hull.length).toBe(c.hull);
    },
  );

  it('handles a cocircular, collinear 12 × 12 grid in 3 input orders (exact predicates)', () => {
    const rng = createRng(12);
    for (let rep = 0; rep < 3; rep++) {
      const cells = shuffleInPlace(Array.from({ length: 144 }, (_, i) => i), rng);
      const coords = new Float64Array(288);
      cells.forEach((cell, i) => {
        coords[2 * i] = (cell % 12) / 16;
        coords[2 * i + 1] = Math.floor(cell / 12) / 16;
      });
      const r = delaunayTriangulation(coords, 144);
      if (!r.ok) throw new Error(`unexpected failure ${r.reason}`);
      const { boundary } = checkDelaunay(coords, r.triangles, kernelEdges(r), assertion);
      expect(boundary).toBe(44);
      expect(r.hull.length).toBe(44); // hull output includes points on hull edges
    }
  });

  it('handles near-degenerate non-grid doubles (0.1-spaced lattice, the float filter is not enough)', () => {
    const coords: number[] = [];
    for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) coords.push(0.5 + 0.1 * i, 0.5 + 0.1 * j);
    const r = delaunayTriangulation(Float64Array.from(coords), 81);
    if (!r.ok) throw new Error(`unexpected failure ${r.reason}`);
    checkDelaunay(coords, r.triangles, kernelEdges(r), assertion);
  });

  it('handles nearly cocircular and nearly collinear points (floating-point signs wrong, exact fallback needed)', () => {
    // 64 points rounded onto a circle, its centre, and 30 points rounded onto a line: exact in-circle / orientation
    // values are tiny and non-zero, and the plain floating-point formulas get many of their signs wrong.
    const coords: number[] = [0.5, 0.5];
    for (let i = 0; i < 64; i++) coords.push(0.5 + 0.25 * Math.cos((2 * Math.PI * i) / 64), 0.5 + 0.25 * Math.sin((2 * Math.PI * i) / 64));
    for (let i = 1; i <= 30; i++) coords.push(0.03 * i, 0.3 + 0.1 * 0.03 * i);
    const r = delaunayTriangulation(Float64Array.from(coords), coords.length / 2);
    if (!r.ok) throw new Error(`unexpected failure ${r.reason}`);
    checkDelaunay(coords, r.triangles, kernelEdges(r), assertion);
  });

  it('handles points on the hull edges and a fan (many collinear points)', () => {
    const rng = createRng(3);
    const coords: number[] = [];
    for (let i = 0; i < 10; i++) coords.push(i / 16, 0, 1, i / 16, 1 - i / 16, 1, 0, 1 - i / 16);
    for (let i = 0; i < 30; i++) coords.push(rng.float64(), rng.float64());
    const r = delaunayTriangulation(Float64Array.from(coords), coords.length / 2);
    if (!r.ok) throw new Error(`unexpected failure ${r.reason}`);
    expect(checkDelaunay(coords, r.triangles, kernelEdges(r), assertion).boundary).toBe(40);
    const fan = [0.5, 0.5];
    for (let i = 0; i < 20; i++) fan.push(i / 32, 0);
    const f = delaunayTriangulation(Float64Array.from(fan), fan.length / 2);
    if (!f.ok) throw new Error(`unexpected failure ${f.reason}`);
    expect(f.triangles.length / 3).toBe(19);
    checkDelaunay(fan, f.triangles, kernelEdges(f), assertion);
  });

  it('certifies 100 random subsets of small integer grids (collinear and cocircular ties everywhere)', () => {
    const rng = createRng(5);
    let triangulated = 0;
    for (let trial = 0; trial < 100; trial++) {
      const side = 3 + rng.int(8);
      const cells = new Set<number>();
      const want = 3 + rng.int(side * side - 2);
      while (cells.size < want) cells.add(rng.int(side * side));
      const coords: number[] = [];
      for (const c of cells) coords.push((c % side) / 8, Math.floor(c / side) / 8);
      const r = delaunayTriangulation(Float64Array.from(coords), coords.length / 2);
      if (!r.ok) {
        expect(r.reason).toBe('collinear'); // checked below by brute force
        const P = coords.length / 2;
        for (let k = 2; k < P; k++) {
          const cross = (coords[2]! - coords[0]!) * (coords[2 * k + 1]! - coords[1]!) - (coords[3]! - coords[1]!) * (coords[2 * k]! - coords[0]!);
          expect(cross).toBe(0); // exact: small dyadic coordinates
        }
        continue;
      }
      triangulated++;
      checkDelaunay(coords, r.triangles, kernelEdges(r), assertion);
    }
    expect(triangulated).toBeGreaterThan(90);
  });

  it('reports all-collinear input and duplicate points instead of returning a wrong triangulation', () => {
    const line = Float64Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i / 64 : (3 * i) / 64));
    expect(delaunayTriangulation(line, 10)).toMatchObject({ ok: false, reason: 'collinear' });
    const rng = createRng(8);
    const pts = Float64Array.from({ length: 100 }, () => rng.float64());
    pts[2 * 37] = pts[2 * 12]!;
    pts[2 * 37 + 1] = pts[2 * 12 + 1]!;
    expect(delaunayTriangulation(pts, 50)).toEqual({ ok: false, reason: 'duplicate', point: 37, other: 12 });
  });
});

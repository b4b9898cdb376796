import { describe, expect, it } from '@jest/globals';
import { erdosRenyiGnm, randomPlanarGraph, squareLattice } from '../../src/generators/index.js';
import { createRng, hasEdge, validateGraph } from '../../src/index.js';

// Large builds: they must complete and be valid; no timing is asserted (see the generators' docs for measured times).

/** Size of the convex hull of random points (monotone chain in floating point; random points are far from ties). */
function hullSize(points: Float64Array): number {
  const n = points.length / 2;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!);
  const cross = (o: number, a: number, b: number) =>
    (points[2 * a]! - points[2 * o]!) * (points[2 * b + 1]! - points[2 * o + 1]!) -
    (points[2 * a + 1]! - points[2 * o + 1]!) * (points[2 * b]! - points[2 * o]!);
  const chain = (list: number[]) => {
    const out: number[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    return out.length - 1;
  };
  return chain(idx) + chain(idx.reverse());
}

describe('large generators', () => {
  it('squareLattice(1000, 1000): 10^6 nodes, 1 998 000 edges, valid CSR', () => {
    const g = squareLattice(1000, 1000);
    validateGraph(g);
    expect([g.order, g.size]).toEqual([1000000, 1998000]);
  });

  it('erdosRenyiGnm(200 000, 10^6): exactly 10^6 simple edges', () => {
    const g = erdosRenyiGnm(200000, 1000000, { rng: createRng(1) });
    validateGraph(g);
    expect(g.size).toBe(1000000);
  });

  it('randomPlanarGraph(3·10^5): E = 3n − 3 − h, E = T + n − 1, every triangle side an edge', () => {
    const n = 300000;
    const { graph, points, triangles } = randomPlanarGraph(n, { rng: createRng(2) });
    validateGraph(graph);
    const T = triangles.length / 3;
    expect(graph.size).toBe(3 * n - 3 - hullSize(points));
    expect(graph.size).toBe(T + n - 1);
    let missing = 0;
    for (let k = 0; k < triangles.length; k += 3) {
      const [a, b, c] = [triangles[k]!, triangles[k + 1]!, triangles[k + 2]!];
      if (!hasEdge(graph, a, b) || !hasEdge(graph, b, c) || !hasEdge(graph, c, a)) missing++;
    }
    expect(missing).toBe(0);
  });
});

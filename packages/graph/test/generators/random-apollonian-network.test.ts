import { describe, expect, it } from '@jest/globals';
import { randomApollonianNetwork } from '../../src/generators/index.js';
import { createRng, hasEdge, validateGraph } from '../../src/index.js';
import { degreeList, sameGraph } from './helpers.js';

describe('randomApollonianNetwork', () => {
  it.each([3, 4, 10, 1000])('n = %i: maximal planar, certified by its face list', (n) => {
    const { graph, triangles } = randomApollonianNetwork(n, { rng: createRng(n) });
    validateGraph(graph);
    expect([graph.order, graph.size]).toEqual([n, 3 * n - 6]);
    // Faces: the 2n − 5 inner triangles plus the outer face (0, 1, 2). Every face side is a graph edge and every edge
    // borders exactly two faces, so the faces form a triangulated sphere with V − E + F = 2 (a planar embedding).
    expect(triangles.length).toBe(3 * (2 * n - 5));
    const faces = [...Array.from({ length: 2 * n - 5 }, (_, f) => [triangles[3 * f]!, triangles[3 * f + 1]!, triangles[3 * f + 2]!]), [0, 1, 2]];
    const sideCount = new Map<string, number>();
    for (const [a, b, c] of faces) {
      for (const [u, v] of [
        [a!, b!],
        [b!, c!],
        [c!, a!],
      ]) {
        expect(hasEdge(graph, u!, v!)).toBe(true);
        const key = `${Math.min(u!, v!)}-${Math.max(u!, v!)}`;
        sideCount.set(key, (sideCount.get(key) ?? 0) + 1);
      }
    }
    if (n > 3) {
      expect(sideCount.size).toBe(graph.size);
      expect([...sideCount.values()].every((k) => k === 2)).toBe(true);
      expect(n - graph.size + faces.length).toBe(2);
      expect(Math.min(...degreeList(graph))).toBeGreaterThanOrEqual(3);
    }
  });

  it('same seed ⇒ identical graph; different seed ⇒ different graph', () => {
    const a = randomApollonianNetwork(200, { rng: createRng(1) }).graph;
    expect(sameGraph(a, randomApollonianNetwork(200, { rng: createRng(1) }).graph)).toBe(true);
    expect(sameGraph(a, randomApollonianNetwork(200, { rng: createRng(2) }).graph)).toBe(false);
  });
});

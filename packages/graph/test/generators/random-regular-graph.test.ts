import { describe, expect, it } from '@jest/globals';
import { randomRegularGraph } from '../../src/generators/index.js';
import { createRng, hasEdge, validateGraph } from '../../src/index.js';
import { chiSquareTest, degreeList, edgeKey, sameGraph, tally } from './helpers.js';

describe('randomRegularGraph', () => {
  it.each([
    [0, 0],
    [1, 0],
    [8, 0],
    [4, 2],
    [10, 3],
    [100, 3],
    [1000, 4],
    [50, 10],
    [200, 99], // just below half: sampled directly
    [20, 15], // above half: complement of a 4-regular graph
    [7, 6], // complete graph K7
    [6, 5],
    [10000, 7 + 1],
  ])('n = %i, d = %i: simple and every degree is d', (n, d) => {
    const g = randomRegularGraph(n, d, { rng: createRng(n * 31 + d) });
    validateGraph(g);
    expect(g.order).toBe(n);
    expect(g.size).toBe((n * d) / 2);
    for (const x of degreeList(g)) expect(x).toBe(d);
  });

  it('same seed ⇒ identical graph; different seed ⇒ different graph', () => {
    const a = randomRegularGraph(300, 5, { rng: createRng(8) });
    const b = randomRegularGraph(300, 5, { rng: createRng(8) });
    const c = randomRegularGraph(300, 5, { rng: createRng(9) });
    expect(sameGraph(a, b)).toBe(true);
    expect(sameGraph(a, c)).toBe(false);
  });

  it('n = 4, d = 2: uniform over the 3 labelled 4-cycles (χ², 3000 draws, p-value > 0.001)', () => {
    const rng = createRng(4);
    const counts = tally(Array.from({ length: 3000 }, () => edgeKey(randomRegularGraph(4, 2, { rng }))));
    expect(counts.size).toBe(3);
    expect(chiSquareTest([...counts.values()], [1000, 1000, 1000]).p).toBeGreaterThan(0.001);
  });

  it('n = 6, d = 2: all 70 labelled graphs occur, uniformly within each isomorphism class (χ² p > 0.001)', () => {
    // 60 labelled hexagons and 10 labelled pairs of triangles. Steger–Wormald is label-symmetric, so within a class
    // the graphs must be equally likely; across classes it is only asymptotically uniform (measured ≈ 0.148 for the
    // two-triangle class over 3·10^5 draws, against 1/7 ≈ 0.143 for the uniform distribution).
    const rng = createRng(6);
    const draws = 14000;
    const counts = tally(Array.from({ length: draws }, () => edgeKey(randomRegularGraph(6, 2, { rng }))));
    expect(counts.size).toBe(70);
    const hexagons: number[] = [];
    const triangles: number[] = [];
    for (const [key, c] of counts) {
      const edges = key.split(',').map((s) => s.split('-').map(Number) as [number, number]);
      const adjacent = (a: number, b: number) => edges.some(([u, v]) => (u === a && v === b) || (u === b && v === a));
      const [a, b] = edges.filter(([u, v]) => u === 0 || v === 0).map(([u, v]) => (u === 0 ? v : u));
      (adjacent(a!, b!) ? triangles : hexagons).push(c);
    }
    expect([hexagons.length, triangles.length]).toEqual([60, 10]);
    const h = hexagons.reduce((s, x) => s + x, 0);
    const t = triangles.reduce((s, x) => s + x, 0);
    expect(chiSquareTest(hexagons, new Array<number>(60).fill(h / 60)).p).toBeGreaterThan(0.001);
    expect(chiSquareTest(triangles, new Array<number>(10).fill(t / 10)).p).toBeGreaterThan(0.001);
    // Class share: within 5σ (σ ≈ 0.003 at 14000 draws) of the measured 0.148, which excludes gross bias.
    expect(Math.abs(t / draws - 0.148)).toBeLessThan(0.015);
  });

  it('the complement branch is a true complement: d = n − 1 gives K_n', () => {
    const g = randomRegularGraph(9, 8, { rng: createRng(1) });
    for (let a = 0; a < 9; a++) for (let b = a + 1; b < 9; b++) expect(hasEdge(g, a, b)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { randomTree } from '../../src/generators/index.js';
import { createRng, validateGraph } from '../../src/index.js';
import { chiSquareTest, componentCount, edgeKey, sameGraph, tally } from './helpers.js';

describe('randomTree', () => {
  it.each([0, 1, 2, 3, 4, 10, 1000, 200000])('n = %i: a tree (n − 1 edges, connected)', (n) => {
    const g = randomTree(n, { rng: createRng(n) });
    validateGraph(g);
    expect(g.order).toBe(n);
    expect(g.size).toBe(Math.max(0, n - 1));
    if (n > 0) expect(componentCount(g)).toBe(1);
  });

  it('same seed ⇒ identical tree; different seed ⇒ different tree', () => {
    expect(sameGraph(randomTree(1000, { rng: createRng(1) }), randomTree(1000, { rng: createRng(1) }))).toBe(true);
    expect(sameGraph(randomTree(1000, { rng: createRng(1) }), randomTree(1000, { rng: createRng(2) }))).toBe(false);
  });

  // Cayley: n^(n−2) labelled trees. χ² against the uniform distribution, p-value > 0.001.
  it.each([
    [4, 16, 16000],
    [5, 125, 25000],
  ])('n = %i: uniform over the %i labelled trees (%i draws)', (n, trees, draws) => {
    const rng = createRng(1000 + n);
    const counts = tally(Array.from({ length: draws }, () => edgeKey(randomTree(n, { rng }))));
    expect(counts.size).toBe(trees);
    expect(chiSquareTest([...counts.values()], new Array<number>(trees).fill(draws / trees)).p).toBeGreaterThan(0.001);
  });
});

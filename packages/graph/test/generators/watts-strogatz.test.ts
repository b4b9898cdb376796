import { describe, expect, it } from '@jest/globals';
import { wattsStrogatz } from '../../src/generators/index.js';
import { createRng, validateGraph } from '../../src/index.js';
import { degreeList, sameGraph, sortedEdges } from './helpers.js';

function ringLattice(n: number, k: number): [number, number][] {
  const edges: [number, number][] = [];
  for (let j = 1; j <= k / 2; j++) for (let u = 0; u < n; u++) edges.push([Math.min(u, (u + j) % n), Math.max(u, (u + j) % n)]);
  return edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('wattsStrogatz', () => {
  it.each([
    [10, 4],
    [11, 10],
    [1000, 6],
    [3, 2],
    [5, 0],
    [0, 0],
  ])('beta = 0 is the ring lattice (n = %i, k = %i) with edge (j − 1)·n + u = u–(u + j)', (n, k) => {
    const g = wattsStrogatz(n, k, 0, { rng: createRng(1) });
    validateGraph(g);
    expect(sortedEdges(g)).toEqual(ringLattice(n, k));
    for (let e = 0; e < g.size; e++) {
      const j = Math.floor(e / n) + 1;
      const u = e % n;
      expect([g.edgeSources[e], g.edgeTargets[e]]).toEqual([Math.min(u, (u + j) % n), Math.max(u, (u + j) % n)]);
    }
  });

  it.each([
    [100, 4, 0.1],
    [1000, 10, 0.5],
    [50, 48, 0.7], // dense: many rewirings find u saturated or need many candidates
    [30, 2, 1],
  ])('n = %i, k = %i, beta = %f: simple with exactly n·k/2 edges', (n, k, beta) => {
    const g = wattsStrogatz(n, k, beta, { rng: createRng(n + k) });
    validateGraph(g);
    expect(g.size).toBe((n * k) / 2);
    expect(degreeList(g).reduce((s, d) => s + d, 0)).toBe(n * k);
  });

  it('rewires each edge with probability beta: changed edges within 5σ of Binomial(n·k/2, beta)', () => {
    // A rewired edge always changes (its old far end is adjacent, hence never drawn again), and no node saturates
    // at this size, so the number of edges differing from the lattice edge with the same id is Binomial(m, beta).
    const [n, k, beta] = [20000, 6, 0.3];
    const g = wattsStrogatz(n, k, beta, { rng: createRng(42) });
    const m = (n * k) / 2;
    let changed = 0;
    for (let e = 0; e < m; e++) {
      const j = Math.floor(e / n) + 1;
      const u = e % n;
      if (g.edgeSources[e] !== Math.min(u, (u + j) % n) || g.edgeTargets[e] !== Math.max(u, (u + j) % n)) changed++;
    }
    expect(Math.abs(changed - m * beta)).toBeLessThanOrEqual(5 * Math.sqrt(m * beta * (1 - beta)));
  });

  it('same seed ⇒ identical graph; different seed ⇒ different graph', () => {
    const a = wattsStrogatz(500, 6, 0.2, { rng: createRng(3) });
    const b = wattsStrogatz(500, 6, 0.2, { rng: createRng(3) });
    const c = wattsStrogatz(500, 6, 0.2, { rng: createRng(4) });
    expect(sameGraph(a, b)).toBe(true);
    expect(sameGraph(a, c)).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { dsaturColouring, greedyColouring } from '../../src/colouring/index.js';
import {
  complete,
  crown,
  cycle,
  grid,
  loadColouringFixture,
  maxDegreeOf,
  path,
  petersen,
  properOnEdges,
  randomGraphs,
  usesExactly,
  wheel,
} from './helpers.js';

describe('dsaturColouring', () => {
  const fixture = loadColouringFixture();

  it(`equals networkx greedy_color(strategy='DSATUR') exactly on ${fixture.length} fixture graphs`, () => {
    for (const c of fixture) {
      const { colours, count } = dsaturColouring(fromEdges(c.edges, { order: c.n }));
      expect({ name: c.name, colours: Array.from(colours) }).toEqual({ name: c.name, colours: c.dsatur });
      expect(count).toBe(c.n === 0 ? 0 : Math.max(...c.dsatur) + 1);
    }
  });

  it('is proper with colours 0..count-1 and count ≤ Δ + 1 on 240 seeded random graphs', () => {
    for (const c of randomGraphs(21, 240)) {
      const { colours, count } = dsaturColouring(c.graph);
      expect(properOnEdges(c.edges, colours)).toBe(true);
      expect(usesExactly(colours, count)).toBe(true);
      expect(count).toBeLessThanOrEqual(maxDegreeOf(c.n, c.edges) + 1);
    }
  });

  it('is exact on 200 random bipartite graphs (2 colours when there is an edge)', () => {
    const rng = createRng(22);
    for (let t = 0; t < 200; t++) {
      const a = 1 + rng.int(25);
      const b = 1 + rng.int(25);
      const p = rng.float64() * 0.5;
      const edges: [number, number][] = [];
      // Sides interleaved by a random permutation so ids say nothing about the side.
      const side: number[] = Array.from({ length: a + b }, (_, i) => (i < a ? 0 : 1));
      for (let i = side.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [side[i], side[j]] = [side[j]!, side[i]!];
      }
      for (let u = 0; u < a + b; u++) {
        for (let v = u + 1; v < a + b; v++) if (side[u] !== side[v] && rng.float64() < p) edges.push([u, v]);
      }
      const { colours, count } = dsaturColouring(fromEdges(edges, { order: a + b }));
      expect(count).toBe(edges.length > 0 ? 2 : 1);
      expect(properOnEdges(edges, colours)).toBe(true);
    }
  });

  it('is exact on paths, grids, trees, crowns, K3,3, cycles, complete graphs, wheels and Petersen', () => {
    expect(dsaturColouring(path(1)).count).toBe(1);
    expect(dsaturColouring(path(2)).count).toBe(2);
    expect(dsaturColouring(path(50)).count).toBe(2);
    expect(dsaturColouring(grid(6, 7)).count).toBe(2);
    expect(dsaturColouring(crown(7)).count).toBe(2); // first-fit in natural order needs 7
    expect(greedyColouring(crown(7), { strategy: 'natural' }).count).toBe(7);
    expect(dsaturColouring(fromEdges([[0, 3], [0, 4], [0, 5], [1, 3], [1, 4], [1, 5], [2, 3], [2, 4], [2, 5]])).count).toBe(2);
    for (let n = 3; n <= 12; n++) expect({ n, count: dsaturColouring(cycle(n)).count }).toEqual({ n, count: n % 2 ? 3 : 2 });
    for (let n = 1; n <= 9; n++) expect(dsaturColouring(complete(n)).count).toBe(n);
    // W_n: hub + rim C_n; χ = 3 for an even rim, 4 for an odd rim.
    for (let rim = 3; rim <= 12; rim++) {
      expect({ rim, count: dsaturColouring(wheel(rim)).count }).toEqual({ rim, count: rim % 2 ? 4 : 3 });
    }
    expect(dsaturColouring(petersen()).count).toBe(3);
  });

  it('colours each component separately and handles empty and single-node graphs', () => {
    expect(dsaturColouring(fromEdges([], { order: 0 }))).toEqual({ colours: new Int32Array(0), count: 0 });
    expect(dsaturColouring(fromEdges([], { order: 1 }))).toEqual({ colours: new Int32Array([0]), count: 1 });
    expect(dsaturColouring(fromEdges([], { order: 5 })).count).toBe(1);
    // Triangle + even cycle + isolated node.
    const g = fromEdges([[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 6], [6, 3]], { order: 8 });
    const { colours, count } = dsaturColouring(g);
    expect(count).toBe(3);
    expect(new Set([colours[3], colours[4], colours[5], colours[6]]).size).toBe(2);
  });

  it('scales: a 50 000-node random graph (mean degree ≈ 6) and a 200 000-node path', () => {
    const rng = createRng(23);
    const n = 50_000;
    const edges: [number, number][] = [];
    while (edges.length < 3 * n) {
      const a = rng.int(n);
      const b = rng.int(n);
      if (a !== b) edges.push([a, b]);
    }
    const r = dsaturColouring(fromEdges(edges, { order: n }));
    expect(properOnEdges(edges, r.colours)).toBe(true);
    expect(dsaturColouring(path(200_000)).count).toBe(2);
  });

  it('rejects bad input', () => {
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => dsaturColouring(null as unknown as Graph), 'graph'],
      ['directed graph', () => dsaturColouring(fromEdges([[0, 1]], { directed: true })), 'graph'],
    ];
    for (const [label, call, argument] of table) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect({ label, ok: InvalidArgumentError.isInstance(caught) }).toEqual({ label, ok: true });
      expect({ label, argument: (caught as InvalidArgumentError).argument }).toEqual({ label, argument });
    }
  });
});

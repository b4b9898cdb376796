import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { greedyColouring, type GreedyColouringStrategy } from '../../src/colouring/index.js';
import {
  complete,
  crown,
  grid,
  loadColouringFixture,
  naiveDegeneracy,
  maxDegreeOf,
  path,
  petersen,
  properOnEdges,
  randomGraphs,
  usesExactly,
} from './helpers.js';

const STRATEGIES: GreedyColouringStrategy[] = ['natural', 'largest-first', 'smallest-last', 'random'];

function colour(graph: Graph, strategy: GreedyColouringStrategy, seed = 1) {
  return strategy === 'random'
    ? greedyColouring(graph, { strategy, rng: createRng(seed) })
    : greedyColouring(graph, { strategy });
}

describe('greedyColouring', () => {
  const fixture = loadColouringFixture();

  it(`'natural' equals networkx greedy_color with the identity order on ${fixture.length} fixture graphs`, () => {
    for (const c of fixture) {
      const g = fromEdges(c.edges, { order: c.n });
      const { colours, count } = greedyColouring(g, { strategy: 'natural' });
      expect({ name: c.name, colours: Array.from(colours) }).toEqual({ name: c.name, colours: c.natural });
      expect(count).toBe(c.n === 0 ? 0 : Math.max(...c.natural) + 1);
    }
  });

  it(`'largest-first' (the default) equals networkx greedy_color(largest_first) on ${fixture.length} fixture graphs`, () => {
    for (const c of fixture) {
      const g = fromEdges(c.edges, { order: c.n });
      const { colours } = greedyColouring(g);
      expect({ name: c.name, colours: Array.from(colours) }).toEqual({ name: c.name, colours: c.largestFirst });
    }
  });

  it("'smallest-last' is proper and within networkx's degeneracy + 1 on the fixtures (ties differ: bounds only)", () => {
    // networkx pops its degree buckets from Python sets, an order we do not reproduce, so counts are compared only
    // through the shared bound: both are at most degeneracy + 1 (Matula & Beck).
    let equalCounts = 0;
    for (const c of fixture) {
      const g = fromEdges(c.edges, { order: c.n });
      const { colours, count } = greedyColouring(g, { strategy: 'smallest-last' });
      expect(properOnEdges(c.edges, colours)).toBe(true);
      expect(count).toBeLessThanOrEqual(c.degeneracy + 1);
      expect(c.smallestLastCount).toBeLessThanOrEqual(c.degeneracy + 1);
      if (count === c.smallestLastCount) equalCounts++;
    }
    expect(equalCounts).toBeGreaterThan(0); // informative: most counts agree
  });

  it('every strategy gives a proper colouring with colours 0..count-1, count ≤ Δ + 1, on 240 seeded random graphs', () => {
    const cases = randomGraphs(11, 240);
    for (const [i, c] of cases.entries()) {
      const delta = maxDegreeOf(c.n, c.edges);
      for (const strategy of STRATEGIES) {
        const { colours, count } = colour(c.graph, strategy, i);
        expect(colours.length).toBe(c.n);
        expect(properOnEdges(c.edges, colours)).toBe(true);
        expect(usesExactly(colours, count)).toBe(true);
        expect(count).toBeLessThanOrEqual(delta + 1);
      }
    }
  });

  it("'smallest-last' uses at most degeneracy + 1 colours (naive degeneracy) on 240 seeded random graphs", () => {
    for (const c of randomGraphs(12, 240)) {
      const { count } = greedyColouring(c.graph, { strategy: 'smallest-last' });
      expect(count).toBeLessThanOrEqual(naiveDegeneracy(c.n, c.edges) + 1);
    }
  });

  it("'natural' is first-fit: below its colour, each node sees every colour on an earlier neighbour", () => {
    for (const c of randomGraphs(13, 100)) {
      const { colours } = greedyColouring(c.graph, { strategy: 'natural' });
      const seen: Set<number>[] = Array.from({ length: c.n }, () => new Set<number>());
      for (const [a, b] of c.edges) {
        seen[Math.max(a, b)]!.add(colours[Math.min(a, b)]!);
      }
      for (let v = 0; v < c.n; v++) {
        for (let k = 0; k < colours[v]!; k++) expect(seen[v]!.has(k)).toBe(true);
        expect(seen[v]!.has(colours[v]!)).toBe(false);
      }
    }
  });

  it("'random' is reproducible from the seed and follows a permutation drawn from the rng", () => {
    const g = randomGraphs(14, 1, 80)[0]!.graph;
    const a = greedyColouring(g, { strategy: 'random', rng: createRng(99) });
    const b = greedyColouring(g, { strategy: 'random', rng: createRng(99) });
    expect(Array.from(a.colours)).toEqual(Array.from(b.colours));
    const rng = createRng(3);
    greedyColouring(g, { strategy: 'random', rng });
    expect(rng.getState()).not.toEqual(createRng(3).getState()); // it did draw from the stream
  });

  it('named graphs: paths, K_n, grid, Petersen, crown', () => {
    expect(greedyColouring(path(10), { strategy: 'natural' }).count).toBe(2);
    for (let n = 1; n <= 7; n++) {
      for (const strategy of STRATEGIES) expect(colour(complete(n), strategy).count).toBe(n);
    }
    // The grid is 2-degenerate and bipartite; smallest-last needs at most 3 colours.
    expect(greedyColouring(grid(7, 9), { strategy: 'smallest-last' }).count).toBeLessThanOrEqual(3);
    expect(greedyColouring(grid(7, 9), { strategy: 'natural' }).count).toBe(2);
    const pet = greedyColouring(petersen(), { strategy: 'smallest-last' });
    expect(pet.count).toBeGreaterThanOrEqual(3); // χ(Petersen) = 3
    expect(pet.count).toBeLessThanOrEqual(4); // degeneracy 3
    // Crown graph with interleaved ids: first-fit in natural order is forced to k colours (Johnson 1974).
    expect(greedyColouring(crown(6), { strategy: 'natural' }).count).toBe(6);
  });

  it('empty, single-node and edgeless graphs', () => {
    for (const strategy of STRATEGIES) {
      const empty = colour(fromEdges([], { order: 0 }), strategy);
      expect(empty.count).toBe(0);
      expect(empty.colours.length).toBe(0);
      expect(colour(fromEdges([], { order: 1 }), strategy)).toEqual({ colours: new Int32Array([0]), count: 1 });
      expect(colour(fromEdges([], { order: 4 }), strategy).count).toBe(1);
    }
  });

  it('handles a 200 000-node path and a disconnected union without recursion', () => {
    const n = 200_000;
    // A random order can colour a path's middle node after both its neighbours took 0 and 1: 3 colours.
    for (const strategy of STRATEGIES) expect(colour(path(n), strategy).count).toBe(strategy === 'random' ? 3 : 2);
    const union = fromEdges([[0, 1], [1, 2], [2, 0], [3, 4]], { order: 6 });
    for (const strategy of STRATEGIES) expect(colour(union, strategy).count).toBe(3);
  });

  it('rejects bad input', () => {
    const g = complete(3);
    const directed = fromEdges([[0, 1]], { directed: true });
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => greedyColouring({} as Graph), 'graph'],
      ['directed graph', () => greedyColouring(directed), 'graph'],
      ['options not an object', () => greedyColouring(g, 3 as never), 'options'],
      ['unknown option', () => greedyColouring(g, { order: 'x' } as never), 'options.order'],
      ['bad strategy', () => greedyColouring(g, { strategy: 'dsatur' as never }), 'options.strategy'],
      ["'random' without rng", () => greedyColouring(g, { strategy: 'random' }), 'options.rng'],
      ["'random' with a non-Rng", () => greedyColouring(g, { strategy: 'random', rng: {} as never }), 'options.rng'],
      ['rng with a deterministic strategy', () => greedyColouring(g, { rng: createRng(1) }), 'options.rng'],
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

import { describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  createRng,
  edgeBetween,
  fromAdjacencyLists,
  fromAdjacencyMatrix,
  fromEdges,
  hasEdge,
  InvalidArgumentError,
  neighbors,
  validateGraph,
  type Graph,
  type Rng,
} from '../../src/index.js';

/** Naive reference: a Map-based simple graph, independent of the counting-sort builder. */
function naive(order: number, src: number[], dst: number[], directed: boolean) {
  const seen = new Map<string, number>();
  const edges: [number, number][] = [];
  let loops = 0;
  let dups = 0;
  for (let i = 0; i < src.length; i++) {
    let a = src[i]!;
    let b = dst[i]!;
    if (a === b) {
      loops++;
      continue;
    }
    if (!directed && a > b) [a, b] = [b, a];
    const key = `${a},${b}`;
    if (seen.has(key)) {
      dups++;
      continue;
    }
    seen.set(key, edges.length);
    edges.push([a, b]);
  }
  const rows: number[][] = Array.from({ length: order }, () => []);
  for (const [a, b] of edges) {
    rows[a]!.push(b);
    if (!directed) rows[b]!.push(a);
  }
  rows.forEach((r) => r.sort((x, y) => x - y));
  return { edges, rows, loops, dups };
}

function randomEdges(rng: Rng, order: number, m: number) {
  const src: number[] = [];
  const dst: number[] = [];
  for (let i = 0; i < m; i++) {
    src.push(rng.int(order));
    dst.push(rng.int(order));
  }
  return { src, dst };
}

describe('buildGraph', () => {
  it('equals the naive builder on 200 seeded random multigraphs (both directions)', () => {
    const rng = createRng(2024);
    for (let t = 0; t < 200; t++) {
      const order = 1 + rng.int(40);
      const m = rng.int(120);
      const directed = t % 2 === 1;
      const { src, dst } = randomEdges(rng, order, m);
      const { graph, selfLoopsDropped, duplicatesDropped, inputToEdge } = buildGraph(
        { order, sources: src, targets: dst },
        { directed },
      );
      const ref = naive(order, src, dst, directed);
      validateGraph(graph);
      expect(graph.size).toBe(ref.edges.length);
      expect(selfLoopsDropped).toBe(ref.loops);
      expect(duplicatesDropped).toBe(ref.dups);
      // Edge ids follow the first occurrences' input order.
      for (let e = 0; e < graph.size; e++) {
        expect([graph.edgeSources[e], graph.edgeTargets[e]]).toEqual(ref.edges[e]);
      }
      for (let v = 0; v < order; v++) expect(Array.from(neighbors(graph, v))).toEqual(ref.rows[v]);
      for (let i = 0; i < m; i++) {
        if (src[i] === dst[i]) expect(inputToEdge[i]).toBe(-1);
        else expect(edgeBetween(graph, src[i]!, dst[i]!)).toBe(inputToEdge[i]);
      }
    }
  });

  it('equals the naive builder on hub-heavy multigraphs (rows long enough for the merge-sort path)', () => {
    const rng = createRng(77);
    for (let t = 0; t < 40; t++) {
      const order = 30 + rng.int(200);
      const m = 300 + rng.int(2000);
      const src: number[] = [];
      const dst: number[] = [];
      for (let i = 0; i < m; i++) {
        // Most edges touch one of three hubs; many repeat, in scrambled order.
        src.push(rng.float64() < 0.8 ? rng.int(3) : rng.int(order));
        dst.push(rng.int(order));
      }
      const weights = src.map(() => rng.int(10));
      for (const directed of [false, true]) {
        const { graph, duplicatesDropped, inputToEdge } = buildGraph({ order, sources: src, targets: dst, weights }, { directed, duplicates: 'sum' });
        const ref = naive(order, src, dst, directed);
        validateGraph(graph);
        expect(duplicatesDropped).toBe(ref.dups);
        for (let v = 0; v < order; v++) expect(Array.from(neighbors(graph, v))).toEqual(ref.rows[v]);
        for (let e = 0; e < graph.size; e++) expect([graph.edgeSources[e], graph.edgeTargets[e]]).toEqual(ref.edges[e]);
        // Summed weights equal the sum over the input edges mapped to each edge.
        const sums = new Float64Array(graph.size);
        for (let i = 0; i < m; i++) {
          const e = inputToEdge[i]!;
          if (e >= 0) sums[e] = sums[e]! + weights[i]!;
        }
        expect(Array.from(graph.weights!)).toEqual(Array.from(sums));
      }
    }
  });

  it('keeps the first weight or sums duplicates, by option', () => {
    const input = { order: 3, sources: [0, 1, 1, 2], targets: [1, 0, 2, 1], weights: [1, 2, 3, 4] };
    expect(Array.from(buildGraph(input).graph.weights!)).toEqual([1, 3]);
    expect(Array.from(buildGraph(input, { duplicates: 'sum' }).graph.weights!)).toEqual([3, 7]);
    expect(() => buildGraph(input, { duplicates: 'error' })).toThrow(/not a repeat of input edge 0/);
  });

  it('stores directed in-rows consistently and keeps self-loops only when asked', () => {
    const g = buildGraph({ order: 3, sources: [0, 2, 1, 1], targets: [1, 1, 1, 0] }, { directed: true, selfLoops: 'keep' }).graph;
    validateGraph(g);
    expect(g.size).toBe(4);
    expect(hasEdge(g, 0, 1) && hasEdge(g, 1, 0) && hasEdge(g, 1, 1)).toBe(true);
    expect(hasEdge(g, 1, 2)).toBe(false);
    expect(Array.from(g.inSources.subarray(g.inOffsets[1], g.inOffsets[2]))).toEqual([0, 1, 2]);
  });

  it('handles empty graphs and isolated nodes', () => {
    const g = buildGraph({ order: 0, sources: [], targets: [] }).graph;
    expect([g.order, g.size, g.offsets.length]).toEqual([0, 0, 1]);
    const h = fromEdges([], { order: 5 });
    expect([h.order, h.size]).toEqual([5, 0]);
    validateGraph(h);
  });

  const bad: [string, () => Graph, string][] = [
    ['negative order', () => buildGraph({ order: -1, sources: [], targets: [] }).graph, 'input.order'],
    ['endpoint out of range', () => buildGraph({ order: 2, sources: [0], targets: [2] }).graph, 'input.targets[0]'],
    ['fractional endpoint', () => buildGraph({ order: 2, sources: [0.5], targets: [1] }).graph, 'input.sources[0]'],
    ['NaN weight', () => buildGraph({ order: 2, sources: [0], targets: [1], weights: [Number.NaN] }).graph, 'input.weights[0]'],
    ['length mismatch', () => buildGraph({ order: 2, sources: [0], targets: [1, 0] }).graph, 'input.targets'],
    ['self-loop error', () => buildGraph({ order: 2, sources: [1], targets: [1] }, { selfLoops: 'error' }).graph, 'input edge 0'],
    ['keep loops undirected', () => buildGraph({ order: 2, sources: [], targets: [] }, { selfLoops: 'keep' }).graph, 'options.selfLoops'],
    ['unknown option', () => buildGraph({ order: 2, sources: [], targets: [] }, { direction: true } as never).graph, 'options.direction'],
    ['bad labels', () => buildGraph({ order: 2, sources: [], targets: [] }, { labels: ['a'] }).graph, 'options.labels'],
    ['asymmetric matrix', () => fromAdjacencyMatrix([[0, 1], [2, 0]]), 'matrix[1][0]'],
    ['non-square matrix', () => fromAdjacencyMatrix([[0, 1]]), 'matrix[0]'],
    ['bad pair', () => fromEdges([[0, 1, 2] as never]), 'edges[0]'],
  ];
  it.each(bad)('rejects %s with InvalidArgumentError naming the argument', (_name, make, argument) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(/^@isinglab\/graph \w+: /);
  });
});

describe('other builders', () => {
  it('fromAdjacencyLists merges the two listings of each undirected edge', () => {
    const g = fromAdjacencyLists([[1, 2], [0], [0]]);
    expect(g.size).toBe(2);
    validateGraph(g);
  });

  it('fromAdjacencyMatrix keeps weights and labels', () => {
    const g = fromAdjacencyMatrix(
      [
        [0, 2, 0],
        [2, 0, -1],
        [0, -1, 5],
      ],
      { labels: ['a', 'b', 'c'] },
    );
    expect(g.size).toBe(2);
    expect(Array.from(g.weights!)).toEqual([2, -1]);
    expect(g.labels).toEqual(['a', 'b', 'c']);
    const d = fromAdjacencyMatrix([[0, 1], [0, 0]], { directed: true, weighted: false });
    expect([d.directed, d.size, d.weights]).toEqual([true, 1, undefined]);
  });
});

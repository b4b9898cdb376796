import { describe, expect, it } from '@jest/globals';
import { DirectedGraph, MultiUndirectedGraph } from 'graphology';
import { connectedComponents as graphologyComponents } from 'graphology-components';
import { fromGraphology, toGraphology } from '../../src/adapters/graphology.js';
import { buildGraph, createRng, InvalidArgumentError, neighbors, validateGraph } from '../../src/index.js';

describe('graphology adapter', () => {
  it('round-trips seeded random weighted graphs, directed and undirected', () => {
    const rng = createRng(17);
    for (let t = 0; t < 40; t++) {
      const order = 1 + rng.int(30);
      const m = rng.int(80);
      const sources = Array.from({ length: m }, () => rng.int(order));
      const targets = Array.from({ length: m }, () => rng.int(order));
      const weights = Array.from({ length: m }, () => rng.normal());
      const directed = t % 2 === 0;
      const g = buildGraph({ order, sources, targets, weights }, { directed }).graph;
      const gg = toGraphology(g);
      expect([gg.order, gg.size, gg.type]).toEqual([order, g.size, directed ? 'directed' : 'undirected']);
      const back = fromGraphology(gg, { weightAttribute: 'weight' }).graph;
      validateGraph(back);
      expect(back.size).toBe(g.size);
      for (let v = 0; v < order; v++) expect(Array.from(neighbors(back, v))).toEqual(Array.from(neighbors(g, v)));
      expect(Array.from(back.weights!)).toEqual(Array.from(g.weights!));
      // graphology's own components agree on the node count they cover.
      if (!directed) expect(graphologyComponents(gg).reduce((s, c) => s + c.length, 0)).toBe(order);
    }
  });

  it('maps string keys to ids in graphology order, merges multi-edges and drops undirected self-loops', () => {
    const gg = new MultiUndirectedGraph();
    gg.addNode('b');
    gg.addNode('a');
    gg.addNode('c');
    gg.addEdge('a', 'b', { w: 2 });
    gg.addEdge('b', 'a', { w: 5 });
    gg.addEdge('c', 'c');
    const r = fromGraphology(gg, { weightAttribute: 'w', duplicates: 'sum' });
    expect(r.keys).toEqual(['b', 'a', 'c']);
    expect(r.graph.labels).toEqual(['b', 'a', 'c']);
    expect([r.graph.size, r.duplicatesDropped, r.selfLoopsDropped]).toEqual([1, 1, 1]);
    expect(Array.from(r.graph.weights!)).toEqual([7]);
  });

  it('rejects mixed graphs and non-graphs', () => {
    // graphology types its mixed Graph only as a default export (typed as the module under NodeNext): fake one.
    const mixed = new DirectedGraph();
    Object.defineProperty(mixed, 'type', { value: 'mixed' });
    expect(() => fromGraphology(mixed)).toThrow(InvalidArgumentError);
    expect(() => fromGraphology({} as never)).toThrow(/source must be a graphology graph/);
    const g = buildGraph({ order: 2, sources: [0], targets: [1] }, { labels: ['x', 'x'] }).graph;
    expect(() => toGraphology(g)).toThrow(/distinct strings/);
    expect(toGraphology(g, { useLabels: false }).hasNode('1')).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import {
  buildGraph,
  createRng,
  fromEdges,
  InvalidArgumentError,
  stronglyConnectedComponents,
  type Graph,
} from '../../src/index.js';
import { allPairsDistances, directedGraph, expected, partition } from '../fixtures/components/fixtures.js';

/** Certificate of the documented numbering: every arc goes from a lower or equal component id to a higher one. */
function checkTopological(g: Graph, component: Int32Array): void {
  let bad = 0;
  for (let e = 0; e < g.size; e++) if (component[g.edgeSources[e]!]! > component[g.edgeTargets[e]!]!) bad++;
  expect(bad).toBe(0);
}

describe('stronglyConnectedComponents', () => {
  it('equals networkx strongly_connected_components on every directed fixture graph', () => {
    expect(expected.directed.length).toBeGreaterThanOrEqual(30);
    for (const f of expected.directed) {
      const g = directedGraph(f);
      const r = stronglyConnectedComponents(g);
      expect(r.count).toBe(f.strong.length);
      expect(partition(r.component)).toEqual(f.strong);
      checkTopological(g, r.component);
      const sizes = new Array<number>(r.count).fill(0);
      for (const c of r.component) sizes[c]!++;
      expect(Array.from(r.sizes)).toEqual(sizes);
    }
  });

  it('groups exactly the mutually reachable nodes (transitive-closure reference, 60 seeded digraphs)', () => {
    const rng = createRng(31);
    for (let t = 0; t < 60; t++) {
      const order = 1 + rng.int(40);
      const m = rng.int(3 * order);
      const arcs: [number, number][] = Array.from({ length: m }, () => [rng.int(order), rng.int(order)]);
      const g = buildGraph(
        { order, sources: arcs.map((a) => a[0]), targets: arcs.map((a) => a[1]) },
        { directed: true, selfLoops: 'keep' },
      ).graph;
      const d = allPairsDistances(order, arcs, true);
      const r = stronglyConnectedComponents(g);
      for (let u = 0; u < order; u++) {
        for (let v = 0; v < order; v++) {
          const mutual = d[u]![v]! >= 0 && d[v]![u]! >= 0;
          if ((r.component[u] === r.component[v]) !== mutual) expect([u, v, mutual]).toBe('consistent');
        }
      }
      checkTopological(g, r.component);
    }
  });

  it('handles empty, single-node, cycle, DAG and self-loop cases', () => {
    const empty = stronglyConnectedComponents(fromEdges([], { order: 0, directed: true }));
    expect([empty.count, empty.component.length]).toEqual([0, 0]);
    const loop = buildGraph({ order: 1, sources: [0], targets: [0] }, { directed: true, selfLoops: 'keep' }).graph;
    expect(stronglyConnectedComponents(loop).count).toBe(1);
    const cycle = fromEdges(
      [
        [0, 1],
        [1, 2],
        [2, 0],
      ],
      { directed: true },
    );
    expect(Array.from(stronglyConnectedComponents(cycle).component)).toEqual([0, 0, 0]);
    // DAG 3 → 1 → 0 → 2: each node alone, ids in topological order.
    const dag = fromEdges(
      [
        [3, 1],
        [1, 0],
        [0, 2],
      ],
      { directed: true },
    );
    expect(Array.from(stronglyConnectedComponents(dag).component)).toEqual([2, 1, 3, 0]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const cases: [string, unknown][] = [
      ['not a graph', 'graph'],
      ['undirected graph', fromEdges([[0, 1]])],
    ];
    for (const [name, value] of cases) {
      let caught: unknown;
      try {
        stronglyConnectedComponents(value as Graph);
      } catch (err) {
        caught = err;
      }
      expect([name, InvalidArgumentError.isInstance(caught), (caught as InvalidArgumentError).argument]).toEqual([
        name,
        true,
        'graph',
      ]);
    }
  });
});

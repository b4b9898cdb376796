import { describe, expect, it } from '@jest/globals';
import { buildGraph, connectedComponents, createRng, fromEdges, InvalidArgumentError, type Graph } from '../../src/index.js';
import {
  directedGraph,
  expected,
  gridEdges,
  named,
  partition,
  petersenEdges,
  undirectedGraph,
} from '../fixtures/components/fixtures.js';

/** The documented numbering: ids are consecutive and ordered by each component's smallest node; sizes add up. */
function checkNumbering(r: { count: number; component: Int32Array; sizes: Int32Array }): void {
  let next = 0;
  let bad = 0;
  const size = new Array<number>(r.count).fill(0);
  for (let v = 0; v < r.component.length; v++) {
    const c = r.component[v]!;
    if (c < 0 || c > next) bad++; // first appearance of each id is in increasing order
    if (c === next) next++;
    size[c]!++;
  }
  expect(bad).toBe(0);
  expect(next).toBe(r.count);
  expect(Array.from(r.sizes)).toEqual(size);
}

/** Reference labels by flood fill over plain JS adjacency lists (a different method from the union–find under test). */
function floodFillLabels(order: number, edges: [number, number][]): Int32Array {
  const adj: number[][] = Array.from({ length: order }, () => []);
  for (const [u, v] of edges) {
    adj[u]!.push(v);
    adj[v]!.push(u);
  }
  const label = new Int32Array(order).fill(-1);
  for (let s = 0; s < order; s++) {
    if (label[s] !== -1) continue;
    const queue = [s];
    label[s] = s;
    while (queue.length) {
      for (const w of adj[queue.pop()!]!) {
        if (label[w] === -1) {
          label[w] = s;
          queue.push(w);
        }
      }
    }
  }
  return label;
}

describe('connectedComponents', () => {
  it('equals networkx connected_components on every undirected fixture graph (as partitions)', () => {
    for (const f of expected.undirected) {
      const r = connectedComponents(undirectedGraph(f));
      expect(r.count).toBe(f.components.length);
      expect(partition(r.component)).toEqual(f.components);
      checkNumbering(r);
    }
    expect(expected.undirected.length).toBeGreaterThanOrEqual(200);
  });

  it('gives the weakly connected components of directed fixture graphs (networkx)', () => {
    for (const f of expected.directed) {
      const r = connectedComponents(directedGraph(f));
      expect(partition(r.component)).toEqual(f.weak);
      checkNumbering(r);
    }
  });

  it('agrees with a flood fill on 100 seeded random sparse graphs up to 2000 nodes', () => {
    const rng = createRng(99);
    for (let t = 0; t < 100; t++) {
      const order = 1 + rng.int(2000);
      const m = rng.int(order);
      const edges: [number, number][] = Array.from({ length: m }, () => [rng.int(order), rng.int(order)]);
      const g = buildGraph({ order, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) }).graph;
      const r = connectedComponents(g);
      expect(partition(r.component)).toEqual(partition(floodFillLabels(order, edges)));
      checkNumbering(r);
    }
  });

  it('handles named, empty, single-node and disconnected graphs', () => {
    expect(connectedComponents(named(10, petersenEdges())).count).toBe(1);
    expect(connectedComponents(named(12, gridEdges(3, 4))).count).toBe(1);
    const empty = connectedComponents(fromEdges([], { order: 0 }));
    expect([empty.count, empty.component.length, empty.sizes.length]).toEqual([0, 0, 0]);
    const single = connectedComponents(fromEdges([], { order: 1 }));
    expect([single.count, Array.from(single.component), Array.from(single.sizes)]).toEqual([1, [0], [1]]);
    const g = named(7, [[5, 6], [1, 3], [3, 6], [2, 4]]);
    const r = connectedComponents(g);
    expect(Array.from(r.component)).toEqual([0, 1, 2, 1, 2, 1, 1]);
    expect(Array.from(r.sizes)).toEqual([1, 4, 2]);
    // Directed: arcs 2 → 0 and 2 → 1 make one weak component although 0 reaches nothing.
    const d = buildGraph({ order: 4, sources: [2, 2], targets: [0, 1] }, { directed: true }).graph;
    expect(Array.from(connectedComponents(d).component)).toEqual([0, 0, 0, 1]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const cases: [string, unknown][] = [
      ['undefined', undefined],
      ['a number', 5],
      ['missing arrays', { order: 2, directed: false }],
      ['wrong offsets length', { ...named(3, [[0, 1]]), offsets: new Int32Array(2) }],
    ];
    for (const [name, value] of cases) {
      let caught: unknown;
      try {
        connectedComponents(value as Graph);
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

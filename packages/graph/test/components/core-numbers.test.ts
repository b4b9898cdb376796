import { describe, expect, it } from '@jest/globals';
import { coreNumbers, fromEdges, InvalidArgumentError, type Graph } from '../../src/index.js';
import {
  completeBipartiteEdges,
  completeEdges,
  cycleEdges,
  expected,
  gridEdges,
  named,
  pathEdges,
  petersenEdges,
  undirectedGraph,
} from '../fixtures/components/fixtures.js';

/** Certificate of the peeling order: a permutation, core numbers non-decreasing, ≤ core[v] later neighbours. */
function checkOrdering(g: Graph, core: Int32Array, ordering: Int32Array): void {
  expect([...ordering].sort((a, b) => a - b)).toEqual(Array.from({ length: g.order }, (_, i) => i));
  const rank = new Int32Array(g.order);
  ordering.forEach((v, i) => (rank[v] = i));
  let bad = 0;
  for (let i = 1; i < ordering.length; i++) if (core[ordering[i]!]! < core[ordering[i - 1]!]!) bad++;
  for (let v = 0; v < g.order; v++) {
    let later = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) if (rank[g.targets[p]!]! > rank[v]!) later++;
    if (later > core[v]!) bad++;
  }
  expect(bad).toBe(0);
}

describe('coreNumbers', () => {
  it('equals networkx core_number on every fixture graph; the ordering is a degeneracy ordering', () => {
    for (const f of expected.undirected) {
      const g = undirectedGraph(f);
      const r = coreNumbers(g);
      expect(Array.from(r.core)).toEqual(f.coreNumbers);
      expect(r.degeneracy).toBe(Math.max(0, ...f.coreNumbers));
      checkOrdering(g, r.core, r.ordering);
    }
  });

  it('matches closed forms on named graphs', () => {
    const cases: [string, Graph, number[]][] = [
      ['K5', named(5, completeEdges(5)), [4, 4, 4, 4, 4]],
      ['K3,3', named(6, completeBipartiteEdges(3, 3)), [3, 3, 3, 3, 3, 3]],
      ['Petersen', named(10, petersenEdges()), new Array(10).fill(3)],
      ['cycle 7', named(7, cycleEdges(7)), new Array(7).fill(2)],
      ['path 5', named(5, pathEdges(5)), [1, 1, 1, 1, 1]],
      ['grid 3x4', named(12, gridEdges(3, 4)), new Array(12).fill(2)],
      // A triangle 0-1-2 with a pendant 3 on 2 and an isolated 4.
      ['triangle+pendant+isolated', named(5, [[0, 1], [1, 2], [0, 2], [2, 3]]), [2, 2, 2, 1, 0]],
    ];
    for (const [name, g, core] of cases) expect([name, Array.from(coreNumbers(g).core)]).toEqual([name, core]);
    const empty = coreNumbers(fromEdges([], { order: 0 }));
    expect([empty.core.length, empty.degeneracy, empty.ordering.length]).toEqual([0, 0, 0]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const cases: [string, unknown][] = [
      ['not a graph', null],
      ['directed graph', fromEdges([[0, 1]], { directed: true })],
    ];
    for (const [name, value] of cases) {
      let caught: unknown;
      try {
        coreNumbers(value as Graph);
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

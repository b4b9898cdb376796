import { describe, expect, it } from '@jest/globals';
import {
  completeBipartiteGraph,
  completeGraph,
  cycleGraph,
  pathGraph,
  petersenGraph,
  starGraph,
  wheelGraph,
} from '../../src/generators/index.js';
import { hasEdge } from '../../src/index.js';
import { componentCount, degreeList, expected, expectMatchesRecord } from './helpers.js';

describe('named graphs equal networkx', () => {
  it.each(expected.complete_graph.map((r) => [r.n, r] as const))('completeGraph(%i)', (n, rec) => {
    expectMatchesRecord(completeGraph(n), rec);
  });
  it.each(expected.complete_bipartite_graph.map((r) => [r.a, r.b, r] as const))('completeBipartiteGraph(%i, %i)', (a, b, rec) => {
    expectMatchesRecord(completeBipartiteGraph(a, b), rec);
  });
  it.each(expected.cycle_graph.map((r) => [r.n, r] as const))('cycleGraph(%i)', (n, rec) => {
    expectMatchesRecord(cycleGraph(n), rec);
  });
  it.each(expected.path_graph.map((r) => [r.n, r] as const))('pathGraph(%i)', (n, rec) => {
    expectMatchesRecord(pathGraph(n), rec);
  });
  it.each(expected.star_graph.map((r) => [r.n, r] as const))('starGraph(%i) has n + 1 nodes like star_graph(n)', (n, rec) => {
    expectMatchesRecord(starGraph(n), rec);
  });
  it.each(expected.wheel_graph.map((r) => [r.n, r] as const))('wheelGraph(%i)', (n, rec) => {
    expectMatchesRecord(wheelGraph(n), rec);
  });
  it('petersenGraph()', () => {
    expectMatchesRecord(petersenGraph(), expected.petersen_graph);
  });
});

describe('named graphs: structure and documented edge ids', () => {
  it('K5 has 10 edges in lexicographic id order; K_{3,3} is bipartite between 0..2 and 3..5', () => {
    const k5 = completeGraph(5);
    expect(Array.from(k5.edgeSources)).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]);
    expect(Array.from(k5.edgeTargets)).toEqual([1, 2, 3, 4, 2, 3, 4, 3, 4, 4]);
    const k33 = completeBipartiteGraph(3, 3);
    for (let e = 0; e < k33.size; e++) {
      expect(k33.edgeSources[e]).toBeLessThan(3);
      expect(k33.edgeTargets[e]).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(degreeList(k33))).toEqual(new Set([3]));
  });

  it('cycle edge i joins i and i + 1, the last joins 0 and n − 1; large cycles and paths are connected', () => {
    const c = cycleGraph(6);
    expect(Array.from(c.edgeSources)).toEqual([0, 1, 2, 3, 4, 0]);
    expect(Array.from(c.edgeTargets)).toEqual([1, 2, 3, 4, 5, 5]);
    const big = cycleGraph(100000);
    expect(new Set(degreeList(big))).toEqual(new Set([2]));
    expect(componentCount(big)).toBe(1);
    const p = pathGraph(100000);
    expect(p.size).toBe(99999);
    expect(componentCount(p)).toBe(1);
  });

  it('star and wheel: hub 0', () => {
    const s = starGraph(7);
    expect(s.order).toBe(8);
    expect(degreeList(s)[0]).toBe(7);
    const w = wheelGraph(9);
    expect(w.size).toBe(16);
    expect(degreeList(w)[0]).toBe(8);
    expect(hasEdge(w, 1, 8)).toBe(true);
    expect(Array.from(w.edgeSources.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('Petersen: 3-regular, girth 5 (no triangle or 4-cycle)', () => {
    const g = petersenGraph();
    expect(new Set(degreeList(g))).toEqual(new Set([3]));
    let short = 0;
    for (let a = 0; a < 10; a++) {
      for (let b = a + 1; b < 10; b++) {
        let common = 0;
        for (let c = 0; c < 10; c++) if (hasEdge(g, a, c) && hasEdge(g, b, c)) common++;
        // a triangle through a, b or a 4-cycle a–x–b–y–a would give adjacency + common or 2 common neighbours
        if ((hasEdge(g, a, b) && common > 0) || common > 1) short++;
      }
    }
    expect(short).toBe(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { fromEdges, InvalidArgumentError, isPlanar } from '../../src/index.js';
import {
  completeBipartite,
  completeGraph,
  graphOf,
  gridGraph,
  loadFixtures,
  pathGraph,
  PETERSEN_EDGES,
} from './helpers.js';

describe('isPlanar', () => {
  const fixtures = loadFixtures();

  it(`agrees with networkx.check_planarity on all ${fixtures.length} fixture graphs`, () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(220);
    const mismatches: string[] = [];
    for (const f of fixtures) {
      if (isPlanar(graphOf(f.order, f.edges)) !== f.planar) mismatches.push(f.name);
    }
    expect(mismatches).toEqual([]);
    // Both verdicts are well represented.
    expect(fixtures.filter((f) => f.planar).length).toBeGreaterThan(80);
    expect(fixtures.filter((f) => !f.planar).length).toBeGreaterThan(80);
  });

  it('classifies the named small graphs', () => {
    expect(isPlanar(completeGraph(4))).toBe(true);
    expect(isPlanar(completeGraph(5))).toBe(false);
    expect(isPlanar(completeBipartite(3, 3))).toBe(false);
    expect(isPlanar(completeBipartite(2, 10))).toBe(true);
    expect(isPlanar(graphOf(10, PETERSEN_EDGES))).toBe(false);
    expect(isPlanar(gridGraph(6, 9))).toBe(true);
    expect(isPlanar(pathGraph(12))).toBe(true);
    // K5 minus an edge and K3,3 minus an edge are planar.
    expect(isPlanar(graphOf(5, [[0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]))).toBe(true);
    expect(isPlanar(graphOf(6, [[0, 4], [0, 5], [1, 3], [1, 4], [1, 5], [2, 3], [2, 4], [2, 5]]))).toBe(true);
  });

  it('handles the empty graph, a single node, a single edge, isolated nodes and components', () => {
    expect(isPlanar(fromEdges([], { order: 0 }))).toBe(true);
    expect(isPlanar(fromEdges([], { order: 1 }))).toBe(true);
    expect(isPlanar(fromEdges([[0, 1]]))).toBe(true);
    expect(isPlanar(fromEdges([[0, 1]], { order: 50 }))).toBe(true);
    // K5 hidden among many isolated nodes: m ≤ 3n − 6, so the verdict needs the full test.
    const k5Edges: [number, number][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) k5Edges.push([40 + i, 40 + j]);
    expect(isPlanar(fromEdges(k5Edges, { order: 100 }))).toBe(false);
    // A planar component next to a non-planar one.
    expect(isPlanar(fromEdges([[0, 1], [1, 2], [2, 0], ...k5Edges]))).toBe(false);
  });

  it('rejects graphs with more than 3n − 6 edges (K6, K8)', () => {
    expect(isPlanar(completeGraph(6))).toBe(false);
    expect(isPlanar(completeGraph(8))).toBe(false);
  });

  it('runs on a path of 10^6 nodes and a 300×300 grid without overflowing the stack', () => {
    expect(isPlanar(pathGraph(1_000_000))).toBe(true);
    expect(isPlanar(gridGraph(300, 300))).toBe(true);
  });

  it('rejects bad inputs with InvalidArgumentError', () => {
    const directed = fromEdges([[0, 1], [1, 2]], { directed: true });
    const table: [unknown, string][] = [
      [null, 'graph'],
      [{}, 'graph'],
      [{ order: 2, offsets: [0, 1, 2] }, 'graph'],
      [directed, 'graph'],
    ];
    for (const [graph, argument] of table) {
      let caught: unknown;
      try {
        isPlanar(graph as never);
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    }
    // The directed case names the conversion to use.
    expect(() => isPlanar(directed)).toThrow(/toUndirected/);
  });
});

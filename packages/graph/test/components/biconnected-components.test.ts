import { describe, expect, it } from '@jest/globals';
import {
  biconnectedComponents,
  fromEdges,
  InvalidArgumentError,
  type BiconnectedComponentsResult,
  type Graph,
} from '../../src/index.js';
import {
  canonical,
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

/** Blocks as canonical sets of [u, v] edges, read off edgeComponent. */
function blocksAsEdges(g: Graph, r: BiconnectedComponentsResult): [number, number][][] {
  const blocks: [number, number][][] = Array.from({ length: r.count }, () => []);
  for (let e = 0; e < g.size; e++) blocks[r.edgeComponent[e]!]!.push([g.edgeSources[e]!, g.edgeTargets[e]!]);
  return canonical(blocks);
}

/** Number of connected components after deleting node `skipNode` and/or edge `skipEdge` (union–find). */
function componentsWithout(order: number, edges: [number, number][], skipNode: number, skipEdge: number): number {
  const parent = Int32Array.from({ length: order }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  let count = order - (skipNode >= 0 ? 1 : 0);
  edges.forEach(([u, v], i) => {
    if (i === skipEdge || u === skipNode || v === skipNode) return;
    const a = find(u);
    const b = find(v);
    if (a !== b) {
      parent[a] = b;
      count--;
    }
  });
  return count;
}

/** Internal consistency: block node lists are the ascending endpoint sets of the block's edges. */
function checkBlockNodes(g: Graph, r: BiconnectedComponentsResult): void {
  expect(r.blockOffsets.length).toBe(r.count + 1);
  expect(r.blockOffsets[0]).toBe(0);
  expect(r.blockOffsets[r.count]).toBe(r.blockNodes.length);
  const nodes: Set<number>[] = Array.from({ length: r.count }, () => new Set());
  for (let e = 0; e < g.size; e++) {
    const b = r.edgeComponent[e]!;
    nodes[b]!.add(g.edgeSources[e]!).add(g.edgeTargets[e]!);
  }
  const blocksOf = new Array<number>(g.order).fill(0);
  for (let b = 0; b < r.count; b++) {
    const got = Array.from(r.blockNodes.subarray(r.blockOffsets[b]!, r.blockOffsets[b + 1]!));
    expect(got).toEqual([...nodes[b]!].sort((x, y) => x - y));
    for (const v of got) blocksOf[v]!++;
  }
  // Articulation points are exactly the nodes in two or more blocks.
  for (let v = 0; v < g.order; v++) expect([v, r.isArticulation[v]]).toEqual([v, blocksOf[v]! >= 2 ? 1 : 0]);
  expect(Array.from(r.articulationPoints)).toEqual(
    Array.from({ length: g.order }, (_, v) => v).filter((v) => r.isArticulation[v]),
  );
}

describe('biconnectedComponents', () => {
  it('equals networkx biconnected_component_edges and articulation_points on every fixture graph', () => {
    let bridges = 0;
    for (const f of expected.undirected) {
      const g = undirectedGraph(f);
      const r = biconnectedComponents(g);
      expect(r.count).toBe(f.biconnected.length);
      expect(blocksAsEdges(g, r)).toEqual(canonical(f.biconnected));
      expect(Array.from(r.articulationPoints)).toEqual(f.articulationPoints);
      checkBlockNodes(g, r);
      bridges += f.biconnected.filter((b) => b.length === 1).length;
    }
    expect(expected.undirected.length).toBeGreaterThanOrEqual(200);
    expect(bridges).toBeGreaterThan(1000); // the fixtures exercise bridges heavily
  });

  it('certificates by deletion: cut vertices and bridges increase the component count (graphs with ≤ 150 edges)', () => {
    for (const f of expected.undirected) {
      if (f.edges.length > 150) continue;
      const g = undirectedGraph(f);
      const r = biconnectedComponents(g);
      const base = componentsWithout(f.order, f.edges, -1, -1);
      for (let v = 0; v < f.order; v++) {
        const isolated = !f.edges.some(([a, b]) => a === v || b === v);
        // Deleting a node removes it from the count; it is a cut vertex when more than that changes.
        const cut = componentsWithout(f.order, f.edges, v, -1) > base - (isolated ? 1 : 0);
        expect([v, r.isArticulation[v] === 1]).toEqual([v, cut]);
      }
      const blockSize = new Array<number>(r.count).fill(0);
      for (let e = 0; e < g.size; e++) blockSize[r.edgeComponent[e]!]!++;
      f.edges.forEach(([u, v], i) => {
        const e = g.edgeSources.findIndex((s, k) => s === u && g.edgeTargets[k] === v);
        const isBridge = componentsWithout(f.order, f.edges, -1, i) > base;
        expect([u, v, blockSize[r.edgeComponent[e]!] === 1]).toEqual([u, v, isBridge]);
      });
    }
  });

  it('matches named graphs', () => {
    const cases: [string, Graph, number, number[]][] = [
      ['K4', named(4, completeEdges(4)), 1, []],
      ['K5', named(5, completeEdges(5)), 1, []],
      ['K3,3', named(6, completeBipartiteEdges(3, 3)), 1, []],
      ['Petersen', named(10, petersenEdges()), 1, []],
      ['grid 3x4', named(12, gridEdges(3, 4)), 1, []],
      ['cycle 6', named(6, cycleEdges(6)), 1, []],
      ['path 7', named(7, pathEdges(7)), 6, [1, 2, 3, 4, 5]],
      ['bowtie', named(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]]), 2, [2]],
      ['two triangles and a bridge', named(6, [[0, 1], [1, 2], [0, 2], [2, 3], [3, 4], [4, 5], [3, 5]]), 3, [2, 3]],
    ];
    for (const [name, g, count, cuts] of cases) {
      const r = biconnectedComponents(g);
      expect([name, r.count, Array.from(r.articulationPoints)]).toEqual([name, count, cuts]);
      checkBlockNodes(g, r);
    }
  });

  it('isolated nodes lie in no block; empty and single-node graphs have no blocks', () => {
    const empty = biconnectedComponents(fromEdges([], { order: 0 }));
    expect([empty.count, Array.from(empty.blockOffsets), empty.blockNodes.length]).toEqual([0, [0], 0]);
    const single = biconnectedComponents(fromEdges([], { order: 1 }));
    expect([single.count, Array.from(single.isArticulation)]).toEqual([0, [0]]);
    const g = named(5, [[1, 3]]);
    const r = biconnectedComponents(g);
    expect([r.count, Array.from(r.blockNodes), Array.from(r.edgeComponent)]).toEqual([1, [1, 3], [0]]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const cases: [string, unknown][] = [
      ['not a graph', {}],
      ['directed graph', fromEdges([[0, 1], [1, 2]], { directed: true })],
    ];
    for (const [name, value] of cases) {
      let caught: unknown;
      try {
        biconnectedComponents(value as Graph);
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

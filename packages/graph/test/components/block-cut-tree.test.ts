import { describe, expect, it } from '@jest/globals';
import {
  biconnectedComponents,
  blockCutTree,
  fromEdges,
  InvalidArgumentError,
  validateGraph,
  type Graph,
} from '../../src/index.js';
import { completeEdges, expected, named, pathEdges, undirectedGraph } from '../fixtures/components/fixtures.js';

/** Number of trees in a forest check: a graph is a forest iff edges = nodes − components (union–find). */
function forestComponents(t: Graph): { components: number; acyclic: boolean } {
  const parent = Int32Array.from({ length: t.order }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  let components = t.order;
  let acyclic = true;
  for (let e = 0; e < t.size; e++) {
    const a = find(t.edgeSources[e]!);
    const b = find(t.edgeTargets[e]!);
    if (a === b) acyclic = false;
    else {
      parent[a] = b;
      components--;
    }
  }
  return { components, acyclic };
}

describe('blockCutTree', () => {
  it('is a forest with one node per block and per articulation point, on every fixture graph', () => {
    for (const f of expected.undirected) {
      const g = undirectedGraph(f);
      const { tree, blockCount, cutNodes, treeNode } = blockCutTree(g);
      validateGraph(tree);
      expect(tree.directed).toBe(false);
      expect(blockCount).toBe(f.biconnected.length);
      expect(Array.from(cutNodes)).toEqual(f.articulationPoints);
      expect(tree.order).toBe(f.biconnected.length + f.articulationPoints.length);
      const { components, acyclic } = forestComponents(tree);
      expect(acyclic).toBe(true);
      // One tree per connected component of the graph that has at least one edge.
      const withEdges = f.components.filter((c) => c.length > 1).length;
      expect(components).toBe(withEdges);
      // Bipartite between blocks and cut nodes; a cut node's degree is the number of blocks containing it (≥ 2).
      const blocksContaining = new Map<number, number>();
      for (const block of f.biconnected) {
        for (const v of new Set(block.flat())) blocksContaining.set(v, (blocksContaining.get(v) ?? 0) + 1);
      }
      for (let e = 0; e < tree.size; e++) {
        expect(tree.edgeSources[e]!).toBeLessThan(blockCount);
        expect(tree.edgeTargets[e]!).toBeGreaterThanOrEqual(blockCount);
      }
      for (let i = 0; i < cutNodes.length; i++) {
        const deg = tree.offsets[blockCount + i + 1]! - tree.offsets[blockCount + i]!;
        expect(deg).toBeGreaterThanOrEqual(2);
        expect(deg).toBe(blocksContaining.get(cutNodes[i]!));
      }
      // treeNode: cut node for articulation points, the unique block otherwise, -1 when isolated.
      for (let v = 0; v < f.order; v++) {
        const t = treeNode[v]!;
        const k = blocksContaining.get(v) ?? 0;
        if (k === 0) expect(t).toBe(-1);
        else if (k >= 2) expect(cutNodes[t - blockCount]).toBe(v);
        else expect(f.biconnected.findIndex((b) => b.some((e) => e.includes(v))) >= 0 && t < blockCount).toBe(true);
      }
    }
  });

  it('reuses a given biconnectedComponents result and gives the same tree', () => {
    for (const f of expected.undirected.slice(0, 40)) {
      const g = undirectedGraph(f);
      const a = blockCutTree(g);
      const b = blockCutTree(g, { biconnected: biconnectedComponents(g) });
      expect(Array.from(b.tree.edgeSources)).toEqual(Array.from(a.tree.edgeSources));
      expect(Array.from(b.tree.edgeTargets)).toEqual(Array.from(a.tree.edgeTargets));
    }
  });

  it('matches named graphs: a path is a chain, a biconnected graph is one node, isolated nodes vanish', () => {
    const path = blockCutTree(named(4, pathEdges(4)));
    // Blocks 0..2 and cut nodes 1, 2 (tree nodes 3, 4): a path of 5 tree nodes.
    expect([path.blockCount, Array.from(path.cutNodes), path.tree.order, path.tree.size]).toEqual([3, [1, 2], 5, 4]);
    const k5 = blockCutTree(named(5, completeEdges(5)));
    expect([k5.blockCount, k5.tree.order, k5.tree.size]).toEqual([1, 1, 0]);
    const empty = blockCutTree(fromEdges([], { order: 3 }));
    expect([empty.blockCount, empty.tree.order, Array.from(empty.treeNode)]).toEqual([0, 0, [-1, -1, -1]]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const g = named(3, pathEdges(3));
    const other = biconnectedComponents(named(4, pathEdges(4)));
    const cases: [string, () => unknown, string][] = [
      ['not a graph', () => blockCutTree(7 as unknown as Graph), 'graph'],
      ['directed graph', () => blockCutTree(fromEdges([[0, 1]], { directed: true })), 'graph'],
      ['result of another graph', () => blockCutTree(g, { biconnected: other }), 'options.biconnected'],
      ['not a result', () => blockCutTree(g, { biconnected: {} as never }), 'options.biconnected'],
      ['unknown option', () => blockCutTree(g, { blocks: 1 } as never), 'options.blocks'],
    ];
    for (const [name, call, argument] of cases) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect([name, InvalidArgumentError.isInstance(caught), (caught as InvalidArgumentError).argument]).toEqual([
        name,
        true,
        argument,
      ]);
    }
  });
});

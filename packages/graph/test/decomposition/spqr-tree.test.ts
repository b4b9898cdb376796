import { describe, expect, it } from '@jest/globals';
import {
  completeGraph,
  createRng,
  cycleGraph,
  InvalidArgumentError,
  petersenGraph,
  randomK33FreeGraph,
  spqrTree,
  triconnectedComponents,
  type SpqrTree,
  type TriconnectedComponents,
} from '../../src/index.js';
import {
  canonicalOf,
  checkDecomposition,
  checkTreeFields,
  duplicateEdges,
  graphOf,
  multiOf,
  P,
  randomDenseBlock,
  shuffleMulti,
  sortCanonical,
  toInput,
  twoSum,
  type Multi,
} from './helpers.js';

/**
 * The property dynamic programming on the tree relies on (Likhosherstov et al., Section 5.3): for a non-root node
 * c with separation pair {u, v} shared with its parent, the real edges of c's subtree and the real edges of the
 * rest of the graph meet only in u and v, and both sides are non-empty.
 */
function subtreeSeparationProblems(g: Multi, tree: SpqrTree): string[] {
  const problems: string[] = [];
  const m = tree.edgeCount;
  const children: number[][] = Array.from({ length: tree.count }, () => []);
  for (let c = 0; c < tree.count; c++) if (tree.parent[c] !== -1) children[tree.parent[c]!]!.push(c);
  const allNodes = new Set<number>();
  for (let e = 0; e < m; e++) {
    allNodes.add(g.us[e]!);
    allNodes.add(g.vs[e]!);
  }
  for (let c = 0; c < tree.count; c++) {
    const k = tree.parentVirtual[c]!;
    if (k === -1) continue;
    const inside = new Uint8Array(m);
    const stack = [c];
    while (stack.length > 0) {
      const d = stack.pop()!;
      for (let i = tree.componentOffsets[d]!; i < tree.componentOffsets[d + 1]!; i++) {
        const x = tree.componentEdges[i]!;
        if (x < m) inside[x] = 1;
      }
      stack.push(...children[d]!);
    }
    const nodesIn = new Set<number>();
    const nodesOut = new Set<number>();
    let countIn = 0;
    for (let e = 0; e < m; e++) {
      const side = inside[e] ? nodesIn : nodesOut;
      if (inside[e]) countIn++;
      side.add(g.us[e]!);
      side.add(g.vs[e]!);
    }
    if (countIn === 0 || countIn === m) problems.push(`subtree of ${c} holds ${countIn} of ${m} edges`);
    const u = tree.virtualSources[k]!;
    const v = tree.virtualTargets[k]!;
    for (const x of nodesIn) if (nodesOut.has(x) && x !== u && x !== v) problems.push(`subtree of ${c} leaks at node ${x}`);
    if (!nodesIn.has(u) || !nodesIn.has(v) || !nodesOut.has(u) || !nodesOut.has(v)) {
      problems.push(`pair of ${c} not on both sides`);
    }
  }
  return problems;
}

describe('spqrTree', () => {
  it('adds valid rooted-tree fields on random inputs; the default root is not a bond; subtrees split at their pair', () => {
    const rng = createRng(99);
    const problems: string[] = [];
    let inputs = 0;
    for (let i = 0; i < 60; i++) {
      const gen = randomK33FreeGraph(10 + rng.int(120), {
        rng,
        k5Probability: rng.float64(),
        deleteSharedEdgeProbability: rng.float64(),
        maxPieceOrder: 3 + rng.int(10),
      }).graph;
      const g = shuffleMulti(duplicateEdges(multiOf(gen), () => (rng.float64() < 0.05 ? 1 : 0)), rng);
      const tree = spqrTree(toInput(g));
      inputs++;
      problems.push(...checkDecomposition(g, tree, 8, rng).map((p) => `input ${i}: ${p}`));
      problems.push(...checkTreeFields(tree).map((p) => `input ${i}: ${p}`));
      problems.push(...subtreeSeparationProblems(g, tree).map((p) => `input ${i}: ${p}`));
      if (tree.roots.length !== 1) problems.push(`input ${i}: ${tree.roots.length} roots`);
      if (tree.count > 1 && tree.componentType[tree.roots[0]!] === P) problems.push(`input ${i}: default root is a bond`);
    }
    expect(problems).toEqual([]);
    expect(inputs).toBe(60);
  });

  it('is rooted where asked, and every choice of root gives consistent fields', () => {
    const rng = createRng(5);
    const k4 = multiOf(completeGraph(4));
    const g = twoSum(twoSum(k4, 0, multiOf(cycleGraph(5)), 0, true), 3, multiOf(petersenGraph()), 2, false);
    const base = spqrTree(toInput(g));
    expect(base.count).toBeGreaterThanOrEqual(4);
    for (let r = 0; r < base.count; r++) {
      const tree = spqrTree(toInput(g), { root: r });
      expect(tree.roots).toEqual(Int32Array.of(r));
      expect(tree.preorder[0]).toBe(r);
      expect(tree.parent[r]).toBe(-1);
      expect(checkTreeFields(tree)).toEqual([]);
      expect(subtreeSeparationProblems(g, tree)).toEqual([]);
      // The components themselves do not depend on the root.
      expect(sortCanonical(canonicalOf(tree))).toEqual(sortCanonical(canonicalOf(base)));
    }
    // Dense random blocks too.
    for (let i = 0; i < 10; i++) {
      const d = randomDenseBlock(12, 0.3, rng);
      if (d === null) continue;
      const t = spqrTree(d);
      const r = rng.int(t.count);
      expect(checkTreeFields(spqrTree(d, { root: r }))).toEqual([]);
    }
  });

  it('equals triconnectedComponents plus tree fields', () => {
    const g = twoSum(multiOf(completeGraph(5)), 1, multiOf(cycleGraph(6)), 2, false);
    const tc = triconnectedComponents(toInput(g));
    const tree = spqrTree(toInput(g));
    const keys: (keyof TriconnectedComponents)[] = ['edgeCount', 'count', 'componentType', 'componentOffsets', 'componentEdges'];
    for (const key of keys) expect(tree[key]).toEqual(tc[key]);
    expect(tree.treeEdgeCount).toBe(tc.virtualCount / 2);
  });

  it('single-component and empty inputs', () => {
    const k5 = spqrTree(completeGraph(5));
    expect(k5.count).toBe(1);
    expect(Array.from(k5.roots)).toEqual([0]);
    expect(Array.from(k5.parent)).toEqual([-1]);
    expect(k5.treeEdgeCount).toBe(0);
    const bond = spqrTree({ order: 2, sources: [0, 0, 0], targets: [1, 1, 1] });
    expect(Array.from(bond.roots)).toEqual([0]); // all components are bonds: the first one
    const empty = spqrTree(graphOf(1, []));
    expect(empty.count).toBe(0);
    expect(empty.roots.length).toBe(0);
    expect(empty.preorder.length).toBe(0);
  });

  it('the checkers used above detect corrupted decompositions', () => {
    const rng = createRng(3);
    const g = twoSum(multiOf(completeGraph(4)), 0, multiOf(cycleGraph(5)), 0, true);
    const good = spqrTree(toInput(g));
    expect(checkDecomposition(g, good)).toEqual([]);
    const corrupt = (f: (edges: Int32Array, types: Uint8Array) => void): TriconnectedComponents => {
      const edges = good.componentEdges.slice();
      const types = good.componentType.slice();
      f(edges, types);
      return { ...good, componentEdges: edges, componentType: types };
    };
    const bad = [
      // Swap a real edge with one in another component.
      corrupt((e) => {
        const a = e.findIndex((x) => x < good.edgeCount && good.edgeComponent[x] === 0);
        const b = e.findIndex((x) => x < good.edgeCount && good.edgeComponent[x] !== 0);
        [e[a], e[b]] = [e[b]!, e[a]!];
      }),
      // Relabel a component's type.
      corrupt((_e, t) => {
        t[0] = (t[0]! + 1) % 3;
      }),
      // Replace a real edge by another real edge (one missing, one twice).
      corrupt((e) => {
        const a = e.findIndex((x) => x < good.edgeCount);
        e[a] = e[a]! === 0 ? 1 : 0;
      }),
    ];
    for (const tc of bad) expect(checkDecomposition(g, tc, 10, rng).length).toBeGreaterThan(0);
    // A tree whose parent pointers are shuffled.
    const parent = good.parent.slice();
    const child = parent.findIndex((p) => p !== -1);
    parent[child] = child;
    expect(checkTreeFields({ ...good, parent }).length).toBeGreaterThan(0);
  });

  const cases: [string, string, unknown, unknown][] = [
    ['a root out of range', 'options.root', completeGraph(4), { root: 1 }],
    ['a negative root', 'options.root', cycleGraph(4), { root: -1 }],
    ['a fractional root', 'options.root', cycleGraph(4), { root: 0.5 }],
    ['a NaN root', 'options.root', cycleGraph(4), { root: Number.NaN }],
    ['an unknown option', 'options.rooot', cycleGraph(4), { rooot: 0 }],
    ['options not an object', 'options', cycleGraph(4), 3],
    ['a cut vertex', 'graph', graphOf(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]]), undefined],
    ['a self-loop', 'graph.targets[0]', { order: 2, sources: [1, 0], targets: [1, 1] }, undefined],
    ['an order above the bound', 'graph.order', { order: 0x3fffffff, sources: [0], targets: [1] }, undefined],
    ['a fractional order', 'graph.order', { order: 2.5, sources: [0], targets: [1] }, undefined],
    ['targets of another length', 'graph.targets', { order: 3, sources: [0, 1], targets: [1] }, undefined],
    ['sources in a DataView', 'graph.sources', { order: 3, sources: new DataView(new ArrayBuffer(8)), targets: [1] }, undefined],
  ];
  it.each(cases)('%s → InvalidArgumentError on %s', (_name, argument, graph, options) => {
    let caught: unknown;
    try {
      spqrTree(graph as never, options as never);
    } catch (e) {
      caught = e;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe(argument);
    expect((caught as Error).message).toMatch(/^@isinglab\/graph spqrTree: /);
  });

  it('names the accepted order range of a multigraph input', () => {
    expect(() => spqrTree({ order: -1, sources: [], targets: [] } as never)).toThrow(/graph\.order must be an integer in \[0, 1073741822\]/);
  });
});

import { describe, expect, it } from '@jest/globals';
import { randomK33FreeGraph } from '../../src/generators/index.js';
import {
  biconnectedComponents,
  checkK33MinorFree,
  connectedComponents,
  createRng,
  InvalidArgumentError,
  isPlanar,
  validateGraph,
  type Graph,
} from '../../src/index.js';
import { hasMinorBrute } from '../decomposition/helpers.js';
import { sameGraph } from './helpers.js';

function isSimple(g: Graph): boolean {
  const keys = new Set<string>();
  for (let e = 0; e < g.size; e++) {
    const u = g.edgeSources[e]!;
    const v = g.edgeTargets[e]!;
    if (u === v) return false;
    keys.add(`${Math.min(u, v)}-${Math.max(u, v)}`);
  }
  return keys.size === g.size;
}

/** Sizes of the R components of a K3,3-free graph's decomposition, and how many are K5. */
function rComponents(g: Graph): { k5: number; maxNodes: number } {
  const result = checkK33MinorFree(g);
  if (!result.k33Free) throw new Error('generator output has a K3,3 minor');
  const { tree, componentIsK5 } = result.decomposition;
  let maxNodes = 0;
  for (let c = 0; c < tree.count; c++) {
    if (tree.componentType[c] !== 2) continue;
    const nodes = new Set<number>();
    for (let i = tree.componentOffsets[c]!; i < tree.componentOffsets[c + 1]!; i++) {
      const x = tree.componentEdges[i]!;
      if (x < g.size) nodes.add(g.edgeSources[x]!).add(g.edgeTargets[x]!);
      else nodes.add(tree.virtualSources[x - g.size]!).add(tree.virtualTargets[x - g.size]!);
    }
    maxNodes = Math.max(maxNodes, nodes.size);
  }
  return { k5: componentIsK5.reduce((s, x) => s + x, 0), maxNodes };
}

describe('randomK33FreeGraph', () => {
  it('is simple, has n nodes, is biconnected, and has no K3,3 minor (checker), over many options', () => {
    const rng = createRng(1);
    for (let i = 0; i < 80; i++) {
      const n = 3 + rng.int(i < 40 ? 20 : 400);
      const maxPieceOrder = rng.float64() < 0.5 ? 3 + rng.int(15) : undefined;
      const { graph, k5Count, planarPieceCount } = randomK33FreeGraph(n, {
        rng,
        k5Probability: rng.float64(),
        deleteSharedEdgeProbability: rng.float64() < 0.5 ? 0 : rng.float64(),
        maxPieceOrder,
      });
      validateGraph(graph);
      expect(graph.order).toBe(n);
      expect(isSimple(graph)).toBe(true);
      expect(k5Count + planarPieceCount).toBeGreaterThanOrEqual(1);
      const blocks = biconnectedComponents(graph);
      expect(blocks.count).toBe(1);
      expect(blocks.articulationPoints.length).toBe(0);
      // The K3,3-free decomposition has one K5 component per K5 piece, and no R component larger than a piece.
      const r = rComponents(graph);
      expect(r.k5).toBe(k5Count);
      if (maxPieceOrder !== undefined) expect(r.maxNodes).toBeLessThanOrEqual(Math.max(5, maxPieceOrder));
      // At most 3n − 5 edges, the bound for K3,3-minor-free graphs.
      expect(graph.size).toBeLessThanOrEqual(3 * n - 5);
    }
  });

  it('tiny outputs have no K3,3 minor by brute-force minor search', () => {
    const rng = createRng(2);
    for (let i = 0; i < 60; i++) {
      const n = 3 + rng.int(6);
      const { graph } = randomK33FreeGraph(n, { rng, k5Probability: 0.5, maxPieceOrder: 3 + rng.int(4) });
      const edges = Array.from(graph.edgeSources, (u, e) => [u, graph.edgeTargets[e]!] as [number, number]);
      expect(hasMinorBrute(n, edges, 'K33')).toBe(false);
    }
  });

  it('only K5 pieces: n = 5 + 3j gives j + 1 K5s and exactly 3n − 5 edges', () => {
    for (const j of [0, 1, 4, 30]) {
      const n = 5 + 3 * j;
      const { graph, k5Count, planarPieceCount } = randomK33FreeGraph(n, { rng: createRng(j), k5Probability: 1 });
      expect([k5Count, planarPieceCount]).toEqual([j + 1, 0]);
      expect(graph.size).toBe(3 * n - 5);
      expect(rComponents(graph).k5).toBe(j + 1);
    }
  });

  it('only planar pieces (k5Probability 0): 2-sums of planar graphs are planar', () => {
    const rng = createRng(3);
    for (let i = 0; i < 20; i++) {
      const { graph, k5Count } = randomK33FreeGraph(5 + rng.int(300), { rng, k5Probability: 0, maxPieceOrder: 3 + rng.int(20) });
      expect(k5Count).toBe(0);
      expect(isPlanar(graph)).toBe(true);
    }
  });

  it('1-sums give connected graphs with several blocks; each block is K3,3-free', () => {
    const rng = createRng(4);
    let several = 0;
    for (let i = 0; i < 20; i++) {
      const { graph } = randomK33FreeGraph(30 + rng.int(100), { rng, oneSumProbability: 0.5, maxPieceOrder: 8 });
      expect(connectedComponents(graph).count).toBe(1);
      if (biconnectedComponents(graph).count > 1) several++;
      expect(checkK33MinorFree(graph).k33Free).toBe(true);
    }
    expect(several).toBe(20);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const opts = { k5Probability: 0.4, deleteSharedEdgeProbability: 0.3, maxPieceOrder: 12 };
    const a = randomK33FreeGraph(500, { rng: createRng(11), ...opts });
    const b = randomK33FreeGraph(500, { rng: createRng(11), ...opts });
    const c = randomK33FreeGraph(500, { rng: createRng(12), ...opts });
    expect(sameGraph(a.graph, b.graph)).toBe(true);
    expect(Array.from(a.graph.edgeSources)).toEqual(Array.from(b.graph.edgeSources));
    expect([a.k5Count, a.planarPieceCount]).toEqual([b.k5Count, b.planarPieceCount]);
    expect(sameGraph(a.graph, c.graph)).toBe(false);
  });

  const rng = createRng(1);
  const cases: [string, unknown[], string][] = [
    ['n too small', [2, { rng }], 'n'],
    ['n NaN', [Number.NaN, { rng }], 'n'],
    ['n fractional', [10.5, { rng }], 'n'],
    ['no rng', [10, {}], 'options.rng'],
    ['no options', [10], 'options.rng'],
    ['k5Probability > 1', [10, { rng, k5Probability: 1.5 }], 'options.k5Probability'],
    ['k5Probability NaN', [10, { rng, k5Probability: Number.NaN }], 'options.k5Probability'],
    ['oneSumProbability < 0', [10, { rng, oneSumProbability: -0.1 }], 'options.oneSumProbability'],
    ['deleteSharedEdge… a string', [10, { rng, deleteSharedEdgeProbability: '0.5' }], 'options.deleteSharedEdgeProbability'],
    ['maxPieceOrder 2', [10, { rng, maxPieceOrder: 2 }], 'options.maxPieceOrder'],
    ['maxPieceOrder NaN', [10, { rng, maxPieceOrder: Number.NaN }], 'options.maxPieceOrder'],
    ['an unknown option', [10, { rng, k5probability: 0.5 }], 'options.k5probability'],
  ];
  it.each(cases)('%s → InvalidArgumentError', (_name, args, argument) => {
    let caught: unknown;
    try {
      (randomK33FreeGraph as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      caught = e;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe(argument);
    expect((caught as Error).message).toMatch(/^@isinglab\/graph randomK33FreeGraph: /);
  });
});

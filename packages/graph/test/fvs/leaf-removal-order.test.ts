import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError, UnsupportedGraphError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { coreHdFeedbackVertexSet, leafRemovalOrder } from '../../src/fvs/index.js';
import { adjacency, checkLeafOrder, randomFvsGraphs, randomTreeEdges } from './helpers.js';

/** Parallel leaf removal: level of each node = the round in which it has ≤ 1 remaining neighbour (−1: excluded). */
function peelingLevels(n: number, edges: [number, number][], excluded: Uint8Array): Int32Array {
  const adj = adjacency(n, edges);
  const level = new Int32Array(n).fill(-1);
  const gone = new Uint8Array(excluded);
  const deg = new Int32Array(n);
  for (let v = 0; v < n; v++) for (const u of adj[v]!) if (!gone[u]) deg[v]!++;
  let alive = [...Array(n).keys()].filter((v) => !gone[v]);
  for (let round = 0; alive.length; round++) {
    const leaves = alive.filter((v) => deg[v]! <= 1); // decided before any of this round's removals
    if (!leaves.length) break;
    for (const v of leaves) {
      level[v] = round;
      gone[v] = 1;
    }
    for (const v of leaves) for (const u of adj[v]!) if (!gone[u]) deg[u]!--;
    alive = alive.filter((v) => !gone[v]);
  }
  return level;
}

describe('leafRemovalOrder', () => {
  it('peels random forests (and graphs minus a CoreHD set) level by level, leaves first, on 200 cases', () => {
    const rng = createRng(71);
    const cases = randomFvsGraphs(72, 200);
    for (const [t, c] of cases.entries()) {
      let excluded: Uint8Array | undefined;
      let edges = c.edges;
      let graph = c.graph;
      if (t % 2 === 0) {
        excluded = coreHdFeedbackVertexSet(graph).inSet;
      } else {
        // A random forest: a tree on a random subset of the nodes' ids.
        edges = randomTreeEdges(rng, c.n).filter(() => rng.float64() < 0.8);
        graph = fromEdges(edges, { order: c.n });
      }
      const ex = excluded ?? new Uint8Array(c.n);
      const { order, parent } = leafRemovalOrder(graph, excluded);
      expect(checkLeafOrder(c.n, edges, ex, order, parent)).toBeNull();
      // FIFO peeling lists the levels of parallel leaf removal in non-decreasing order (FVS-VAN appendix).
      const level = peelingLevels(c.n, edges, ex);
      for (let i = 1; i < order.length; i++) expect(level[order[i]!]!).toBeGreaterThanOrEqual(level[order[i - 1]!]!);
    }
  });

  it('a path 0-1-2-3-4 peels from both ends to the middle, which is the root', () => {
    const { order, parent } = leafRemovalOrder(fromEdges([[0, 1], [1, 2], [2, 3], [3, 4]]));
    expect(Array.from(order)).toEqual([0, 4, 1, 3, 2]);
    expect(Array.from(parent)).toEqual([1, 2, -1, 2, 3]);
    const empty = leafRemovalOrder(fromEdges([], { order: 0 }));
    expect([empty.order.length, empty.parent.length]).toEqual([0, 0]);
  });

  it('throws UnsupportedGraphError with the unpeelable nodes (minimum degree ≥ 2) when a cycle remains', () => {
    // Triangle 0-1-2 with a pendant path 2-3-4 and an isolated node 5.
    const g = fromEdges([[0, 1], [1, 2], [2, 0], [2, 3], [3, 4]], { order: 6 });
    let caught: unknown;
    try {
      leafRemovalOrder(g);
    } catch (err) {
      caught = err;
    }
    expect(UnsupportedGraphError.isInstance(caught)).toBe(true);
    expect(Array.from((caught as UnsupportedGraphError).certificate as Int32Array)).toEqual([0, 1, 2]);
    expect(leafRemovalOrder(g, new Uint8Array([0, 0, 1, 0, 0, 0])).order.length).toBe(5);
  });

  it('rejects bad input', () => {
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => leafRemovalOrder(1 as unknown as Graph), 'graph'],
      ['directed graph', () => leafRemovalOrder(fromEdges([[0, 1]], { directed: true })), 'graph'],
      ['excluded wrong length', () => leafRemovalOrder(fromEdges([[0, 1]]), new Uint8Array(1)), 'excluded'],
    ];
    for (const [label, call, argument] of table) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect({ label, ok: InvalidArgumentError.isInstance(caught) }).toEqual({ label, ok: true });
      expect({ label, argument: (caught as InvalidArgumentError).argument }).toEqual({ label, argument });
    }
  });
});

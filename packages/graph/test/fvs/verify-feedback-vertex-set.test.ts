import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { coreHdFeedbackVertexSet, verifyFeedbackVertexSet } from '../../src/fvs/index.js';
import { bruteIsForest, checkLeafOrder, randomFvsGraphs } from './helpers.js';

describe('verifyFeedbackVertexSet', () => {
  it('accepts CoreHD certificates and agrees with the independent checks on damaged ones (200 graphs)', () => {
    const rng = createRng(81);
    let rejectedSets = 0;
    let rejectedOrders = 0;
    for (const c of randomFvsGraphs(82, 200)) {
      const r = coreHdFeedbackVertexSet(c.graph);
      const full = { forestOrder: r.forestOrder, forestParent: r.forestParent };
      expect(verifyFeedbackVertexSet(c.graph, r.nodes, full)).toEqual({ valid: true });
      expect(verifyFeedbackVertexSet(c.graph, Array.from(r.nodes).reverse())).toEqual({ valid: true }); // order-free
      if (r.nodes.length > 0) {
        // Drop a member: the set is minimal (reinsertion), so a cycle must come back.
        const skip = rng.int(r.nodes.length);
        const dropped = Array.from(r.nodes).filter((_, i) => i !== skip);
        const mask = new Uint8Array(c.n);
        for (const v of dropped) mask[v] = 1;
        const res = verifyFeedbackVertexSet(c.graph, dropped);
        expect(res.valid).toBe(bruteIsForest(c.n, c.edges, mask));
        expect(res.valid).toBe(false);
        expect(res.reason).toMatch(/closes a cycle/);
        rejectedSets++;
      }
      if (r.forestOrder.length >= 3) {
        // Reverse the order: valid exactly when the independent replay says so.
        const reversed = Array.from(r.forestOrder).reverse();
        const res = verifyFeedbackVertexSet(c.graph, r.nodes, { forestOrder: reversed });
        const parentFree = checkLeafOrder(c.n, c.edges, r.inSet, reversed, reversedParents(c.n, c.edges, r.inSet, reversed));
        expect(res.valid).toBe(parentFree === null);
        if (!res.valid) rejectedOrders++;
      }
    }
    expect(rejectedSets).toBeGreaterThan(50);
    expect(rejectedOrders).toBeGreaterThan(20);
  });

  it('reports each kind of bad certificate', () => {
    // Square 0-1-2-3 with a tail 3-4.
    const g = fromEdges([[0, 1], [1, 2], [2, 3], [3, 0], [3, 4]]);
    const ok = verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 3, 2], forestParent: [-1, 2, -1, 2, 3] });
    expect(ok).toEqual({ valid: true });
    const cases: [string, ReturnType<typeof verifyFeedbackVertexSet>, RegExp][] = [
      ['no members', verifyFeedbackVertexSet(g, []), /closes a cycle/],
      ['out of range', verifyFeedbackVertexSet(g, [7]), /not a node id/],
      ['duplicate', verifyFeedbackVertexSet(g, [0, 0]), /listed twice/],
      ['short order', verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 3] }), /expected 4/],
      ['member in order', verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 3, 0] }), /is a member/],
      ['repeat in order', verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 1, 2] }), /repeats/],
      ['not a leaf', verifyFeedbackVertexSet(g, [0], { forestOrder: [3, 4, 1, 2] }), /still has 2/],
      [
        'wrong parent',
        verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 3, 2], forestParent: [-1, 2, -1, 3, 3] }),
        /forestParent\[3\]/,
      ],
      [
        'member with a parent',
        verifyFeedbackVertexSet(g, [0], { forestOrder: [4, 1, 3, 2], forestParent: [1, 2, -1, 2, 3] }),
        /forestParent\[0\] = 1, expected -1/,
      ],
    ];
    for (const [label, res, reason] of cases) {
      expect({ label, valid: res.valid }).toEqual({ label, valid: false });
      expect(res.reason).toMatch(reason);
    }
  });

  it('rejects malformed arguments', () => {
    const g = fromEdges([[0, 1], [1, 2]]);
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => verifyFeedbackVertexSet({} as Graph, []), 'graph'],
      ['directed graph', () => verifyFeedbackVertexSet(fromEdges([[0, 1]], { directed: true }), []), 'graph'],
      ['nodes not an array', () => verifyFeedbackVertexSet(g, 3 as never), 'nodes'],
      ['unknown option', () => verifyFeedbackVertexSet(g, [], { order: [] } as never), 'options.order'],
      ['forestOrder not an array', () => verifyFeedbackVertexSet(g, [], { forestOrder: 'x' as never }), 'options.forestOrder'],
      [
        'forestParent without forestOrder',
        () => verifyFeedbackVertexSet(g, [], { forestParent: [-1, -1, -1] }),
        'options.forestParent',
      ],
      [
        'forestParent wrong length',
        () => verifyFeedbackVertexSet(g, [], { forestOrder: [0, 1, 2], forestParent: [-1] }),
        'options.forestParent',
      ],
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

/** For a replay without recorded parents: each node's remaining neighbour in the given order (−1 if none). */
function reversedParents(n: number, edges: [number, number][], inSet: Uint8Array, order: number[]): Int32Array {
  const parent = new Int32Array(n).fill(-1);
  const gone = new Uint8Array(inSet);
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  for (const v of order) {
    const left = adj[v]!.filter((u) => !gone[u]);
    if (left.length === 1) parent[v] = left[0]!;
    gone[v] = 1;
  }
  return parent;
}

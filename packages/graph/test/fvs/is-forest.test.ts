import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { isForest } from '../../src/fvs/index.js';
import { bruteIsForest, randomFvsGraphs } from './helpers.js';

describe('isForest', () => {
  it('agrees with component counting on 240 random graphs, with and without random exclusion masks', () => {
    const rng = createRng(61);
    let forests = 0;
    let nonForests = 0;
    for (const c of randomFvsGraphs(62, 240)) {
      const none = new Uint8Array(c.n);
      expect(isForest(c.graph)).toBe(bruteIsForest(c.n, c.edges, none));
      const mask = new Uint8Array(c.n);
      for (let v = 0; v < c.n; v++) mask[v] = rng.float64() < 0.2 ? 1 : 0;
      const expected = bruteIsForest(c.n, c.edges, mask);
      expect(isForest(c.graph, mask)).toBe(expected);
      if (expected) forests++;
      else nonForests++;
    }
    expect(forests).toBeGreaterThan(50);
    expect(nonForests).toBeGreaterThan(50);
  });

  it('named graphs: path, star, empty, triangle, K4 minus a node, disconnected', () => {
    expect(isForest(fromEdges([[0, 1], [1, 2], [2, 3]]))).toBe(true);
    expect(isForest(fromEdges([[0, 1], [0, 2], [0, 3]]))).toBe(true);
    expect(isForest(fromEdges([], { order: 0 }))).toBe(true);
    expect(isForest(fromEdges([], { order: 3 }))).toBe(true);
    const triangle = fromEdges([[0, 1], [1, 2], [2, 0]]);
    expect(isForest(triangle)).toBe(false);
    expect(isForest(triangle, new Uint8Array([0, 1, 0]))).toBe(true);
    const k4 = fromEdges([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(isForest(k4, new Uint8Array([1, 0, 0, 0]))).toBe(false);
    expect(isForest(k4, new Uint8Array([1, 1, 0, 0]))).toBe(true);
    // A tree plus a separate 4-cycle.
    expect(isForest(fromEdges([[0, 1], [1, 2], [3, 4], [4, 5], [5, 6], [6, 3]]))).toBe(false);
  });

  it('rejects bad input', () => {
    const g = fromEdges([[0, 1]]);
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => isForest([] as unknown as Graph), 'graph'],
      ['directed graph', () => isForest(fromEdges([[0, 1]], { directed: true })), 'graph'],
      ['excluded wrong length', () => isForest(g, new Uint8Array(3)), 'excluded'],
      ['excluded wrong type', () => isForest(g, [0, 0] as never), 'excluded'],
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

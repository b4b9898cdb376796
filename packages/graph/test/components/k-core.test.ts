import { describe, expect, it } from '@jest/globals';
import { coreNumbers, fromEdges, InvalidArgumentError, kCore, twoCore, type Graph } from '../../src/index.js';
import { completeEdges, cycleEdges, expected, named, pathEdges, undirectedGraph } from '../fixtures/components/fixtures.js';

/** Brute-force peeling: repeatedly delete a node with fewer than k remaining neighbours; what is left is the k-core. */
function peel(order: number, edges: [number, number][], k: number): number[] {
  const alive = new Array<boolean>(order).fill(true);
  const adj: number[][] = Array.from({ length: order }, () => []);
  for (const [u, v] of edges) {
    adj[u]!.push(v);
    adj[v]!.push(u);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < order; v++) {
      if (alive[v] && adj[v]!.filter((w) => alive[w]).length < k) {
        alive[v] = false;
        changed = true;
      }
    }
  }
  return alive.flatMap((a, v) => (a ? [v] : []));
}

describe('kCore', () => {
  it('equals brute-force peeling for every k on the fixture graphs; min degree ≥ k inside, edge count right', () => {
    let checked = 0;
    for (const f of expected.undirected) {
      if (f.order > 50) continue;
      const g = undirectedGraph(f);
      const maxCore = Math.max(0, ...f.coreNumbers);
      for (let k = 0; k <= maxCore + 1; k++) {
        const r = kCore(g, k);
        const want = peel(f.order, f.edges, k);
        expect(Array.from(r.nodes)).toEqual(want);
        expect(r.order).toBe(want.length);
        const inCore = new Set(want);
        const inner = f.edges.filter(([u, v]) => inCore.has(u) && inCore.has(v));
        expect(r.size).toBe(inner.length);
        const deg = new Map<number, number>();
        for (const [u, v] of inner) {
          deg.set(u, (deg.get(u) ?? 0) + 1);
          deg.set(v, (deg.get(v) ?? 0) + 1);
        }
        for (const v of want) expect(deg.get(v) ?? 0).toBeGreaterThanOrEqual(k);
        checked++;
      }
      expect(kCore(g, maxCore + 1).order).toBe(0);
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('twoCore equals kCore(graph, 2); a precomputed core array gives the same result', () => {
    for (const f of expected.undirected.slice(0, 60)) {
      const g = undirectedGraph(f);
      const core = coreNumbers(g).core;
      const a = kCore(g, 2);
      expect(twoCore(g)).toEqual(a);
      expect(twoCore(g, { core })).toEqual(a);
      expect(kCore(g, 3, { core })).toEqual(kCore(g, 3));
    }
  });

  it('named graphs: trees have an empty 2-core, a cycle with tails keeps the cycle, K5 is its own 4-core', () => {
    expect(twoCore(named(6, pathEdges(6))).order).toBe(0);
    const tails = named(8, [...cycleEdges(4), [3, 4], [4, 5], [0, 6]]);
    expect(Array.from(twoCore(tails).nodes)).toEqual([0, 1, 2, 3]);
    expect(twoCore(tails).size).toBe(4);
    const k5 = kCore(named(5, completeEdges(5)), 4);
    expect([Array.from(k5.nodes), k5.size]).toEqual([[0, 1, 2, 3, 4], 10]);
    expect(Array.from(kCore(fromEdges([], { order: 3 }), 0).nodes)).toEqual([0, 1, 2]);
    expect(kCore(fromEdges([], { order: 0 }), 1).order).toBe(0);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const g = named(3, pathEdges(3));
    const cases: [string, () => unknown, string][] = [
      ['not a graph', () => kCore('g' as unknown as Graph, 1), 'graph'],
      ['directed graph', () => kCore(fromEdges([[0, 1]], { directed: true }), 1), 'graph'],
      ['directed graph (twoCore)', () => twoCore(fromEdges([[0, 1]], { directed: true })), 'graph'],
      ['negative k', () => kCore(g, -1), 'k'],
      ['fractional k', () => kCore(g, 1.5), 'k'],
      ['NaN k', () => kCore(g, NaN), 'k'],
      ['missing k', () => (kCore as (g: Graph) => unknown)(g), 'k'],
      ['core of wrong length', () => kCore(g, 1, { core: new Int32Array(2) }), 'options.core'],
      ['core not typed', () => twoCore(g, { core: [1, 1, 1] as never }), 'options.core'],
      ['unknown option', () => kCore(g, 1, { cores: 1 } as never), 'options.cores'],
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

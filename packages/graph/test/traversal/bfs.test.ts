import { describe, expect, it } from '@jest/globals';
import {
  bfs,
  bfsInto,
  buildGraph,
  createBfsWorkspace,
  createRng,
  fromEdges,
  InvalidArgumentError,
  type BfsResult,
  type Graph,
} from '../../src/index.js';
import {
  allPairsDistances,
  completeEdges,
  cycleEdges,
  directedGraph,
  expected,
  gridEdges,
  named,
  pathEdges,
  petersenEdges,
  undirectedGraph,
} from '../fixtures/components/fixtures.js';

/**
 * Certificate of a BFS result: the order lists exactly the reached nodes (sources first, distances
 * non-decreasing), and every non-source reached node hangs off a parent one step closer through an edge that
 * really joins them (in the direction followed).
 */
function checkBfsTree(g: Graph, sources: number[], r: BfsResult, direction: 'out' | 'in' | 'both' = 'out'): void {
  const n = g.order;
  const reached = Array.from({ length: n }, (_, v) => v).filter((v) => r.distance[v]! >= 0);
  expect([...r.order].sort((a, b) => a - b)).toEqual(reached);
  const uniqueSources = [...new Set(sources)];
  expect(Array.from(r.order.subarray(0, uniqueSources.length))).toEqual(uniqueSources);
  const bad: string[] = []; // collected, then asserted once (per-node expect calls are slow)
  for (let i = 1; i < r.order.length; i++) {
    if (r.distance[r.order[i]!]! < r.distance[r.order[i - 1]!]!) bad.push(`order[${i}] closer than order[${i - 1}]`);
  }
  for (let v = 0; v < n; v++) {
    const d = r.distance[v]!;
    if (d <= 0) {
      if (r.parent[v] !== -1 || r.parentEdge[v] !== -1) bad.push(`root/unreached ${v} has a parent`);
      if (d === 0 && !uniqueSources.includes(v)) bad.push(`${v} at distance 0 is not a source`);
      continue;
    }
    const p = r.parent[v]!;
    const e = r.parentEdge[v]!;
    if (p < 0 || r.distance[p] !== d - 1) bad.push(`parent of ${v} not one step closer`);
    const s = g.edgeSources[e]!;
    const t = g.edgeTargets[e]!;
    const ok = !g.directed
      ? Math.min(p, v) === s && Math.max(p, v) === t
      : direction === 'out'
        ? s === p && t === v
        : direction === 'in'
          ? s === v && t === p
          : (s === p && t === v) || (s === v && t === p);
    if (!ok) bad.push(`parentEdge of ${v} does not join it to its parent`);
  }
  expect(bad).toEqual([]);
}

describe('bfs', () => {
  it('distances equal networkx shortest path lengths on every undirected fixture graph, with a valid BFS tree', () => {
    let checked = 0;
    for (const f of expected.undirected) {
      if (f.bfsSource === undefined) continue;
      const g = undirectedGraph(f);
      const r = bfs(g, f.bfsSource);
      expect(Array.from(r.distance)).toEqual(f.bfsDistance);
      checkBfsTree(g, [f.bfsSource], r);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(200);
  });

  it("follows arcs 'out', 'in' and 'both' as networkx does on directed fixture graphs", () => {
    for (const f of expected.directed) {
      const g = directedGraph(f);
      const cases = [
        ['out', f.bfsOut],
        ['in', f.bfsIn],
        ['both', f.bfsBoth],
      ] as const;
      for (const [direction, want] of cases) {
        const r = bfs(g, f.bfsSource, { direction });
        expect(Array.from(r.distance)).toEqual(want);
        checkBfsTree(g, [f.bfsSource], r, direction);
      }
      expect(Array.from(bfs(g, f.bfsSource).distance)).toEqual(f.bfsOut); // default is 'out'
    }
  });

  it('multi-source distances are the minimum over sources (Floyd–Warshall reference, 60 seeded graphs)', () => {
    const rng = createRng(7);
    for (let t = 0; t < 60; t++) {
      const order = 1 + rng.int(25);
      const m = rng.int(2 * order);
      const arcs: [number, number][] = [];
      for (let i = 0; i < m; i++) arcs.push([rng.int(order), rng.int(order)]);
      const directed = t % 2 === 1;
      const g = buildGraph(
        { order, sources: arcs.map((a) => a[0]), targets: arcs.map((a) => a[1]) },
        { directed },
      ).graph;
      const dist = allPairsDistances(order, arcs, directed);
      const sources = Array.from({ length: 1 + rng.int(3) }, () => rng.int(order));
      const r = bfs(g, sources);
      for (let v = 0; v < order; v++) {
        const ds = sources.map((s) => dist[s]![v]!).filter((d) => d >= 0);
        expect(r.distance[v]).toBe(ds.length ? Math.min(...ds) : -1);
      }
      checkBfsTree(g, sources, r);
    }
  });

  it('maxDepth leaves nodes beyond it unreached and everything nearer as in the full search', () => {
    for (const f of expected.undirected.slice(0, 80)) {
      if (f.bfsSource === undefined) continue;
      const g = undirectedGraph(f);
      for (const maxDepth of [0, 1, 3]) {
        const r = bfs(g, f.bfsSource, { maxDepth });
        expect(Array.from(r.distance)).toEqual(f.bfsDistance!.map((d) => (d > maxDepth ? -1 : d)));
        checkBfsTree(g, [f.bfsSource], r);
      }
    }
  });

  it('matches closed forms on named graphs (path, cycle, K5, Petersen, grid)', () => {
    expect(Array.from(bfs(named(7, pathEdges(7)), 2).distance)).toEqual([2, 1, 0, 1, 2, 3, 4]);
    expect(Array.from(bfs(named(8, cycleEdges(8)), 0).distance)).toEqual([0, 1, 2, 3, 4, 3, 2, 1]);
    expect(Array.from(bfs(named(5, completeEdges(5)), 4).distance)).toEqual([1, 1, 1, 1, 0]);
    const petersen = bfs(named(10, petersenEdges()), 0).distance;
    expect([...petersen].sort()).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 2, 2]); // diameter 2, 3-regular
    const grid = bfs(named(20, gridEdges(4, 5)), 0);
    for (let v = 0; v < 20; v++) expect(grid.distance[v]).toBe(Math.floor(v / 5) + (v % 5)); // Manhattan
    // Row order: neighbours in ascending id order, so the path from 0 visits 0, 1, 5, 2, 6, 10, ...
    expect(Array.from(grid.order.subarray(0, 6))).toEqual([0, 1, 5, 2, 6, 10]);
  });

  it('handles the empty graph, a single node, no sources and repeated sources', () => {
    const empty = fromEdges([], { order: 0 });
    const r0 = bfs(empty, []);
    expect([r0.order.length, r0.distance.length]).toEqual([0, 0]);
    const single = bfs(fromEdges([], { order: 1 }), 0);
    expect([Array.from(single.order), Array.from(single.distance), Array.from(single.parent)]).toEqual([[0], [0], [-1]]);
    const g = named(4, [[0, 1], [2, 3]]);
    const none = bfs(g, new Int32Array(0));
    expect(Array.from(none.distance)).toEqual([-1, -1, -1, -1]);
    expect(none.order.length).toBe(0);
    const rep = bfs(g, [2, 2, 0]);
    expect(Array.from(rep.order)).toEqual([2, 0, 3, 1]);
  });

  it('bfsInto fills a reused workspace exactly like bfs, without allocating new result arrays', () => {
    const rng = createRng(11);
    const order = 60;
    const ws = createBfsWorkspace(order);
    const arrays = [ws.order, ws.distance, ws.parent, ws.parentEdge];
    for (let t = 0; t < 30; t++) {
      const m = rng.int(120);
      const sources = Array.from({ length: m }, () => rng.int(order));
      const targets = Array.from({ length: m }, () => rng.int(order));
      const directed = t % 3 === 0;
      const g = buildGraph({ order, sources, targets }, { directed }).graph;
      const src = [rng.int(order), rng.int(order)];
      const direction = (['out', 'in', 'both'] as const)[t % 3]!;
      const want = bfs(g, src, { direction });
      const count = bfsInto(ws, g, src, { direction });
      expect(count).toBe(want.order.length);
      expect(Array.from(ws.order.subarray(0, count))).toEqual(Array.from(want.order));
      expect(Array.from(ws.distance)).toEqual(Array.from(want.distance));
      expect(Array.from(ws.parent)).toEqual(Array.from(want.parent));
      expect(Array.from(ws.parentEdge)).toEqual(Array.from(want.parentEdge));
    }
    expect([ws.order, ws.distance, ws.parent, ws.parentEdge]).toEqual(arrays);
    expect(ws.order).toBe(arrays[0]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const g = named(3, pathEdges(3));
    const ws = createBfsWorkspace(3);
    const cases: [string, () => unknown, string][] = [
      ['not a graph', () => bfs({ order: 3 } as unknown as Graph, 0), 'graph'],
      ['null graph', () => bfs(null as unknown as Graph, 0), 'graph'],
      ['source out of range', () => bfs(g, 3), 'sources'],
      ['negative source', () => bfs(g, -1), 'sources'],
      ['fractional source', () => bfs(g, 0.5), 'sources'],
      ['bad entry in sources', () => bfs(g, [0, 7]), 'sources[1]'],
      ['sources not an array', () => bfs(g, 'x' as unknown as number), 'sources'],
      ['sources missing', () => bfs(g, undefined as unknown as number), 'sources'],
      ['bad direction', () => bfs(g, 0, { direction: 'up' as 'out' }), 'options.direction'],
      ['negative maxDepth', () => bfs(g, 0, { maxDepth: -1 }), 'options.maxDepth'],
      ['NaN maxDepth', () => bfs(g, 0, { maxDepth: NaN }), 'options.maxDepth'],
      ['unknown option', () => bfs(g, 0, { depth: 2 } as never), 'options.depth'],
      ['options not an object', () => bfs(g, 0, 5 as never), 'options'],
      ['workspace too short', () => bfsInto(createBfsWorkspace(2), g, 0), 'out.order'],
      ['workspace missing array', () => bfsInto({ ...ws, parent: undefined } as never, g, 0), 'out.parent'],
      ['workspace wrong type', () => bfsInto({ ...ws, distance: new Float64Array(3) } as never, g, 0), 'out.distance'],
      ['workspace null', () => bfsInto(null as never, g, 0), 'out'],
      ['bad workspace order', () => createBfsWorkspace(-1), 'order'],
    ];
    for (const [name, call, argument] of cases) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect([name, InvalidArgumentError.isInstance(caught)]).toEqual([name, true]);
      expect([name, (caught as InvalidArgumentError).argument]).toEqual([name, argument]);
    }
  });
});

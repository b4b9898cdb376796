import { describe, expect, it } from '@jest/globals';
import { buildGraph, createRng, dfs, fromEdges, InvalidArgumentError, type DfsResult, type Graph } from '../../src/index.js';
import {
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
 * Recursive textbook DFS over plain JS adjacency lists built from the edge arrays (not from the CSR rows),
 * neighbours sorted ascending: out-neighbours then in-neighbours for 'both'. Only for small graphs.
 */
function recursiveDfs(g: Graph, direction: 'out' | 'in' | 'both', roots?: number[]) {
  const n = g.order;
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  const inAdj: [number, number][][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < g.size; e++) {
    const s = g.edgeSources[e]!;
    const t = g.edgeTargets[e]!;
    if (!g.directed) {
      adj[s]!.push([t, e]);
      adj[t]!.push([s, e]);
    } else {
      adj[s]!.push([t, e]);
      inAdj[t]!.push([s, e]);
    }
  }
  const byNode = (a: [number, number], b: [number, number]) => a[0] - b[0];
  const rows = adj.map((r, v) => {
    const out = [...r].sort(byNode);
    const inn = [...inAdj[v]!].sort(byNode);
    if (!g.directed || direction === 'out') return out;
    if (direction === 'in') return inn;
    return [...out, ...inn];
  });
  const pre: number[] = [];
  const post: number[] = [];
  const parent = new Array<number>(n).fill(-1);
  const parentEdge = new Array<number>(n).fill(-1);
  const seen = new Array<boolean>(n).fill(false);
  const visit = (v: number): void => {
    seen[v] = true;
    pre.push(v);
    for (const [w, e] of rows[v]!) {
      if (!seen[w]) {
        parent[w] = v;
        parentEdge[w] = e;
        visit(w);
      }
    }
    post.push(v);
  };
  for (const r of roots ?? Array.from({ length: n }, (_, i) => i)) if (!seen[r]) visit(r);
  return { pre, post, parent, parentEdge };
}

/** Certificate: pre/postorder list the same visited nodes once; parents come before children in preorder and after them in postorder. */
function checkOrders(g: Graph, r: DfsResult): void {
  const visited = [...r.preorder].sort((a, b) => a - b);
  expect(new Set(visited).size).toBe(visited.length);
  expect([...r.postorder].sort((a, b) => a - b)).toEqual(visited);
  const preIndex = new Map<number, number>();
  const postIndex = new Map<number, number>();
  r.preorder.forEach((v, i) => preIndex.set(v, i));
  r.postorder.forEach((v, i) => postIndex.set(v, i));
  const bad: number[] = []; // collected, then asserted once (per-node expect calls are slow)
  for (const v of visited) {
    const p = r.parent[v]!;
    if (p < 0) continue;
    const e = r.parentEdge[v]!;
    const s = g.edgeSources[e]!;
    const t = g.edgeTargets[e]!;
    const joins = (s === p && t === v) || (s === v && t === p);
    if (!(preIndex.get(p)! < preIndex.get(v)! && postIndex.get(p)! > postIndex.get(v)! && joins)) bad.push(v);
  }
  expect(bad).toEqual([]);
}

describe('dfs', () => {
  it('equals a recursive DFS on every undirected fixture graph, and no non-tree edge is a cross edge', () => {
    for (const f of expected.undirected) {
      const g = undirectedGraph(f);
      const r = dfs(g);
      const ref = recursiveDfs(g, 'out');
      expect(Array.from(r.preorder)).toEqual(ref.pre);
      expect(Array.from(r.postorder)).toEqual(ref.post);
      expect(Array.from(r.parent)).toEqual(ref.parent);
      expect(Array.from(r.parentEdge)).toEqual(ref.parentEdge);
      checkOrders(g, r);
      // Undirected DFS trees have only back edges: every edge joins an ancestor and a descendant.
      const pre = new Int32Array(g.order);
      const post = new Int32Array(g.order);
      r.preorder.forEach((v, i) => (pre[v] = i));
      r.postorder.forEach((v, i) => (post[v] = i));
      const cross = f.edges.filter(([u, v]) => {
        const [a, d] = pre[u]! < pre[v]! ? [u, v] : [v, u];
        return post[a]! < post[d]!;
      });
      expect(cross).toEqual([]);
    }
  });

  it("equals a recursive DFS on directed fixture graphs for 'out', 'in' and 'both', from given sources", () => {
    const rng = createRng(5);
    for (const f of expected.directed) {
      const g = directedGraph(f);
      for (const direction of ['out', 'in', 'both'] as const) {
        const roots = Array.from({ length: 1 + rng.int(3) }, () => rng.int(f.order));
        for (const sources of [undefined, roots]) {
          const r = dfs(g, sources === undefined ? { direction } : { direction, sources });
          const ref = recursiveDfs(g, direction, sources);
          expect(Array.from(r.preorder)).toEqual(ref.pre);
          expect(Array.from(r.postorder)).toEqual(ref.post);
          expect(Array.from(r.parent)).toEqual(ref.parent);
          expect(Array.from(r.parentEdge)).toEqual(ref.parentEdge);
          checkOrders(g, r);
        }
      }
    }
  });

  it('matches hand-worked orders on named graphs', () => {
    const path = dfs(named(6, pathEdges(6)));
    expect(Array.from(path.preorder)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(path.postorder)).toEqual([5, 4, 3, 2, 1, 0]);
    const cycle = dfs(named(5, cycleEdges(5)), { sources: 2 });
    expect(Array.from(cycle.preorder)).toEqual([2, 1, 0, 4, 3]);
    const k4 = dfs(named(4, completeEdges(4)));
    expect(Array.from(k4.preorder)).toEqual([0, 1, 2, 3]); // a Hamiltonian path: K4's DFS tree is a path
    expect(Array.from(k4.parent)).toEqual([-1, 0, 1, 2]);
    const petersen = dfs(named(10, petersenEdges()));
    expect(petersen.preorder.length).toBe(10);
    const grid = dfs(named(6, gridEdges(2, 3)));
    expect(Array.from(grid.preorder)).toEqual([0, 1, 2, 5, 4, 3]);
    expect(Array.from(grid.postorder)).toEqual([3, 4, 5, 2, 1, 0]);
  });

  it('handles empty, single-node and disconnected graphs; sources restrict the visit', () => {
    const empty = dfs(fromEdges([], { order: 0 }));
    expect([empty.preorder.length, empty.postorder.length]).toEqual([0, 0]);
    const single = dfs(fromEdges([], { order: 1 }));
    expect([Array.from(single.preorder), Array.from(single.postorder)]).toEqual([[0], [0]]);
    const g = named(5, [[3, 4], [0, 1]]);
    const all = dfs(g);
    expect(Array.from(all.preorder)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(all.parent)).toEqual([-1, 0, -1, -1, 3]);
    const some = dfs(g, { sources: [4, 3] });
    expect([Array.from(some.preorder), Array.from(some.postorder)]).toEqual([[4, 3], [3, 4]]);
    expect(Array.from(some.parent)).toEqual([-1, -1, -1, 4, -1]);
    const none = dfs(g, { sources: [] });
    expect(none.preorder.length).toBe(0);
    const arc = buildGraph({ order: 3, sources: [0, 2], targets: [1, 1] }, { directed: true }).graph;
    expect(Array.from(dfs(arc, { sources: 1 }).preorder)).toEqual([1]);
    expect(Array.from(dfs(arc, { sources: 1, direction: 'in' }).preorder)).toEqual([1, 0, 2]);
    expect(Array.from(dfs(arc, { sources: 0, direction: 'both' }).preorder)).toEqual([0, 1, 2]);
  });

  it('rejects bad inputs with InvalidArgumentError naming the argument', () => {
    const g = named(3, pathEdges(3));
    const cases: [string, () => unknown, string][] = [
      ['not a graph', () => dfs([] as unknown as Graph), 'graph'],
      ['undefined graph', () => dfs(undefined as unknown as Graph), 'graph'],
      ['source out of range', () => dfs(g, { sources: 9 }), 'options.sources'],
      ['bad entry in sources', () => dfs(g, { sources: [1, -2] }), 'options.sources[1]'],
      ['sources not array-like', () => dfs(g, { sources: {} as never }), 'options.sources'],
      ['bad direction', () => dfs(g, { direction: 'down' as 'out' }), 'options.direction'],
      ['unknown option', () => dfs(g, { root: 0 } as never), 'options.root'],
      ['options an array', () => dfs(g, [] as never), 'options'],
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

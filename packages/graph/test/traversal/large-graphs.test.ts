import { describe, expect, it } from '@jest/globals';
import { bfs, buildGraph, dfs } from '../../src/index.js';

// 10^6-node path and star: a recursive traversal would overflow the call stack on the path.
const N = 1_000_000;

function pathGraph(n: number, directed = false) {
  const sources = new Int32Array(n - 1);
  const targets = new Int32Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    sources[i] = i;
    targets[i] = i + 1;
  }
  return buildGraph({ order: n, sources, targets }, { directed }).graph;
}

function starGraph(n: number) {
  const sources = new Int32Array(n - 1);
  const targets = new Int32Array(n - 1);
  for (let i = 0; i < n - 1; i++) targets[i] = i + 1;
  return buildGraph({ order: n, sources, targets }).graph;
}

function isIdentity(a: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== i) return false;
  return true;
}

describe('traversals on 10^6-node graphs', () => {
  it('bfs and dfs walk a 10^6-node path end to end', () => {
    const g = pathGraph(N);
    const b = bfs(g, 0);
    expect(b.order.length).toBe(N);
    expect(isIdentity(b.distance)).toBe(true);
    expect(b.distance[N - 1]).toBe(N - 1);
    const d = dfs(g);
    expect(isIdentity(d.preorder)).toBe(true);
    expect(d.postorder[0]).toBe(N - 1);
    expect(d.postorder[N - 1]).toBe(0);
    expect(d.parent[N - 1]).toBe(N - 2);
    // From the far end, and backwards along a directed path.
    const dp = dfs(pathGraph(N, true), { sources: N - 1, direction: 'in' });
    expect(dp.preorder.length).toBe(N);
    expect(dp.postorder[0]).toBe(0);
  });

  it('bfs and dfs on a 10^6-node star', () => {
    const g = starGraph(N);
    const b = bfs(g, 1);
    expect([b.distance[0], b.distance[1], b.distance[2], b.distance[N - 1]]).toEqual([1, 0, 2, 2]);
    expect(b.order.length).toBe(N);
    const d = dfs(g);
    expect([d.preorder[0], d.preorder[1], d.preorder[N - 1], d.postorder[N - 1]]).toEqual([0, 1, N - 1, 0]);
  });
});

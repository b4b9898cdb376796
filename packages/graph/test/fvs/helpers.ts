// Independent references for the feedback-vertex-set tests: forest check by BFS component counting, leaf-removal
// replay on adjacency sets, brute-force minimum FVS, seeded random graphs and the networkx fixture.
import { readFileSync } from 'node:fs';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { createRng, type Rng } from '../../src/random/rng.js';

export interface FvsCase {
  name: string;
  n: number;
  edges: [number, number][];
  coreNumber?: number[];
  graph: Graph;
}

export function loadFvsFixture(): FvsCase[] {
  const text = readFileSync(new URL('../fixtures/fvs/graphs.json', import.meta.url), 'utf8');
  const cases = (JSON.parse(text) as { cases: Omit<FvsCase, 'graph'>[] }).cases;
  return cases.map((c) => ({ ...c, graph: fromEdges(c.edges, { order: c.n }) }));
}

/** Mixed seeded random graphs: G(n, p) with mean degree 0.5–6, random trees, and cycle-plus-chords graphs. */
export function randomFvsGraphs(seed: number, count: number, maxN = 80): FvsCase[] {
  const rng = createRng(seed);
  const out: FvsCase[] = [];
  for (let t = 0; t < count; t++) {
    const n = 1 + rng.int(maxN);
    const kind = t % 3;
    let edges: [number, number][];
    if (kind === 0) edges = gnpEdges(rng, n, n > 1 ? Math.min(1, (0.5 + 5.5 * rng.float64()) / (n - 1)) : 0);
    else if (kind === 1) edges = randomTreeEdges(rng, n);
    else {
      edges = n >= 3 ? Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]) : [];
      const chords = rng.int(Math.max(1, n >> 2) + 1);
      for (let k = 0; k < chords && n >= 4; k++) {
        const a = rng.int(n);
        const b = rng.int(n);
        if (a !== b) edges.push([a, b]);
      }
    }
    out.push({ name: `random-${seed}-${t}`, n, edges, graph: fromEdges(edges, { order: n }) });
  }
  return out;
}

export function gnpEdges(rng: Rng, n: number, p: number): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.float64() < p) edges.push([i, j]);
  return edges;
}

/** A uniformly attached random tree (each node i > 0 joins a random earlier node), ids then shuffled. */
export function randomTreeEdges(rng: Rng, n: number): [number, number][] {
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const edges: [number, number][] = [];
  for (let i = 1; i < n; i++) edges.push([perm[i]!, perm[rng.int(i)]!]);
  return edges;
}

/** Simple undirected edge set (drops loops and repeats) as adjacency sets. */
export function adjacency(n: number, edges: readonly (readonly [number, number])[]): Set<number>[] {
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    if (a === b) continue;
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  return adj;
}

/**
 * Forest test by counting: the graph minus `removed` is a forest iff its edge count equals nodes − components.
 * Components come from an explicit-stack search over adjacency lists (no union–find, unlike the code under test).
 */
export function bruteIsForest(n: number, edges: readonly (readonly [number, number])[], removed: ArrayLike<number>): boolean {
  return forestChecker(n, edges)(removed);
}

/** `bruteIsForest` with the adjacency built once, for many masks on one graph. */
export function forestChecker(
  n: number,
  edges: readonly (readonly [number, number])[],
): (removed: ArrayLike<number>) => boolean {
  const adj = adjacency(n, edges).map((s) => [...s]);
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  return (removed) => {
    seen.fill(0);
    let nodes = 0;
    let halfEdges = 0;
    let components = 0;
    for (let s = 0; s < n; s++) {
      if (removed[s]) continue;
      nodes++;
      for (const u of adj[s]!) if (!removed[u]) halfEdges++;
      if (seen[s]) continue;
      components++;
      stack.push(s);
      seen[s] = 1;
      while (stack.length) {
        const v = stack.pop()!;
        for (const u of adj[v]!) {
          if (removed[u] || seen[u]) continue;
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
    return halfEdges / 2 === nodes - components;
  };
}

/** Replays a leaf-removal order on adjacency sets; returns an error string or null. */
export function checkLeafOrder(
  n: number,
  edges: readonly (readonly [number, number])[],
  inSet: ArrayLike<number>,
  order: ArrayLike<number>,
  parent: ArrayLike<number>,
): string | null {
  const adj = adjacency(n, edges);
  const gone = new Uint8Array(n);
  let members = 0;
  for (let v = 0; v < n; v++) {
    if (inSet[v]) {
      gone[v] = 1;
      members++;
      if (parent[v] !== -1) return `member ${v} has parent ${parent[v]}`;
    }
  }
  if (order.length !== n - members) return `order has ${order.length} entries, expected ${n - members}`;
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    if (gone[v]) return `order[${i}] = ${v} is a member or a repeat`;
    const left = [...adj[v]!].filter((u) => !gone[u]);
    if (left.length > 1) return `order[${i}] = ${v} has ${left.length} remaining neighbours`;
    const expected = left.length === 1 ? left[0]! : -1;
    if (parent[v] !== expected) return `parent[${v}] = ${parent[v]}, expected ${expected}`;
    gone[v] = 1;
  }
  return null;
}

/** Minimum FVS size by enumerating vertex subsets in order of size (n ≤ ~16). */
export function bruteMinFvs(n: number, edges: readonly (readonly [number, number])[]): number {
  const bySize: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let mask = 0; mask < 1 << n; mask++) {
    let c = 0;
    for (let x = mask; x; x &= x - 1) c++;
    bySize[c]!.push(mask);
  }
  const removed = new Uint8Array(n);
  const isForestMinus = forestChecker(n, edges);
  for (let k = 0; k <= n; k++) {
    for (const mask of bySize[k]!) {
      for (let v = 0; v < n; v++) removed[v] = (mask >> v) & 1;
      if (isForestMinus(removed)) return k;
    }
  }
  return n;
}

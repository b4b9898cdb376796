// Shared helpers for the colouring tests: fixture loading, seeded random graphs and independent reference checks.
import { readFileSync } from 'node:fs';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { createRng, type Rng } from '../../src/random/rng.js';

export interface ColouringCase {
  name: string;
  n: number;
  edges: [number, number][];
  maxDegree: number;
  degeneracy: number;
  natural: number[];
  largestFirst: number[];
  dsatur: number[];
  smallestLastCount: number;
  lineEdges?: [number, number, number][];
}

/** networkx-made expectations (test/fixtures/colouring/generate.py). */
export function loadColouringFixture(): ColouringCase[] {
  const text = readFileSync(new URL('../fixtures/colouring/expected.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { cases: ColouringCase[] }).cases;
}

export interface RandomCase {
  n: number;
  edges: [number, number][];
  graph: Graph;
}

/** G(n, p) with n in [1, maxN] and mean degree in [0.5, 8], from a seeded Rng (independent of the code under test). */
export function randomGraphs(seed: number, count: number, maxN = 60): RandomCase[] {
  const rng = createRng(seed);
  const out: RandomCase[] = [];
  for (let t = 0; t < count; t++) {
    const n = 1 + rng.int(maxN);
    const c = 0.5 + rng.float64() * 7.5;
    out.push(gnp(rng, n, n > 1 ? Math.min(1, c / (n - 1)) : 0));
  }
  return out;
}

export function gnp(rng: Rng, n: number, p: number): RandomCase {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.float64() < p) edges.push([i, j]);
  return { n, edges, graph: fromEdges(edges, { order: n }) };
}

/** Proper-colouring check straight from the edge list (independent of isProperColouring). */
export function properOnEdges(edges: readonly (readonly [number, number])[], colours: ArrayLike<number>): boolean {
  return edges.every(([a, b]) => colours[a] !== colours[b]);
}

/** Maximum degree from the edge list. */
export function maxDegreeOf(n: number, edges: readonly (readonly [number, number])[]): number {
  const d = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    d[a]!++;
    d[b]!++;
  }
  return d.reduce((x, y) => Math.max(x, y), 0);
}

/** Degeneracy by the naive O(n²) rule: repeatedly delete a node of minimum remaining degree. */
export function naiveDegeneracy(n: number, edges: readonly (readonly [number, number])[]): number {
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  const alive = new Set<number>(Array.from({ length: n }, (_, i) => i));
  let k = 0;
  while (alive.size) {
    let best = -1;
    for (const v of alive) if (best < 0 || adj[v]!.size < adj[best]!.size) best = v;
    k = Math.max(k, adj[best]!.size);
    for (const u of adj[best]!) adj[u]!.delete(best);
    alive.delete(best);
  }
  return k;
}

/** Colours are exactly 0..count-1, each used at least once. */
export function usesExactly(colours: Int32Array, count: number): boolean {
  const used = new Uint8Array(count);
  for (const c of colours) {
    if (!(c >= 0 && c < count)) return false;
    used[c] = 1;
  }
  return used.every((x) => x === 1);
}

export function cycle(n: number): Graph {
  return fromEdges(Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]), { order: n });
}

export function complete(n: number): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
  return fromEdges(edges, { order: n });
}

/** Wheel with hub 0 and a rim cycle 1..rim. */
export function wheel(rim: number): Graph {
  const edges: [number, number][] = [];
  for (let i = 1; i <= rim; i++) {
    edges.push([0, i]);
    edges.push([i, (i % rim) + 1]);
  }
  return fromEdges(edges, { order: rim + 1 });
}

export function petersen(): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < 5; i++) {
    edges.push([i, (i + 1) % 5]);
    edges.push([i, i + 5]);
    edges.push([5 + i, 5 + ((i + 2) % 5)]);
  }
  return fromEdges(edges, { order: 10 });
}

export function grid(rows: number, cols: number): Graph {
  const edges: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) edges.push([v, v + 1]);
      if (r + 1 < rows) edges.push([v, v + cols]);
    }
  }
  return fromEdges(edges, { order: rows * cols });
}

export function path(n: number): Graph {
  return fromEdges(Array.from({ length: Math.max(0, n - 1) }, (_, i) => [i, i + 1] as [number, number]), { order: n });
}

/** Crown graph: u_i = 2i, v_i = 2i+1, u_i–v_j for i ≠ j. The natural order makes first-fit use k colours. */
export function crown(k: number): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) edges.push([2 * i, 2 * j + 1]);
  return fromEdges(edges, { order: 2 * k });
}

/**
 * Shared helpers for the planarity suites: loading graphs.json (written by ../fixtures/planarity/generate.py with
 * networkx) and building test graphs. Not a test file.
 */
import { readFileSync } from 'node:fs';
import { buildGraph, type Graph } from '../../src/index.js';

export interface PlanarityFixture {
  name: string;
  family: string;
  order: number;
  edges: [number, number][];
  /** networkx.check_planarity verdict. */
  planar: boolean;
}

export function loadFixtures(): PlanarityFixture[] {
  const text = readFileSync(new URL('../fixtures/planarity/graphs.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { graphs: PlanarityFixture[] }).graphs;
}

export function graphOf(order: number, edges: readonly (readonly [number, number])[]): Graph {
  return buildGraph(
    { order, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) },
    { duplicates: 'error', selfLoops: 'error' },
  ).graph;
}

export function completeGraph(k: number): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) edges.push([i, j]);
  return graphOf(k, edges);
}

/** K_{a,b} with sides 0..a-1 and a..a+b-1. */
export function completeBipartite(a: number, b: number): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) edges.push([i, a + j]);
  return graphOf(a + b, edges);
}

/** rows × cols lattice, node r·cols + c, built from typed arrays (fast for large sizes). */
export function gridGraph(rows: number, cols: number): Graph {
  const m = rows * (cols - 1) + cols * (rows - 1);
  const s = new Int32Array(m);
  const t = new Int32Array(m);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) {
        s[k] = v;
        t[k++] = v + 1;
      }
      if (r + 1 < rows) {
        s[k] = v;
        t[k++] = v + cols;
      }
    }
  }
  return buildGraph({ order: rows * cols, sources: s, targets: t }).graph;
}

/** Path 0 – 1 – … – (n−1). */
export function pathGraph(n: number): Graph {
  const s = new Int32Array(Math.max(0, n - 1));
  const t = new Int32Array(Math.max(0, n - 1));
  for (let i = 0; i + 1 < n; i++) {
    s[i] = i;
    t[i] = i + 1;
  }
  return buildGraph({ order: n, sources: s, targets: t }).graph;
}

export const PETERSEN_EDGES: [number, number][] = [
  [0, 1], [1, 2], [2, 3], [3, 4], [4, 0],
  [0, 5], [1, 6], [2, 7], [3, 8], [4, 9],
  [5, 7], [7, 9], [9, 6], [6, 8], [8, 5],
];

/** Shared test helpers for the generator suites (independent of the code under test). */
import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { validateGraph, type Graph } from '../../src/index.js';

export interface GraphRecord {
  order: number;
  edges: [number, number][];
  degrees: number[];
  [key: string]: unknown;
}

export interface Expected {
  versions: Record<string, string>;
  grid_2d_graph: (GraphRecord & { rows: number; cols: number; periodic: boolean | [boolean, boolean] })[];
  strong_product_of_paths: (GraphRecord & { rows: number; cols: number; periodic: boolean | [boolean, boolean] })[];
  cartesian_product_of_paths: (GraphRecord & {
    x: number;
    y: number;
    z: number;
    periodic: boolean | [boolean, boolean, boolean];
  })[];
  complete_graph: (GraphRecord & { n: number })[];
  complete_bipartite_graph: (GraphRecord & { a: number; b: number })[];
  cycle_graph: (GraphRecord & { n: number })[];
  path_graph: (GraphRecord & { n: number })[];
  star_graph: (GraphRecord & { n: number })[];
  wheel_graph: (GraphRecord & { n: number })[];
  petersen_graph: GraphRecord;
  karate_club_graph: GraphRecord & { weights: number[]; clubs: string[] };
  chi2_sf: { df: number; x: number; sf: number }[];
  scipy_delaunay: { seed: number; points: number[]; edges: [number, number][]; triangles: number; hull: number }[];
}

export const expected: Expected = JSON.parse(
  readFileSync(new URL('../fixtures/generators/expected.json', import.meta.url), 'utf8'),
) as Expected;

/** Edge list (u < v) sorted lexicographically, read from edgeSources/edgeTargets. */
export function sortedEdges(g: Graph): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < g.size; e++) {
    const a = g.edgeSources[e]!;
    const b = g.edgeTargets[e]!;
    out.push(g.directed ? [a, b] : [Math.min(a, b), Math.max(a, b)]);
  }
  out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return out;
}

export function degreeList(g: Graph): number[] {
  const out: number[] = [];
  for (let v = 0; v < g.order; v++) out.push(g.offsets[v + 1]! - g.offsets[v]!);
  return out;
}

/** Full CSR validation plus exact equality with a networkx record (order, edge set, degree sequence). */
export function expectMatchesRecord(g: Graph, rec: GraphRecord): void {
  validateGraph(g);
  expect(g.directed).toBe(false);
  expect(g.order).toBe(rec.order);
  expect(g.size).toBe(rec.edges.length);
  expect(sortedEdges(g)).toEqual(rec.edges);
  expect(degreeList(g)).toEqual(rec.degrees);
}

/** Number of connected components by BFS over the CSR rows (explicit queue). */
export function componentCount(g: Graph): number {
  const seen = new Uint8Array(g.order);
  const queue = new Int32Array(g.order);
  let count = 0;
  for (let s = 0; s < g.order; s++) {
    if (seen[s]) continue;
    count++;
    seen[s] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
        const w = g.targets[p]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
  }
  return count;
}

export function sameGraph(a: Graph, b: Graph): boolean {
  const eq = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.order === b.order && eq(a.edgeSources, b.edgeSources) && eq(a.edgeTargets, b.edgeTargets);
}

// ---- Statistics ----

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; |relative error| < 1e-13). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) (series for x < a + 1, Lentz continued fraction otherwise). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * lead;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return lead * h;
}

/** P(χ²_df ≥ x). */
export function chiSquareSf(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/**
 * Pearson's χ² goodness of fit. Bins are scanned in order and merged until each has expected count ≥ 5 (the usual
 * validity rule); returns the statistic, degrees of freedom (bins − 1) and the p-value.
 */
export function chiSquareTest(observed: readonly number[], expectedCounts: readonly number[]): { stat: number; df: number; p: number } {
  const obs: number[] = [];
  const exp: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < observed.length; i++) {
    o += observed[i]!;
    e += expectedCounts[i]!;
    if (e >= 5) {
      obs.push(o);
      exp.push(e);
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    if (exp.length === 0) {
      obs.push(o);
      exp.push(e);
    } else {
      obs[obs.length - 1]! += o;
      exp[exp.length - 1]! += e;
    }
  }
  let stat = 0;
  for (let i = 0; i < obs.length; i++) stat += (obs[i]! - exp[i]!) ** 2 / exp[i]!;
  const df = obs.length - 1;
  return { stat, df, p: chiSquareSf(stat, df) };
}

/** Counts how often each key occurs. */
export function tally(keys: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** A graph's edge set as a canonical string. */
export function edgeKey(g: Graph): string {
  return sortedEdges(g)
    .map(([a, b]) => `${a}-${b}`)
    .join(',');
}

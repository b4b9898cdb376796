/** Shared helpers of the io tests (not a test file itself). */
import { expect } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError, ParseError } from '../../src/errors/errors.js';
import type { Rng } from '../../src/random/rng.js';
import { meshFromArrays, type TriangleMesh } from '../../src/mesh/triangle-mesh.js';

export interface Where {
  file?: string;
  line: number;
  column?: number;
  /** A fragment the `expected` text must contain. */
  expected?: string | RegExp;
}

function checkParseError(err: unknown, where: Where): ParseError {
  if (!ParseError.isInstance(err)) {
    throw new Error(`expected a ParseError, got ${String(err)}${err instanceof Error ? `\n${err.stack}` : ''}`);
  }
  expect(err.file).toBe(where.file ?? '<string>');
  expect(err.line).toBe(where.line);
  if (where.column !== undefined) expect(err.column).toBe(where.column);
  if (where.expected !== undefined) expect(err.expected).toMatch(where.expected);
  expect(err.message).toContain(err.file);
  return err;
}

/** Runs `fn`, which must throw a ParseError at `where`. */
export function expectParseError(fn: () => unknown, where: Where): ParseError {
  try {
    fn();
  } catch (err) {
    return checkParseError(err, where);
  }
  throw new Error('expected a ParseError, but nothing was thrown');
}

export async function expectParseErrorAsync(promise: Promise<unknown>, where: Where): Promise<ParseError> {
  try {
    await promise;
  } catch (err) {
    return checkParseError(err, where);
  }
  throw new Error('expected a ParseError, but the promise resolved');
}

/** Runs `fn`, which must throw an InvalidArgumentError on `argument`. */
export function expectInvalidArgument(fn: () => unknown, argument: string): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    if (!InvalidArgumentError.isInstance(err)) throw new Error(`expected InvalidArgumentError, got ${String(err)}`);
    expect(err.argument).toBe(argument);
    return err;
  }
  throw new Error(`expected InvalidArgumentError on ${argument}, but nothing was thrown`);
}

export async function expectInvalidArgumentAsync(promise: Promise<unknown>, argument: string): Promise<InvalidArgumentError> {
  try {
    await promise;
  } catch (err) {
    if (!InvalidArgumentError.isInstance(err)) throw new Error(`expected InvalidArgumentError, got ${String(err)}`);
    expect(err.argument).toBe(argument);
    return err;
  }
  throw new Error(`expected InvalidArgumentError on ${argument}, but the promise resolved`);
}

/** Exact equality of two typed arrays (Object.is per element, so -0 differs from 0); fast on large arrays. */
export function expectSameArray(actual: ArrayLike<number> | undefined, expected: ArrayLike<number> | undefined, what = 'array'): void {
  if (actual === undefined || expected === undefined) {
    expect(actual).toBe(expected);
    return;
  }
  expect(`${what}.length ${actual.length}`).toBe(`${what}.length ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      expect(`${what}[${i}] = ${String(actual[i])}`).toBe(`${what}[${i}] = ${String(expected[i])}`);
    }
  }
}

/** Field-by-field equality of two graphs (CSR arrays, edge ids, weights, labels). */
export function expectSameGraph(actual: Graph, expected: Graph): void {
  expect(actual.directed).toBe(expected.directed);
  expect(actual.order).toBe(expected.order);
  expect(actual.size).toBe(expected.size);
  expectSameArray(actual.offsets, expected.offsets, 'offsets');
  expectSameArray(actual.targets, expected.targets, 'targets');
  expectSameArray(actual.edgeIds, expected.edgeIds, 'edgeIds');
  expectSameArray(actual.inOffsets, expected.inOffsets, 'inOffsets');
  expectSameArray(actual.inSources, expected.inSources, 'inSources');
  expectSameArray(actual.edgeSources, expected.edgeSources, 'edgeSources');
  expectSameArray(actual.edgeTargets, expected.edgeTargets, 'edgeTargets');
  expectSameArray(actual.weights, expected.weights, 'weights');
  if (actual.labels === undefined || expected.labels === undefined) expect(actual.labels).toBe(expected.labels);
  else expect(actual.labels.join('\u0000')).toBe(expected.labels.join('\u0000'));
}

/** A random graph with `n` nodes and about `m` edges (duplicates and self-loops merged/dropped). */
export function randomGraph(
  rng: Rng,
  n: number,
  m: number,
  opts: { directed?: boolean; weighted?: boolean; labels?: readonly string[] } = {},
): Graph {
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    src[i] = rng.int(Math.max(n, 1));
    dst[i] = rng.int(Math.max(n, 1));
    // Weights of every magnitude and sign, including integers, tiny and huge values, and -0.
    const kind = rng.int(5);
    w[i] = kind === 0 ? rng.int(100) - 50 : kind === 1 ? rng.normal() * 1e-300 : kind === 2 ? rng.normal() * 1e300 : kind === 3 ? -0 : rng.normal();
  }
  if (n === 0) return buildGraph({ order: 0, sources: [], targets: [] }, { directed: opts.directed ?? false }).graph;
  return buildGraph(
    { order: n, sources: src, targets: dst, weights: opts.weighted ? w : undefined },
    { directed: opts.directed ?? false, ...(opts.labels ? { labels: opts.labels } : {}) },
  ).graph;
}

/** A temporary folder removed by `cleanup`. */
export function createTempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'isinglab-io-'));
  return {
    dir,
    write(name: string, text: string): string {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Connected components of an undirected graph by union–find (independent of the components topic). */
export function countComponents(graph: Graph): number {
  const parent = new Int32Array(graph.order);
  for (let v = 0; v < graph.order; v++) parent[v] = v;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  let count = graph.order;
  for (let e = 0; e < graph.size; e++) {
    const a = find(graph.edgeSources[e]!);
    const b = find(graph.edgeTargets[e]!);
    if (a !== b) {
      parent[a] = b;
      count--;
    }
  }
  return count;
}

/** Named small graphs as edge pairs (built independently of the generators topic). */
export function namedGraphs(): Record<string, { order: number; edges: [number, number][] }> {
  const path = (n: number) => ({ order: n, edges: Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]) });
  const cycle = (n: number) => ({ order: n, edges: Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]) });
  const complete = (n: number) => {
    const edges: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
    return { order: n, edges };
  };
  const k33 = { order: 6, edges: [] as [number, number][] };
  for (let i = 0; i < 3; i++) for (let j = 3; j < 6; j++) k33.edges.push([i, j]);
  const petersen = { order: 10, edges: [] as [number, number][] };
  for (let i = 0; i < 5; i++) {
    petersen.edges.push([i, (i + 1) % 5], [i, i + 5], [5 + i, 5 + ((i + 2) % 5)]);
  }
  const grid = { order: 12, edges: [] as [number, number][] };
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      if (c + 1 < 4) grid.edges.push([4 * r + c, 4 * r + c + 1]);
      if (r + 1 < 3) grid.edges.push([4 * r + c, 4 * (r + 1) + c]);
    }
  }
  return {
    empty: { order: 0, edges: [] },
    single: { order: 1, edges: [] },
    disconnected: { order: 7, edges: [[0, 1], [1, 2], [4, 5]] },
    path5: path(5),
    cycle6: cycle(6),
    K4: complete(4),
    K5: complete(5),
    K33: k33,
    petersen,
    grid3x4: grid,
  };
}

/** A random triangle mesh (every vertex used, no degenerate triangle) built through meshFromArrays. */
export function randomMesh(rng: Rng): TriangleMesh {
  const n = 3 + rng.int(30);
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < 3 * n; i++) {
    const kind = rng.int(4);
    positions[i] = kind === 0 ? rng.int(21) - 10 : kind === 1 ? -0 : rng.normal() * 10 ** (rng.int(41) - 20);
  }
  const faces: number[] = [];
  const f = 1 + rng.int(3 * n);
  for (let t = 0; t < f; t++) {
    const a = rng.int(n);
    const b = (a + 1 + rng.int(n - 1)) % n;
    let c = rng.int(n);
    while (c === a || c === b) c = rng.int(n);
    faces.push(a, b, c);
  }
  return meshFromArrays(positions, faces).mesh;
}

export function expectSameMesh(actual: TriangleMesh, expected: TriangleMesh): void {
  expect(actual.vertexCount).toBe(expected.vertexCount);
  expect(actual.faceCount).toBe(expected.faceCount);
  expectSameArray(actual.positions, expected.positions, 'positions');
  expectSameArray(actual.faces, expected.faces, 'faces');
  expectSameGraph(actual.graph, expected.graph);
}

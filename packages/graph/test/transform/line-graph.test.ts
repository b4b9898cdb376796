import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { validateGraph } from '../../src/core/queries.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { createRng } from '../../src/random/rng.js';
import { lineGraph } from '../../src/transform/line-graph.js';

interface Case {
  name: string;
  n: number;
  edges: [number, number][];
  lineEdges?: [number, number, number][];
}

const fixture = (
  JSON.parse(readFileSync(new URL('../fixtures/colouring/expected.json', import.meta.url), 'utf8')) as { cases: Case[] }
).cases.filter((c) => c.lineEdges !== undefined);

/** L's edges as sorted [smaller, larger, shared] triples, read from edgeSources/edgeTargets. */
function triples(line: Graph, shared: Int32Array): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let e = 0; e < line.size; e++) out.push([line.edgeSources[e]!, line.edgeTargets[e]!, shared[e]!]);
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

function sumChoose2(n: number, edges: [number, number][]): number {
  const d = new Array<number>(n).fill(0);
  for (const [a, b] of edges) {
    d[a]!++;
    d[b]!++;
  }
  return d.reduce((s, k) => s + (k * (k - 1)) / 2, 0);
}

/** Brute force: every pair of input edges, adjacent when they share an end. */
function bruteLine(edges: [number, number][]): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = edges[i]!;
      const [c, d] = edges[j]!;
      const shared = a === c || a === d ? a : b === c || b === d ? b : -1;
      if (shared >= 0) out.push([i, j, shared]);
    }
  }
  return out;
}

describe('lineGraph', () => {
  it(`equals networkx line_graph on ${fixture.length} fixture graphs (edge i ↔ node i), with the shared nodes`, () => {
    expect(fixture.length).toBeGreaterThanOrEqual(80);
    for (const c of fixture) {
      const { graph: line, sharedNode } = lineGraph(fromEdges(c.edges, { order: c.n }));
      validateGraph(line);
      expect(line.order).toBe(c.edges.length);
      expect(line.size).toBe(sumChoose2(c.n, c.edges));
      expect(line.directed).toBe(false);
      expect({ name: c.name, edges: triples(line, sharedNode) }).toEqual({ name: c.name, edges: c.lineEdges });
    }
  });

  it('equals a brute-force pair scan on 60 seeded random graphs and numbers L’s edges lexicographically', () => {
    const rng = createRng(41);
    for (let t = 0; t < 60; t++) {
      const n = 1 + rng.int(40);
      const p = rng.float64() * 0.3;
      const edges: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.float64() < p) edges.push(rng.int(2) ? [i, j] : [j, i]);
      // Shuffle so edge ids are not sorted by endpoint.
      for (let i = edges.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [edges[i], edges[j]] = [edges[j]!, edges[i]!];
      }
      const { graph: line, sharedNode } = lineGraph(fromEdges(edges, { order: n }));
      validateGraph(line);
      const expected = bruteLine(edges);
      expect(line.size).toBe(expected.length);
      // Edge ids follow the lexicographic order of (smaller, larger) input-edge pairs: no sort needed here.
      const inIdOrder: [number, number, number][] = [];
      for (let e = 0; e < line.size; e++) inIdOrder.push([line.edgeSources[e]!, line.edgeTargets[e]!, sharedNode[e]!]);
      expect(inIdOrder).toEqual(expected);
    }
  });

  it('named graphs: L(K3) = K3, L(star) = K_n, L(path) = path, L(cycle) = cycle, L(K4) = octahedron, L(Petersen)', () => {
    const k3 = lineGraph(fromEdges([[0, 1], [1, 2], [0, 2]])).graph;
    expect([k3.order, k3.size]).toEqual([3, 3]);
    const star = lineGraph(fromEdges([[0, 1], [0, 2], [0, 3], [0, 4], [0, 5]]));
    expect([star.graph.order, star.graph.size]).toEqual([5, 10]);
    expect(Array.from(star.sharedNode).every((v) => v === 0)).toBe(true);
    const pathLine = lineGraph(fromEdges(Array.from({ length: 9 }, (_, i) => [i, i + 1] as [number, number]))).graph;
    expect([pathLine.order, pathLine.size]).toEqual([9, 8]);
    const cyc = lineGraph(fromEdges(Array.from({ length: 7 }, (_, i) => [i, (i + 1) % 7] as [number, number]))).graph;
    expect([cyc.order, cyc.size]).toEqual([7, 7]);
    for (let v = 0; v < 7; v++) expect(cyc.offsets[v + 1]! - cyc.offsets[v]!).toBe(2);
    const k4 = lineGraph(fromEdges([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])).graph;
    expect([k4.order, k4.size]).toEqual([6, 12]);
    for (let v = 0; v < 6; v++) expect(k4.offsets[v + 1]! - k4.offsets[v]!).toBe(4);
    const pet: [number, number][] = [];
    for (let i = 0; i < 5; i++) pet.push([i, (i + 1) % 5], [i, i + 5], [5 + i, 5 + ((i + 2) % 5)]);
    const petLine = lineGraph(fromEdges(pet)).graph;
    expect([petLine.order, petLine.size]).toEqual([15, 30]);
  });

  it('empty and edgeless graphs give an empty line graph; weights and labels are not carried over', () => {
    for (const order of [0, 1, 5]) {
      const r = lineGraph(fromEdges([], { order }));
      expect([r.graph.order, r.graph.size, r.sharedNode.length]).toEqual([0, 0, 0]);
    }
    const weighted = lineGraph(fromEdges([[0, 1], [1, 2]], { weights: [2, 3], labels: ['a', 'b', 'c'] })).graph;
    expect(weighted.weights).toBeUndefined();
    expect(weighted.labels).toBeUndefined();
    expect(Array.from(weighted.targets)).toEqual([1, 0]);
  });

  it('rejects bad input', () => {
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => lineGraph({ order: 2 } as unknown as Graph), 'graph'],
      ['directed graph', () => lineGraph(fromEdges([[0, 1]], { directed: true })), 'graph'],
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

import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, buildGraph, fromEdges, pathGraph } from '@isinglab/graph';
import { adjacencyFromGraph, normaliseAdjacency, sparseAdjacency, type SparseAdjacency } from '../../src/index.js';
import { denseOf, maxAbsDiff } from '../helpers/dense.js';

function entries(a: SparseAdjacency): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.rows; i++) for (let e = a.rowOffsets[i]!; e < a.rowOffsets[i + 1]!; e++) out.push(`${i}<-${a.colIndices[e]}:${a.values[e]}`);
  return out;
}

describe('sparseAdjacency', () => {
  it('stores coordinates row by row, keeps duplicates, and its transposed index lists every entry once', () => {
    const a = sparseAdjacency({ rows: 3, cols: 4, receivers: [2, 0, 2, 0, 2], senders: [3, 1, 3, 0, 0], values: [1, 2, 3, 4, 5] });
    expect(entries(a)).toEqual(['0<-1:2', '0<-0:4', '2<-3:1', '2<-3:3', '2<-0:5']);
    expect(Array.from(a.rowCounts)).toEqual([2, 0, 3]);
    const seen = new Set<number>();
    for (let j = 0; j < a.cols; j++) {
      for (let k = a.transposeOffsets[j]!; k < a.transposeOffsets[j + 1]!; k++) {
        const e = a.transposeEntry[k]!;
        expect(a.colIndices[e]).toBe(j);
        const row = a.transposeRows[k]!;
        expect(e).toBeGreaterThanOrEqual(a.rowOffsets[row]!);
        expect(e).toBeLessThan(a.rowOffsets[row + 1]!);
        seen.add(e);
      }
    }
    expect(seen.size).toBe(a.nnz);
  });

  const bad: [string, () => unknown, string][] = [
    ['a receiver out of range', () => sparseAdjacency({ rows: 2, receivers: [0, 2], senders: [0, 1] }), 'init.receivers[1]'],
    ['a fractional sender', () => sparseAdjacency({ rows: 2, receivers: [0], senders: [0.5] }), 'init.senders[0]'],
    ['senders of another length', () => sparseAdjacency({ rows: 2, receivers: [0, 1], senders: [0] }), 'init.senders'],
    ['a NaN value', () => sparseAdjacency({ rows: 2, receivers: [0], senders: [1], values: [Number.NaN] }), 'init.values[0]'],
    ['negative rows', () => sparseAdjacency({ rows: -1, receivers: [], senders: [] }), 'init.rows'],
    ['an unknown field', () => sparseAdjacency({ rows: 1, receivers: [], senders: [], weights: [] } as never), 'options.weights'],
  ];
  for (const [name, fn, argument] of bad) {
    it(`rejects ${name} (InvalidArgumentError on ${argument})`, () => {
      expect(fn).toThrow(InvalidArgumentError);
      try {
        fn();
      } catch (error) {
        expect((error as InvalidArgumentError).argument).toBe(argument);
        expect((error as Error).message).toMatch(/^@isinglab\/gnn sparseAdjacency: /);
      }
    });
  }
});

describe('adjacencyFromGraph', () => {
  it('undirected: both directions, self-loops sorted into each row, weights used', () => {
    const g = fromEdges([[0, 1], [1, 2]], { weights: [2, 3] });
    expect(entries(adjacencyFromGraph(g))).toEqual(['0<-1:2', '1<-0:2', '1<-2:3', '2<-1:3']);
    expect(entries(adjacencyFromGraph(g, { selfLoops: true, values: 'ones' }))).toEqual(['0<-0:1', '0<-1:1', '1<-0:1', '1<-1:1', '1<-2:1', '2<-1:1', '2<-2:1']);
  });

  it("directed: 'in' receives along the arcs, 'out' along the reversed arcs", () => {
    const { graph } = buildGraph({ order: 3, sources: [0, 0, 2], targets: [1, 2, 1] }, { directed: true });
    expect(entries(adjacencyFromGraph(graph))).toEqual(['1<-0:1', '1<-2:1', '2<-0:1']);
    expect(entries(adjacencyFromGraph(graph, { direction: 'out' }))).toEqual(['0<-1:1', '0<-2:1', '2<-1:1']);
  });

  it('row normalisation makes every non-empty row sum to 1; symmetric is D^-1/2 A D^-1/2', () => {
    const g = pathGraph(4);
    const row = denseOf(adjacencyFromGraph(g, { normalisation: 'row' }));
    for (let i = 0; i < 4; i++) expect(row.data.subarray(i * 4, i * 4 + 4).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    const sym = denseOf(adjacencyFromGraph(g, { normalisation: 'symmetric' }));
    const deg = [1, 2, 2, 1];
    const want = new Float64Array(16);
    for (const [u, v] of [[0, 1], [1, 2], [2, 3]] as const) {
      want[u * 4 + v] = 1 / Math.sqrt(deg[u]! * deg[v]!);
      want[v * 4 + u] = want[u * 4 + v]!;
    }
    expect(maxAbsDiff(sym.data, want)).toBeLessThan(1e-7);
    expect(maxAbsDiff(denseOf(normaliseAdjacency(adjacencyFromGraph(g), 'symmetric')).data, want)).toBeLessThan(1e-7);
  });

  it('an isolated node without self-loop keeps an empty row under normalisation (no NaN)', () => {
    const g = fromEdges([[0, 1]], { order: 3 });
    const a = adjacencyFromGraph(g, { normalisation: 'symmetric' });
    expect(a.rowOffsets[3]! - a.rowOffsets[2]!).toBe(0);
    expect(Array.from(a.values).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad options and negative row sums under normalisation', () => {
    const g = pathGraph(3);
    expect(() => adjacencyFromGraph(g, { normalisation: 'sym' as never })).toThrow(InvalidArgumentError);
    expect(() => adjacencyFromGraph(g, { selfLoops: 1 as never })).toThrow(InvalidArgumentError);
    expect(() => adjacencyFromGraph({} as never)).toThrow(InvalidArgumentError);
    const negative = fromEdges([[0, 1]], { weights: [-1] });
    expect(() => adjacencyFromGraph(negative, { normalisation: 'row' })).toThrow(/non-negative/);
  });
});
